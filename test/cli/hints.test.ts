/**
 * Every usage error the CLI prints ends with a hint; every command a hint names must work. This provokes the usage
 * errors of every command (unknown commands and options, a bad value of each option that checks its value, missing
 * arguments and option values, the commands' own checks), extracts each `eliza-wire …` the hint names and runs it:
 * a `--help` must exit 0 and print a usage; any other command must parse (its action replaced, nothing runs).
 */
import type { Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { fullProgram } from '../../bin/cli-docs.js';
import type { CliIo } from '../../bin/io.js';
import { run } from '../../bin/program.js';
import { freePort } from '../helpers/ports.js';

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** A mock that a case starts by mistake stops at once instead of waiting for a signal. */
const stopSoon = () => new Promise<string>((resolve) => setTimeout(() => resolve('SIGTERM'), 200));

async function cli(argv: readonly string[]): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), writeFile: async () => undefined };
  return { code: await run([...argv], io, { stop: stopSoon }), stdout, stderr };
}

const silent: CliIo = { stdout: () => undefined, stderr: () => undefined, writeFile: async () => undefined };

/** Every command of the tree with its path (`['bench', 'merge']`), the program itself left out. */
function commandsOf(command: Command, path: string[] = []): { path: string[]; command: Command }[] {
  return command.commands.flatMap((sub) => [{ path: [...path, sub.name()], command: sub }, ...commandsOf(sub, [...path, sub.name()])]);
}

const tree = commandsOf(fullProgram({ io: silent, outcome: { exitCode: 0 } }));

/** A value the option's own parser turns down, if it checks values at all (`--only` takes any glob). */
function badValues(option: Option): string[] {
  if (option.argChoices) return ['not-a-choice'];
  if (!option.parseArg || !option.required) return [];
  return ['abc', '-1', '99999999999', ''].filter((value) => {
    try {
      option.parseArg?.(value, option.defaultValue as never);
      return false;
    } catch {
      return true;
    }
  });
}

function optionCases(path: string[], command: Command): string[][] {
  const cases: string[][] = [[...path, '--no-such-option']];
  for (const option of command.options) {
    const flag = option.long;
    if (!flag || flag === '--help') continue;
    for (const value of badValues(option)) cases.push([...path, flag, value]);
    if (option.required) cases.push([...path, flag]);
  }
  const required = command.registeredArguments.filter((a) => a.required).length;
  if (required > 0) cases.push(path);
  return cases;
}

/** What the commands check themselves, past commander: flag combinations, URLs, files, targets. */
const closed = `http://127.0.0.1:${await freePort()}`;
const commandCases: string[][] = [
  ['--no-such-option'],
  ['chek'],
  ['mokc', '--port', '0'],
  ['xyzzy'],
  ['spec', '--list', '--format', 'openapi'],
  ['spec', '--out', 'x.json'],
  ['check', 'not-a-url'],
  ['check', 'ftp://127.0.0.1'],
  ['check', closed, '--timeout', '200'],
  ['check', closed, '--reporter', 'no-such-reporter'],
  ['check', closed, '--only', 'no.such.check'],
  ['bench', 'not-a-url'],
  ['bench', closed, '--messages', '5'],
  ['bench', closed, '--threshold', 'not-a-rule'],
  ['bench', '--messages', '5', '--duration', '5'],
  ['bench', 'merge', '/nonexistent/a.json'],
  ['diff', 'not-a-url', 'http://127.0.0.1:1'],
  ['diff', closed, closed, '--timeout', '200'],
  ['diff', closed, closed, '--known', '/nonexistent/known.yaml'],
  ['mock', '--cluster', '2', '--redis', 'redis://127.0.0.1:1'],
  ['mock', '--port', '0', '--redis', `redis://127.0.0.1:${await freePort()}`],
  ['mock', '--event-fault', 'messageBroadcst:drop=1'],
  ['mock', '--event-fault', 'messageAck:dorp=1'],
];

/** Every `eliza-wire …` a hint names: quoted (`run 'eliza-wire x --help'`) or bare up to a comma or the line end. */
function hintedCommands(stderr: string): string[][] {
  const hints = stderr.split('\n').slice(1).join('\n');
  const found = [...hints.matchAll(/'(eliza-wire(?: [^']*)?)'/g)].map((m) => m[1] ?? '');
  const bare = hints.replace(/'eliza-wire[^']*'/g, '');
  found.push(...[...bare.matchAll(/(?<![\w-])eliza-wire(?: [^\s,;)]+)*/g)].map((m) => m[0]));
  return found.map((text) => text.split(' ').slice(1).filter(Boolean));
}

/** Whether argv parses against the full command tree with every action replaced by nothing. */
async function parses(argv: readonly string[]): Promise<string | undefined> {
  const program = fullProgram({ io: silent, outcome: { exitCode: 0 } });
  for (const { command } of commandsOf(program)) command.action(() => undefined);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

async function hintWorks(argv: string[]): Promise<string | undefined> {
  if (argv.includes('--help') || argv[0] === 'help') {
    // commander answers `<typo> --help` with the program's help: the usage must be the named command's
    const path = argv.filter((a) => !a.startsWith('-') && a !== 'help');
    const usage = `Usage: ${['eliza-wire', ...path].join(' ')} `;
    const { code, stdout } = await cli(argv);
    return code === 0 && stdout.includes(usage) ? undefined : `exits ${code}${stdout.includes(usage) ? '' : ` and does not print "${usage.trim()}…"`}`;
  }
  const problem = await parses(argv);
  return problem === undefined ? undefined : `does not parse: ${problem}`;
}

const cases = [...tree.flatMap(({ path, command }) => optionCases(path, command))];

describe('usage errors and their hints', () => {
  it('covers every command and every option that checks its value', () => {
    expect(tree.map((t) => t.path.join(' '))).toEqual(['spec', 'spec diff', 'check', 'bench', 'bench merge', 'diff', 'mock']);
    expect(cases.length).toBeGreaterThan(60);
  });

  it.each(cases.map((argv) => [argv.join(' '), argv]))('%s: exits 2 with a hint whose commands work', async (_label, argv) => {
    const { code, stderr } = await cli(argv as string[]);
    expect(code, stderr).toBe(2);
    await expectWorkingHints(stderr);
  });

  it('prints the usage without a command', async () => {
    const { code, stdout, stderr } = await cli([]);
    expect(code).toBe(0);
    expect(stdout + stderr).toContain('Usage: eliza-wire');
  });

  // The commands' own errors may carry their hint in the message ("…, or run without a URL"): no hint line needed.
  it.each(commandCases.map((argv) => [argv.join(' '), argv]))('%s: exits 2, and the commands its hint names work', async (_label, argv) => {
    const { code, stderr } = await cli(argv as string[]);
    expect(code, stderr).toBe(2);
    expect(await brokenHints(stderr, false), stderr).toEqual([]);
  }, 60_000);
});

const checked = new Map<string, Promise<string | undefined>>();

async function brokenHints(stderr: string, hintLine = true): Promise<string[]> {
  const broken: string[] = [];
  if (hintLine && !/\n {2}\S/.test(stderr)) broken.push(`no hint line: ${JSON.stringify(stderr)}`);
  for (const argv of hintedCommands(stderr)) {
    const key = argv.join(' ');
    if (!checked.has(key)) checked.set(key, hintWorks(argv));
    const problem = await checked.get(key);
    if (problem) broken.push(`the hint 'eliza-wire ${key}' ${problem}`);
  }
  return broken;
}

async function expectWorkingHints(stderr: string): Promise<void> {
  expect(await brokenHints(stderr), stderr).toEqual([]);
}

describe('hintedCommands', () => {
  it('extracts quoted and bare commands, not the message prefix', () => {
    const stderr = "eliza-wire: unknown command 'chek'\n(Did you mean check?)\n  run 'eliza-wire check --help' for its usage, or 'eliza-wire --help' for every command\n  use one: eliza-wire spec --list, or eliza-wire spec --format openapi\n";
    expect(hintedCommands(stderr)).toEqual([['check', '--help'], ['--help'], ['spec', '--list'], ['spec', '--format', 'openapi']]);
  });
});

describe('--event-fault', () => {
  it('turns down an event the server does not emit, with a did-you-mean, and takes real ones and *', async () => {
    const typo = await cli(['mock', '--event-fault', 'messageBroadcst:drop=1']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('"messageBroadcst" is not an event the server emits (did you mean messageBroadcast?)');
    expect((await cli(['mock', '--event-fault', 'messageAck:dorp=1'])).stderr).toContain('(did you mean drop?)');
    expect((await cli(['mock', '--event-fault', 'messageAck:drop='])).code).toBe(2);
    expect(await parses(['mock', '--event-fault', 'messageBroadcast:drop=1', '--event-fault', '*:delay=5,duplicate=0.5'])).toBeUndefined();
  });
});
