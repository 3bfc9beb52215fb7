import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../../mock-server/index.js';
import { BenchOutcome } from '../../suites/load/index.js';
import { descendants, spawnCli, survivors, waitFor } from './processes.js';

let dir = '';
let mock: MockServer;
let url = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eliza-wire-bench-interrupt-'));
  mock = createMockServer({ logLevel: 'silent', thinkMs: 0 });
  url = await mock.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await mock.close();
  await rm(dir, { recursive: true, force: true });
});

type Signal = 'SIGINT' | 'SIGTERM';
interface Case {
  name: string;
  target: 'built-in mock' | 'url';
  workers?: number;
  signal: Signal;
  /** The whole process group (a terminal's Ctrl-C), or the bench process alone (kill <pid>). */
  to: 'group' | 'process';
}

const CASES: Case[] = [
  { name: 'Ctrl-C (SIGINT to the group), built-in mock', target: 'built-in mock', signal: 'SIGINT', to: 'group' },
  { name: 'SIGINT to the process, built-in mock', target: 'built-in mock', signal: 'SIGINT', to: 'process' },
  { name: 'SIGTERM to the process, built-in mock', target: 'built-in mock', signal: 'SIGTERM', to: 'process' },
  { name: 'SIGINT to the process, built-in mock, --workers 2', target: 'built-in mock', workers: 2, signal: 'SIGINT', to: 'process' },
  { name: 'SIGTERM to the group, built-in mock, --workers 2', target: 'built-in mock', workers: 2, signal: 'SIGTERM', to: 'group' },
  { name: 'Ctrl-C (SIGINT to the group), a URL', target: 'url', signal: 'SIGINT', to: 'group' },
  { name: 'SIGTERM to the process, a URL, --workers 2', target: 'url', workers: 2, signal: 'SIGTERM', to: 'process' },
  { name: 'Ctrl-C (SIGINT to the group), a URL, --workers 2', target: 'url', workers: 2, signal: 'SIGINT', to: 'group' },
];

describe('eliza-wire bench interrupted', () => {
  for (const c of CASES) {
    it(`${c.name}: exits ${c.signal === 'SIGINT' ? 130 : 143}, writes the partial result marked interrupted, leaves no process, prints no stack`, { timeout: 60_000 }, async () => {
      const json = join(dir, `${c.name.replace(/\W+/g, '-')}.json`);
      const args = ['bench', ...(c.target === 'url' ? [url] : []), '--clients', '20', '--rooms', '4', '--rate', '50', '--duration', '60', '--json', json, ...(c.workers ? ['--workers', String(c.workers)] : [])];
      const bench = spawnCli(args);
      try {
        // a progress line: the clients have joined and the measurement runs
        await waitFor(() => /sent \d+/.test(bench.stderr()), 'a progress line');
        const tree = descendants(bench.pid);
        expect(tree.length).toBeGreaterThanOrEqual((c.target === 'url' ? 0 : 1) + (c.workers ?? 0));
        process.kill(c.to === 'group' ? -bench.pid : bench.pid, c.signal);
        const code = await bench.exited;
        expect({ code, stderr: bench.stderr() }).toMatchObject({ code: c.signal === 'SIGINT' ? 130 : 143 });
        expect(await survivors([bench.pid, ...tree])).toEqual([]);
        const outcome = BenchOutcome.parse(JSON.parse(await readFile(json, 'utf8')));
        expect(outcome).toMatchObject({ interrupted: true, passed: false });
        expect(outcome.result.scenario === 'fanout' && outcome.result.sent).toBeGreaterThan(0);
        expect(bench.stdout()).toMatch(/^INTERRUPTED after \d+\.\d s: partial results/m);
        expect(bench.stdout()).toContain('delivery');
        expect(bench.stderr()).not.toMatch(/Error|\n\s+at /);
      } finally {
        if (bench.child.exitCode === null) process.kill(-bench.pid, 'SIGKILL');
      }
    });
  }
});
