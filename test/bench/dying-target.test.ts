import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BenchOutcome, runBench } from '../../suites/load/index.js';
import { spawnCli, waitFor, type CliProcess } from './processes.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eliza-wire-bench-dying-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `eliza-wire mock` in a process of its own, so that the test can kill it like a crashing server. */
async function startMockProcess(): Promise<{ mock: CliProcess; url: string }> {
  const mock = spawnCli(['mock', '--port', '0', '--log-level', 'silent', '--think-ms', '0']);
  await waitFor(() => /READY \S+/.test(mock.stdout()), 'the mock READY line', 20_000);
  return { mock, url: /READY (\S+)/.exec(mock.stdout())?.[1] ?? '' };
}

const SCENARIOS: Record<string, string[]> = {
  fanout: ['--clients', '20', '--rooms', '4', '--rate', '50', '--duration', '30'],
  connect: ['--scenario', 'connect', '--clients', '3000', '--rooms', '10', '--rate', '100'],
  roundtrip: ['--scenario', 'roundtrip', '--rooms', '2', '--rate', '10', '--duration', '30'],
  rest: ['--scenario', 'rest', '--clients', '2', '--duration', '30'],
  mixed: ['--scenario', 'mixed', '--clients', '10', '--rooms', '2', '--think', '0.5', '--readers', '1', '--duration', '30'],
};

describe('eliza-wire bench against a target killed mid-run', () => {
  for (const [scenario, args] of Object.entries(SCENARIOS)) {
    it(`${scenario}: never PASSED; FAILED (exit 1) or exit 2, and it ends soon after the target is gone`, { timeout: 60_000 }, async () => {
      const { mock, url } = await startMockProcess();
      const json = join(dir, `${scenario}.json`);
      const bench = spawnCli(['bench', url, ...args, '--json', json]);
      try {
        // the first progress line: 2 s into the measurement
        await waitFor(() => /sent \d+/.test(bench.stderr()), 'a progress line');
        if (scenario !== 'rest') expect.soft(bench.stderr()).toMatch(/clients \d+ connected, 0 disconnected/);
        process.kill(mock.pid, 'SIGKILL');
        const killedAt = Date.now();
        const code = await bench.exited;
        expect(bench.stdout()).not.toContain('PASSED');
        expect([1, 2]).toContain(code);
        expect(Date.now() - killedAt).toBeLessThan(15_000);
        if (code === 1) {
          expect(bench.stdout()).toMatch(/^FAILED: /m);
          const outcome = BenchOutcome.parse(JSON.parse(await readFile(json, 'utf8')));
          expect(outcome.passed).toBe(false);
          if (scenario !== 'rest') expect(outcome.result.disconnected).toBeGreaterThan(0);
        }
      } finally {
        for (const p of [bench, mock]) if (p.child.exitCode === null && p.child.signalCode === null) process.kill(-p.pid, 'SIGKILL');
      }
    });
  }
});

describe('eliza-wire bench --scenario rest against a server answering 404 to everything', () => {
  let server: Server;
  let url = '';
  beforeAll(async () => {
    server = createServer((_req, res) => res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('the library judges the run FAILED on its non-2xx answers (default bound non2xx<1)', async () => {
    const outcome = await runBench({ scenario: 'rest', url, clients: 2, messages: 200 });
    expect(outcome.passed).toBe(false);
    expect(outcome.broken.map((b) => b.threshold)).toContain('non2xx<1 (default)');
  });

  it('a threshold naming non2xx replaces the default bound', async () => {
    const outcome = await runBench({ scenario: 'rest', url, clients: 2, messages: 200, thresholds: ['non2xx<100000'] });
    expect(outcome.broken).toEqual([]);
    expect(outcome.passed).toBe(true);
  });

  it('the CLI never says PASSED and exits 1 or 2', { timeout: 30_000 }, async () => {
    const bench = spawnCli(['bench', url, '--scenario', 'rest', '--clients', '2', '--messages', '200']);
    const code = await bench.exited;
    expect([1, 2]).toContain(code);
    expect(bench.stdout()).not.toContain('PASSED');
  });
});
