import { Command, Option } from 'commander';
import { PROFILES, type Profile } from '../spec/profiles.js';
import type { CheckOutcome } from './check-command.js';
import type { CliIo } from './io.js';
import { intFlag } from './parse.js';

export interface DiffFlags {
  profile?: Profile;
  apiKey?: string;
  socketApiKey?: string;
  json?: string;
  markdown?: string;
  known?: string;
  only: string[];
  timeout: number;
}

const collect = (value: string, previous: string[]) => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

export function diffCommand(io: CliIo, outcome: CheckOutcome): Command {
  return new Command('diff')
    .description('Run the socket flows and REST reads against two servers and print how their answers differ (ids, times and versions masked)')
    .argument('<urlA>', 'the first server, e.g. a reference: http://127.0.0.1:3000')
    .argument('<urlB>', 'the second server, e.g. the one under test: http://127.0.0.1:3001')
    .addOption(new Option('--profile <profile>', 'the flows and reads of this profile (default elizaos-1.7)').choices(PROFILES))
    .option('--api-key <key>', 'REST API key (X-API-KEY), sent to both servers')
    .option('--socket-api-key <key>', 'socket API key (handshake auth.apiKey), sent to both servers')
    .option('--known <file>', 'explained differences (YAML or JSON list of {where, path?, why}): listed apart, not failing')
    .option('--json <file>', 'write the whole diff as JSON')
    .option('--markdown <file>', 'write the diff as a Markdown report')
    .option('--only <glob>', 'run only flows and reads whose id matches (repeatable, comma-separated), e.g. "flow.send,agents.*"', collect, [])
    .option('--timeout <ms>', 'per request', intFlag('--timeout', 100, 600_000), 5000)
    .addHelpText('after', '\nExit codes: 0 no unexplained difference, 1 unexplained differences, 2 usage error or a server unreachable.\n\nExamples:\n  eliza-wire diff http://127.0.0.1:3000 http://127.0.0.1:3001\n  eliza-wire diff $REFERENCE $SERVER --profile elizaos-1.7 --known known.yaml --markdown diff.md\n')
    .action(async (a: string, b: string, flags: DiffFlags) => (await import('./diff-run.js')).runDiffCommand(a, b, flags, io, outcome));
}
