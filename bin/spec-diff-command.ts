import { Argument, Command, Option } from 'commander';
// Only the profile names here: the spec and the diff engine load when the command runs, not for its --help.
import { PROFILES, type Profile } from '../spec/profiles.js';
import type { CheckOutcome } from './check-command.js';
import type { CliIo } from './io.js';

const FAIL_ON = ['breaking', 'warning'] as const;
const LEVELS = ['error', 'warning', 'info'] as const;

export interface SpecDiffFlags {
  failOn?: (typeof FAIL_ON)[number];
  level: (typeof LEVELS)[number];
  json?: string;
  markdown?: string;
}

async function runSpecDiff(from: Profile, to: Profile, flags: SpecDiffFlags, io: CliIo, outcome: CheckOutcome): Promise<void> {
  const { diffSpecs, failsOn } = await import('../spec/diff/index.js');
  const render = await import('./spec-diff-render.js');
  const diff = diffSpecs({ profile: from }, { profile: to });
  io.stdout(render.formatSpecDiff(diff, flags.level));
  if (flags.json) {
    await io.writeFile(flags.json, render.formatSpecDiffJson(diff));
    io.stderr(`wrote the diff as JSON to ${flags.json}\n`);
  }
  if (flags.markdown) {
    await io.writeFile(flags.markdown, render.formatSpecDiffMarkdown(diff));
    io.stderr(`wrote the diff as Markdown to ${flags.markdown}\n`);
  }
  if (flags.failOn && failsOn(diff, flags.failOn)) outcome.exitCode = 1;
}

const HELP = `
Levels: error breaks a client written against <profileA>, warning may break one, info does not. Each change names
its rule id (e.g. response-required-field-removed) and the spec id of the entry it is in.

Exit codes: 0 done (with --fail-on: no such change), 1 --fail-on found a change at that level, 2 usage error.

Examples:
  eliza-wire spec diff documented elizaos-1.7
  eliza-wire spec diff elizaos-1.7 documented --level warning --markdown diff.md --json diff.json
  eliza-wire spec diff documented elizaos-1.7 --fail-on breaking
`;

/** `eliza-wire spec diff <profileA> <profileB>`: what changed between two profiles, for a client of the first. */
export function specDiffCommand(io: CliIo, outcome: CheckOutcome): Command {
  return new Command('diff')
    .description('What changed from one profile to another, for a client of the first: each change with its rule, level and spec id')
    .addArgument(new Argument('<profileA>', 'the profile a client was written against').choices(PROFILES))
    .addArgument(new Argument('<profileB>', 'the profile it meets').choices(PROFILES))
    .addOption(new Option('--fail-on <what>', 'exit 1 when a change at this level exists: breaking (errors) or warning (errors and warnings)').choices(FAIL_ON))
    .addOption(new Option('--level <level>', 'print changes at this level and stricter').choices(LEVELS).default('info'))
    .option('--json <file>', 'write the whole diff as JSON')
    .option('--markdown <file>', 'write the whole diff as a Markdown report')
    .addHelpText('after', HELP)
    .action((from: Profile, to: Profile, flags: SpecDiffFlags) => runSpecDiff(from, to, flags, io, outcome));
}
