import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import type { CheckOutcome } from './check-command.js';
import { COMMANDS, commandTerm, isCommandName, stubCommand, type CommandContext, type CommandName } from './commands.js';
import type { CliIo } from './io.js';
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

/**
 * The `eliza-wire` command tree from the given top-level commands (full definitions or stubs), in the table's
 * order. Output goes through `io`; nothing here calls process.exit.
 */
export function buildProgram(io: CliIo, commands: Partial<Record<CommandName, Command>>): Command {
  const program = new Command('eliza-wire')
    .description('The ElizaOS client-server protocol as data: spec, mock server, conformance checks and load scenarios')
    .version(packageVersion(), '-v, --version')
    .showSuggestionAfterError(true)
    // a command's options follow its name (`bench merge … --json x` is merge's --json, not bench's)
    .enablePositionalOptions()
    .configureHelp({ subcommandTerm: commandTerm });
  for (const name of Object.keys(COMMANDS) as CommandName[]) program.addCommand(commands[name] ?? stubCommand(name));
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

/** The top-level command argv runs (`help <name>` included), if it names one: the only one worth loading. */
export function commandToLoad(argv: readonly string[]): CommandName | undefined {
  const operands = argv.filter((a) => !a.startsWith('-'));
  const name = operands[0] === 'help' ? operands[1] : operands[0];
  return isCommandName(name) ? name : undefined;
}

/** The program with the command argv names fully defined (its code loaded) and the others as stubs. */
export async function createProgram(argv: readonly string[], ctx: CommandContext): Promise<Command> {
  const name = commandToLoad(argv);
  return buildProgram(ctx.io, name ? { [name]: await COMMANDS[name].load(ctx) } : {});
}

/** The command whose `--help` explains a usage error: the deepest command of the tree that argv names. */
function commandPath(program: Command, argv: readonly string[]): string {
  const path = ['eliza-wire'];
  let current = program;
  for (const arg of argv) {
    const sub = arg.startsWith('-') ? undefined : current.commands.find((c) => c.name() === arg);
    if (!sub) continue;
    path.push(arg);
    current = sub;
  }
  return path.join(' ');
}

/** The hint after a commander error: a help command that exists (a mistyped command has no `--help`). */
function hintFor(error: CommanderError, program: Command, argv: readonly string[]): string {
  if (error.code === 'commander.unknownCommand') {
    const suggested = /\(Did you mean (\S+)\?\)/.exec(error.message)?.[1];
    return suggested && isCommandName(suggested) ? `run 'eliza-wire ${suggested} --help' for its usage, or 'eliza-wire --help' for every command` : `run 'eliza-wire --help' for the commands`;
  }
  return `run '${commandPath(program, argv)} --help' for usage`;
}

/**
 * Runs the CLI and returns the exit code: 0 done, 2 usage error (with a one-line message and a hint).
 * Commands that check or measure return 1 on a finding.
 */
export async function run(argv: string[], io: CliIo, options: { stop?: () => Promise<string> } = {}): Promise<number> {
  const outcome: CheckOutcome = { exitCode: 0 };
  const program = await createProgram(argv, { io, outcome, ...options });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return outcome.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      io.stderr(`${error.message.replace(/^error: /, 'eliza-wire: ')}\n  ${hintFor(error, program, argv)}\n`);
      return 2;
    }
    if (error instanceof UsageError) {
      io.stderr(`eliza-wire: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`);
      return 2;
    }
    throw error;
  }
}
