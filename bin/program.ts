import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import type { CliIo } from './io.js';
import { specCommand } from './spec-command.js';
import { mockCommand } from './mock-command.js';
import { checkCommand, type CheckOutcome } from './check-command.js';
import { benchCommand } from './bench-command.js';
import { diffCommand } from './diff-command.js';
import { UsageError } from './errors.js';

function packageVersion(): string {
  const url = new URL('../package.json', import.meta.url);
  const fallback = new URL('../../package.json', import.meta.url);
  for (const candidate of [url, fallback]) {
    try {
      return (JSON.parse(readFileSync(candidate, 'utf8')) as { version: string }).version;
    } catch {
      // try the next location: the source tree and the built dist/ differ by one level
    }
  }
  return '0.0.0';
}

/** The `eliza-wire` command tree. Output goes through `io`; nothing here calls process.exit. */
export function createProgram(io: CliIo, options: { stop?: () => Promise<string>; outcome?: CheckOutcome } = {}): Command {
  const program = new Command('eliza-wire')
    .description('The ElizaOS client-server protocol as data: spec, mock server, conformance checks and load scenarios')
    .version(packageVersion(), '-v, --version')
    .showSuggestionAfterError(true)
    // a command's options follow its name (`bench merge … --json x` is merge's --json, not bench's)
    .enablePositionalOptions()
    .addCommand(specCommand(io))
    .addCommand(checkCommand(io, options.outcome ?? { exitCode: 0 }))
    .addCommand(benchCommand(io, options.outcome ?? { exitCode: 0 }))
    .addCommand(diffCommand(io, options.outcome ?? { exitCode: 0 }))
    .addCommand(mockCommand(io, options.stop, options.outcome ?? { exitCode: 0 }));
  const configure = (cmd: Command) => {
    cmd.exitOverride().configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      outputError: () => undefined,
    });
    cmd.commands.forEach(configure);
  };
  configure(program);
  return program;
}

function commandPath(argv: string[]): string {
  const sub = argv.find((a) => !a.startsWith('-'));
  return sub ? `eliza-wire ${sub}` : 'eliza-wire';
}

/**
 * Runs the CLI and returns the exit code: 0 done, 2 usage error (with a one-line message and a hint).
 * Commands that check or measure return 1 on a finding.
 */
export async function run(argv: string[], io: CliIo, options: { stop?: () => Promise<string> } = {}): Promise<number> {
  const outcome: CheckOutcome = { exitCode: 0 };
  const program = createProgram(io, { ...options, outcome });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return outcome.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      io.stderr(`${error.message.replace(/^error: /, 'eliza-wire: ')}\n  run '${commandPath(argv)} --help' for usage\n`);
      return 2;
    }
    if (error instanceof UsageError) {
      io.stderr(`eliza-wire: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`);
      return 2;
    }
    throw error;
  }
}
