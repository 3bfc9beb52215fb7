import { Command, Help } from 'commander';
import type { CheckOutcome } from './check-command.js';
import type { CliIo } from './io.js';

/** What a command definition is handed: its output, the exit code it sets, and (mock) what stops it. */
export interface CommandContext {
  io: CliIo;
  outcome: CheckOutcome;
  stop?: () => Promise<string>;
}

/**
 * One top-level command as `eliza-wire --help` lists it, and how to load its full definition. The definitions
 * import the spec (zod) and, for `mock`, the server: 0.2–0.5 s that `--help` and `--version` do not pay.
 */
interface CommandEntry {
  /** The first line of `eliza-wire --help`'s entry: the full definition's description (a test keeps them equal). */
  summary: string;
  /** The usage term the help lists, e.g. `check [options] [url]` (a test keeps it equal to the definition's). */
  term: string;
  load: (ctx: CommandContext) => Promise<Command>;
}

export const COMMANDS = {
  spec: {
    summary: 'List the spec, write it as OpenAPI 3.1, AsyncAPI 3.0 or JSON Schema, or diff two profiles',
    term: 'spec [options]',
    load: async (ctx) => (await import('./spec-command.js')).specCommand(ctx.io, ctx.outcome),
  },
  check: {
    summary: 'Run the conformance checks against a server (no URL: the built-in mock) and report a verdict',
    term: 'check [options] [url]',
    load: async (ctx) => (await import('./check-command.js')).checkCommand(ctx.io, ctx.outcome),
  },
  bench: {
    summary: 'Load a server (no URL: the built-in mock, in a child process) and time broadcasts, connects, agent replies or REST reads',
    term: 'bench [options] [url]',
    load: async (ctx) => (await import('./bench-command.js')).benchCommand(ctx.io, ctx.outcome),
  },
  diff: {
    summary: 'Run the socket flows and REST reads against two servers and print how their answers differ (ids, times and versions masked)',
    term: 'diff [options] <urlA> <urlB>',
    load: async (ctx) => (await import('./diff-command.js')).diffCommand(ctx.io, ctx.outcome),
  },
  mock: {
    summary: 'Run the stateful mock server: every REST operation and socket event of the spec, an echo agent',
    term: 'mock [options]',
    load: async (ctx) => (await import('./mock-command.js')).mockCommand(ctx.io, ctx.stop, ctx.outcome),
  },
} satisfies Record<string, CommandEntry>;

export type CommandName = keyof typeof COMMANDS;

export function isCommandName(name: string | undefined): name is CommandName {
  return name !== undefined && Object.hasOwn(COMMANDS, name);
}

/** A stand-in for a command that is not run: enough for the program's help and its did-you-mean. */
export function stubCommand(name: CommandName): Command {
  return new Command(name).description(COMMANDS[name].summary);
}

const defaultHelp = new Help();

/** The usage term of a command in a help's list: the table's for a top-level one, so a stub lists as the full one. */
export function commandTerm(command: Command): string {
  const name = command.name();
  return command.parent?.parent === null && isCommandName(name) ? COMMANDS[name].term : defaultHelp.subcommandTerm(command);
}
