import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../bin/io.js';
import { run } from '../../bin/program.js';
import { createMockServer, type MockServer } from '../../mock-server/index.js';
import { BenchOutcome, judge, metricValue, parseThreshold, runBench, type LatencyStats, type MixedResult } from '../../suites/load/index.js';

let mock: MockServer;
let url = '';
beforeAll(async () => {
  mock = createMockServer({ logLevel: 'silent', thinkMs: 0 });
  url = await mock.listen(0, '127.0.0.1');
});
afterAll(() => mock.close());

function expectOrdered(stats: LatencyStats): void {
  expect(stats.p50).toBeLessThanOrEqual(stats.p90);
  expect(stats.p90).toBeLessThanOrEqual(stats.p99);
  expect(stats.p99).toBeLessThanOrEqual(stats.p999);
  expect(stats.p999).toBeLessThanOrEqual(stats.max);
}

describe('mixed scenario against the mock', () => {
  let outcome: BenchOutcome & { result: MixedResult };

  it('chats with no loss, reads REST with no errors, latencies ordered', { timeout: 15_000 }, async () => {
    const parsed = BenchOutcome.parse(
      await runBench({ scenario: 'mixed', url, clients: 15, thinkSec: 0.3, readers: 2, durationSec: 2, thresholds: ['lost<1', 'rest.p99<2000ms', 'errors<1'] }),
    );
    if (parsed.result.scenario !== 'mixed') throw new Error(`a mixed run returned ${parsed.result.scenario}`);
    outcome = { ...parsed, result: parsed.result };
    const r = outcome.result;
    expect(outcome).toMatchObject({ passed: true, broken: [], integrity: [] });
    expect(r.config).toMatchObject({ users: 15, rooms: 3, readers: 2, thinkSec: 0.3 });
    expect(r.chat.sent).toBeGreaterThanOrEqual(30);
    expect(r.chat.expected).toBe(r.chat.sent * 4);
    expect(r.chat.delivered).toBe(r.chat.expected);
    expect({ lost: r.chat.lost, duplicated: r.chat.duplicated, crossRoom: r.chat.crossRoom }).toEqual({ lost: 0, duplicated: 0, crossRoom: 0 });
    expect(r.latency.delivery.count).toBe(r.chat.delivered);
    expect(r.latency.completion.count).toBe(r.chat.sent);
    expect(r.rest.requests).toBeGreaterThanOrEqual(10);
    expect(r.rest.requests).toBeLessThanOrEqual(2 * 10 * 2 + 2);
    expect({ errors: r.rest.errors, non2xx: r.rest.non2xx }).toEqual({ errors: 0, non2xx: {} });
    expect(r.latency.rest.count).toBe(r.rest.requests);
    for (const stats of Object.values(r.latency)) expectOrdered(stats);
    expect(r.generator.rssMb).toBeGreaterThan(0);
  });

  it('judges thresholds and integrity on its own metrics', () => {
    const r = outcome.result;
    expect(metricValue(r, 'restRate')).toBe(r.throughput.requestsPerSec);
    expect(metricValue(r, 'rest.p99')).toBe(r.latency.rest.p99);
    expect(metricValue(r, 'completion.max')).toBe(r.latency.completion.max);
    const failed = judge({ ...r, chat: { ...r.chat, lost: 2 } }, [parseThreshold('p99<0.001ms', 'mixed')]);
    expect(failed.passed).toBe(false);
    expect(failed.integrity).toEqual(['2 lost']);
    expect(failed.broken.map((b) => b.threshold)).toEqual(['p99<0.001ms']);
    expect(() => parseThreshold('skew.p99<1ms', 'mixed')).toThrow(/unknown metric/);
  });

  it('runs from the command line against a URL and exits 0', { timeout: 15_000 }, async () => {
    let stdout = '';
    let stderr = '';
    const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), writeFile: (p, c) => writeFile(p, c, 'utf8') };
    const code = await run(['bench', url, '--scenario', 'mixed', '--clients', '10', '--think', '0.5', '--readers', '1', '--duration', '1.5', '--threshold', 'rest.p99<2000ms'], io);
    expect({ code, stderr }).toEqual({ code: 0, stderr: expect.any(String) });
    expect(stdout).toMatch(/^mixed http:\/\/127\.0\.0\.1:\d+: 10 users in 2 rooms/);
    expect(stdout).toMatch(/0 lost, 0 duplicated, 0 cross-room/);
    expect(stdout).toMatch(/rest {10}\d+ requests, 0 errors, non-2xx: none/);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('PASSED');
  });
});
