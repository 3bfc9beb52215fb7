import { Help } from 'commander';
import { describe, expect, it } from 'vitest';
import { fullProgram } from '../../bin/cli-docs.js';
import { COMMANDS } from '../../bin/commands.js';
import type { CliIo } from '../../bin/io.js';
import { buildProgram, commandToLoad } from '../../bin/program.js';

const silent: CliIo = { stdout: () => undefined, stderr: () => undefined, writeFile: async () => undefined };

function helpOf(program: ReturnType<typeof buildProgram>): string {
  let text = '';
  program.configureOutput({ writeOut: (t) => (text += t) });
  program.outputHelp();
  return text;
}

describe('the command table behind a fast --help', () => {
  const full = fullProgram({ io: silent, outcome: { exitCode: 0 } });

  it('lists every command with its definition\'s description and usage term', () => {
    const help = new Help();
    const fromDefinitions = full.commands.map((c) => ({ name: c.name(), summary: c.description(), term: help.subcommandTerm(c) }));
    const fromTable = Object.entries(COMMANDS).map(([name, entry]) => ({ name, summary: entry.summary, term: entry.term }));
    expect(fromTable).toEqual(fromDefinitions);
  });

  it('prints the same eliza-wire --help from the stubs as from the full definitions', () => {
    expect(helpOf(buildProgram(silent, {}))).toBe(helpOf(full));
  });

  it('loads only the command argv names, help <command> included', () => {
    expect(commandToLoad(['--help'])).toBeUndefined();
    expect(commandToLoad(['-v'])).toBeUndefined();
    expect(commandToLoad(['chek'])).toBeUndefined();
    expect(commandToLoad(['mock', '--port', '0'])).toBe('mock');
    expect(commandToLoad(['help', 'bench'])).toBe('bench');
    expect(commandToLoad(['bench', 'merge', 'a.json'])).toBe('bench');
  });
});
