import { Command, Option } from 'commander';
import { PROFILES, type Profile } from '../spec/profiles.js';
import type { CliIo } from './io.js';
import { intFlag } from './parse.js';

export interface CheckFlags {
  profile?: Profile | 'auto';
  level: 'must' | 'should' | 'may';
  apiKey?: string;
  socketApiKey?: string;
  only: string[];
  skip: string[];
  reporter: string[];
  timeout: number;
  checkTimeout?: number;
  concurrency: number;
  seed: number;
  list?: boolean;
  json?: boolean;
}

/** The exit code of the last `check` (the action cannot return it through commander). */
export interface CheckOutcome {
  exitCode: number;
}

const collect = (value: string, previous: string[]) => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

export function checkCommand(io: CliIo, outcome: CheckOutcome): Command {
  return new Command('check')
    .description('Run the conformance checks against a server (no URL: the built-in mock) and report a verdict')
    .argument('[url]', 'the server to check, e.g. http://127.0.0.1:3000')
    .addOption(new Option('--profile <profile>', 'the contract to check against (default elizaos-1.7); auto: the release the target reports (GET /api/system/version, else its behaviour)').choices([...PROFILES, 'auto']))
    .addOption(new Option('--level <level>', 'the strictest level to run: must (MUST checks), should (MUST and SHOULD), may (every check)').choices(['must', 'should', 'may']).default('must'))
    .option('--api-key <key>', 'REST API key (X-API-KEY); enables the auth checks')
    .option('--socket-api-key <key>', 'socket API key (handshake auth.apiKey)')
    .option('--only <glob>', 'run only checks whose id matches (repeatable, comma-separated), e.g. "socket.*"', collect, [])
    .option('--skip <glob>', 'skip checks whose id matches (repeatable)', collect, [])
    .option('--reporter <name[:path]>', 'console, json, junit, markdown, html; repeatable; :path writes a file', collect, [])
    .option('--timeout <ms>', 'per request and per wait', intFlag('--timeout', 100, 600_000), 5000)
    .option('--check-timeout <ms>', 'the most one check may take, plus the waits its spec sets (default 6 x --timeout)', intFlag('--check-timeout', 100, 3_600_000))
    .option('--concurrency <n>', 'checks run at once', intFlag('--concurrency', 1, 64), 4)
    .option('--seed <n>', 'seed of the built-in mock', intFlag('--seed', 0), 1)
    .option('--list', 'list the checks (id, title, level per profile, spec ids) instead of running them; --only/--skip filter')
    .option('--json', 'with --list: print the checks as JSON')
    .addHelpText('after', '\nExit codes: 0 every selected check passed, 1 a check failed, 2 usage error, target unreachable or gone during the run, 130/143 stopped by SIGINT/SIGTERM (the partial report is printed).\n\nExamples:\n  eliza-wire check\n  eliza-wire check http://127.0.0.1:3000 --profile elizaos-1.7 --api-key $KEY --reporter console --reporter junit:junit.xml\n  eliza-wire check --profile documented --level may --only "socket.*"\n  eliza-wire check --list\n  eliza-wire check http://127.0.0.1:3000 --profile auto\n')
    .action(async (url: string | undefined, flags: CheckFlags) => (await import('./check-run.js')).runCheck(url, flags, io, outcome));
}
