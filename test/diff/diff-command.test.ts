import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, ok, rest, type MockServer } from '../../mock-server/index.js';
import type { DiffReport } from '../../suites/diff/index.js';
import { cli } from '../helpers/cli.js';
import { freePort } from '../helpers/ports.js';

let dir = '';
let mocks: MockServer[] = [];

/** A fresh mock per use: the diff compares whole histories (logs, memories), so no test may see another's. */
async function start(options: Parameters<typeof createMockServer>[0]): Promise<{ mock: MockServer; url: string }> {
  const mock = createMockServer({ logLevel: 'silent', thinkMs: 0, ...options });
  mocks.push(mock);
  return { mock, url: await mock.listen(0, '127.0.0.1') };
}

/** A mock whose agents.list answers with another bio: one field, one read. */
async function changedBio(): Promise<string> {
  const { mock, url } = await start({ profile: 'elizaos-1.7', seed: 3 });
  const listed = (await (await fetch(`${url}/api/agents`)).json()) as { data: { agents: Record<string, unknown>[] } };
  mock.use(rest('agents.list', () => ok({ agents: listed.data.agents.map((a) => ({ ...a, bio: 'A different bio.' })) })));
  return url;
}

const mockUrl = async (profile: 'elizaos-1.7' | 'documented', seed = 1) => (await start({ profile, seed })).url;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eliza-wire-diff-'));
});
afterEach(async () => {
  await Promise.all(mocks.map((m) => m.close()));
  mocks = [];
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('eliza-wire diff', () => {
  it('finds no difference between two mocks of the same profile, seeded differently, and exits 0', async () => {
    const json = join(dir, 'same.json');
    const { code, stdout } = await cli('diff', await mockUrl('elizaos-1.7', 1), await mockUrl('elizaos-1.7', 2), '--json', json);
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ compared: (\d+) identical; 0 unexplained, 0 explained$/);
    expect(code).toBe(0);
    const report = JSON.parse(await readFile(json, 'utf8')) as DiffReport;
    expect(report.units.map((u) => u.id)).toEqual(expect.arrayContaining(['flow.send', 'flow.agent-reply', 'flow.rest.message-create', 'agents.list', 'messaging.channels.details']));
    expect(report.summary.identical).toBe(report.summary.units);
  }, 60_000);

  it('reports how the documented mock differs from the elizaos-1.7 mock and exits 1', async () => {
    const markdown = join(dir, 'profiles.md');
    const { code, stdout } = await cli('diff', await mockUrl('elizaos-1.7'), await mockUrl('documented'), '--only', 'flow.join,messaging.sessions.list', '--markdown', markdown);
    expect(code).toBe(1);
    expect(stdout).toMatch(/✗ flow\.join \(flow\): 1 difference\n {4}steps\[0\]\.events\.member\[0\] \(userJoined\)\n {6}only in B: \{"channelId":"<channelId>","roomId":"<channelId>","userId":"<entity:joiner>"\}/);
    expect(stdout).toMatch(/✗ messaging\.sessions\.list \(read\)/);
    expect(stdout).toContain('body.success\n      only in B: true');
    const md = await readFile(markdown, 'utf8');
    expect(md).toContain('### flow.join (flow)');
    expect(md).toContain('| `steps[0].events.member[0]` (userJoined) | — |');
  }, 60_000);

  it('finds exactly the one field an override changed, with its path', async () => {
    const json = join(dir, 'changed.json');
    const { code, stdout } = await cli('diff', await mockUrl('elizaos-1.7'), await changedBio(), '--json', json);
    expect(code).toBe(1);
    const report = JSON.parse(await readFile(json, 'utf8')) as DiffReport;
    expect(report.units.flatMap((u) => u.differences)).toEqual([
      { where: 'agents.list', path: 'body.data.agents[0].bio', kind: 'changed', a: 'An echo agent of the eliza-wire mock server.', b: 'A different bio.' },
    ]);
    expect(stdout).toContain('✗ agents.list (read): 1 difference\n    body.data.agents[0].bio\n      A: "An echo agent of the eliza-wire mock server."  B: "A different bio."');
  }, 60_000);

  it('lists a difference a --known entry explains apart, with its reason, and exits 0', async () => {
    const known = join(dir, 'known.yaml');
    await writeFile(known, '- where: "agents.*"\n  path: "body.data.agents[*].bio"\n  why: the server under test runs another character\n');
    const { code, stdout } = await cli('diff', await mockUrl('elizaos-1.7'), await changedBio(), '--known', known);
    expect(stdout).toContain('Explained (1)\n  agents.list body.data.agents[0].bio\n');
    expect(stdout).toContain('why: the server under test runs another character');
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/; 0 unexplained, 1 explained$/);
    expect(code).toBe(0);
  }, 60_000);

  it.each([
    [['diff', 'http://127.0.0.1:1'], /missing required argument 'urlB'/, /eliza-wire diff --help/],
    [['diff', 'nope', 'http://127.0.0.1:1'], /"nope" is not an http\(s\) URL/, /e\.g\. eliza-wire diff http/],
    [['diff', 'http://127.0.0.1:1', 'http://127.0.0.1:2', '--profile', 'latest'], /--profile.*latest.*Allowed choices are documented, elizaos-1\.7/, /--help/],
  ])('exits 2 with a hint on bad usage: %j', async (argv, message, hint) => {
    const { code, stderr } = await cli(...argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(hint);
  });

  it('exits 2 with a hint when a server is unreachable or the known file is not a list', async () => {
    const down = await cli('diff', await mockUrl('elizaos-1.7'), `http://127.0.0.1:${await freePort()}`);
    expect(down.code).toBe(2);
    expect(down.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED \(nothing listens on 127\.0\.0\.1:\d+\); is the server running\?/);
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, 'where: x\n');
    const known = await cli('diff', 'http://127.0.0.1:1', 'http://127.0.0.1:2', '--known', bad);
    expect(known.code).toBe(2);
    expect(known.stderr).toMatch(/--known .*bad\.yaml: expected a list of \{ where, path\?, why \}/);
  });
});
