import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpecDiff } from '../../spec/diff/index.js';
import { cli } from '../helpers/cli.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eliza-wire-spec-diff-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('eliza-wire spec diff', () => {
  it('prints the changes per entry with rule and level, then counts, and writes JSON and Markdown', async () => {
    const json = join(dir, 'diff.json');
    const markdown = join(dir, 'diff.md');
    const { code, stdout, stderr } = await cli('spec', 'diff', 'documented', 'elizaos-1.7', '--json', json, '--markdown', markdown);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\n {2}server\.messageComplete\n {4}error +socket-event-removed +server event messageComplete is gone\n/);
    expect(stdout).toMatch(/Changes per rule\n/);
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^documented → elizaos-1\.7: \d+ breaking \(error\), \d+ warning, \d+ info$/);
    expect(stderr).toContain(`wrote the diff as JSON to ${json}`);
    const data = JSON.parse(await readFile(json, 'utf8')) as SpecDiff;
    expect(data).toMatchObject({ from: 'documented', to: 'elizaos-1.7', breaking: true });
    expect(data.changes).toContainEqual(expect.objectContaining({ specId: 'server.userTyping', rule: 'socket-event-removed', breaking: true }));
    const md = await readFile(markdown, 'utf8');
    expect(md).toMatch(/^# Spec diff: documented → elizaos-1\.7\n/);
    expect(md).toContain('| `server.messageComplete` | error | `socket-event-removed` | server event messageComplete is gone |');
  });

  it('prints the same report twice', async () => {
    const [first, second] = [await cli('spec', 'diff', 'elizaos-1.7', 'documented'), await cli('spec', 'diff', 'elizaos-1.7', 'documented')];
    expect(first.stdout).toBe(second.stdout);
  });

  it('--level warning leaves the info changes out and says how many', async () => {
    const { stdout } = await cli('spec', 'diff', 'documented', 'elizaos-1.7', '--level', 'warning');
    expect(stdout).not.toMatch(/\n {4}info /);
    expect(stdout).toMatch(/\(\d+ changes below warning not shown: --level info shows them\)/);
  });

  it('--fail-on breaking exits 1 on a breaking change, 0 when there is none', async () => {
    expect((await cli('spec', 'diff', 'documented', 'elizaos-1.7', '--fail-on', 'breaking')).code).toBe(1);
    const same = await cli('spec', 'diff', 'elizaos-1.7', 'elizaos-1.7', '--fail-on', 'warning');
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('No change');
  });

  it.each([
    [['spec', 'diff', 'documented', 'eliza'], /argument 'profileB'\. Allowed choices are documented, elizaos-1\.7/],
    [['spec', 'diff', 'documented'], /missing required argument 'profileB'/],
    [['spec', 'diff', 'documented', 'elizaos-1.7', '--fail-on', 'info'], /'--fail-on <what>' argument 'info' is invalid\. Allowed choices are breaking, warning/],
  ])('exits 2 on %j, saying the choices and where the usage is', async (argv, message) => {
    const { code, stdout, stderr } = await cli(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toContain("run 'eliza-wire spec diff --help' for usage");
  });

  it('leaves spec\'s own options working beside the subcommand', async () => {
    const rows = JSON.parse((await cli('spec', '--list', '--json')).stdout) as unknown[];
    expect(rows.length).toBeGreaterThan(100);
  });
});
