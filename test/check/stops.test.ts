import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Report, runConformance, type Check } from '../../suites/index.js';
import { killAll, startCli } from './process.js';

const CHECK_LINE = /^[✓✗-] \S+ (MUST|SHOULD|MAY) /m;

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eliza-wire-stops-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));
afterEach(killAll);

describe('a target that dies mid-run', () => {
  it('ends check within its timeout with exit 2 and one line naming what had finished', async () => {
    const mock = startCli(['mock', '--port', '0', '--think-ms', '0']);
    await mock.seen(/http:\/\/127\.0\.0\.1:\d+/, 30_000);
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(mock.stdout() + mock.stderr())?.[0] ?? '';
    const check = startCli(['check', url, '--level', 'may', '--concurrency', '2', '--timeout', '5000']);
    await check.seen(CHECK_LINE, 60_000);
    const killedAt = performance.now();
    mock.child.kill('SIGKILL');
    const { code, at } = await check.exited;
    expect(code).toBe(2);
    expect(at - killedAt).toBeLessThan(5000);
    const lines = check.stderr().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^eliza-wire: ${url} went away during the run \\(ECONNREFUSED \\(nothing listens on [\\d.:]+\\)\\): \\d+ of \\d+ checks had finished \\([a-z.-]+(, [a-z.-]+)*\\); is the server still running\\?`));
    expect(check.stdout()).not.toMatch(/could not run/);
  }, 90_000);
});

describe('SIGINT and SIGTERM to check', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s mid-run prints the partial report of what ran and exits %d', async (signal, exit) => {
    const json = join(dir, `${signal}.json`);
    const check = startCli(['check', '--level', 'may', '--concurrency', '1', '--reporter', 'console', '--reporter', `json:${json}`]);
    await check.seen(/(^[✓✗-] .*\n){3}/m, 60_000);
    const sentAt = performance.now();
    check.child.kill(signal);
    const { code, at } = await check.exited;
    expect(code).toBe(exit);
    expect(at - sentAt).toBeLessThan(3000);
    const last = check.stdout().trimEnd().split('\n').at(-1) ?? '';
    expect(last).toMatch(/^\d+ passed, 0 failed, \d+ skipped \(interrupted: \d+ not finished\)$/);
    const report = Report.parse(JSON.parse(await readFile(json, 'utf8')));
    expect(report.checks.length).toBeGreaterThanOrEqual(3);
    expect(report.stopped?.unfinished.length).toBeGreaterThan(0);
    const selected = Number(/: (\d+) checks\n/.exec(check.stdout())?.[1]);
    expect(report.checks.length + (report.stopped?.unfinished.length ?? 0)).toBe(selected);
    expect(check.stderr()).toContain(`${signal}: stopping the run`);
  }, 90_000);
});

describe('the per-check time limit', () => {
  let server: Server;
  let url = '';
  let aborted = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/api/server/ping') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"pong":true}');
      // /hang never answers: only the client can end it (discovery's requests get no answer either)
      if (req.url === '/hang') req.socket.once('close', () => aborted++);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const hanging: Check = {
    id: 'test.hangs', title: 'waits on a request that never ends', domain: 'test', specIds: [], levels: { documented: 'MUST', 'elizaos-1.7': 'MUST' },
    run: async (ctx) => {
      await ctx.http.call(undefined, { path: '/hang' });
      return [];
    },
  };

  it('stops a check at its limit, fails it saying so, and aborts its request', async () => {
    const t0 = performance.now();
    const report = await runConformance({ url, checks: [hanging], timeoutMs: 20_000, checkTimeoutMs: 300 });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(report.checks[0]).toMatchObject({ id: 'test.hangs', status: 'failed' });
    expect(report.checks[0]?.findings[0]?.message).toBe('the check did not finish within 300 ms (--check-timeout 300 ms); it was stopped');
    await new Promise((r) => setTimeout(r, 100));
    expect(aborted).toBe(1);
  });
});
