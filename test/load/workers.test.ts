import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../../mock-server/index.js';
import {
  BenchOutcome,
  BenchResult,
  LatencyHistogram,
  LatencyTimeline,
  mergeResults,
  partition,
  runBench,
  runFanout,
  type FanoutResult,
  type LatencySummary,
} from '../../suites/load/index.js';

let mock: MockServer;
let url = '';
beforeAll(async () => {
  mock = createMockServer({ logLevel: 'silent', thinkMs: 0 });
  url = await mock.listen(0, '127.0.0.1');
});
afterAll(() => mock.close());

/** Equal counts; values equal to HDR's precision (3 significant digits: a decoded maximum is its bucket's top). */
function expectSameWithinPrecision(actual: LatencySummary, expected: LatencySummary): void {
  expect(actual.count).toBe(expected.count);
  for (const key of ['mean', 'p50', 'p90', 'p99', 'p999', 'max'] as const) {
    expect({ key, off: Math.abs(actual[key] - expected[key]) <= expected[key] * 0.001 + 0.001 }).toEqual({ key, off: true });
  }
}

describe('LatencyHistogram encode/decode/add', () => {
  it('round-trips through its encoding and adds counts exactly', () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    const both = new LatencyHistogram();
    for (let i = 1; i <= 1000; i += 1) {
      a.record(i / 100);
      both.record(i / 100);
    }
    for (let i = 1; i <= 10; i += 1) {
      b.record(i * 50);
      both.record(i * 50);
    }
    const merged = LatencyHistogram.decode(a.encode());
    merged.add(LatencyHistogram.decode(b.encode()));
    expectSameWithinPrecision(merged.summary(), both.summary());
    expect(merged.summary().count).toBe(1010);
    expect(merged.summary().max).toBeCloseTo(500, 0);
  });

  it('refuses a text that is not an encoded histogram', () => {
    expect(() => LatencyHistogram.decode('not base64 at all')).toThrow(RangeError);
  });
});

describe('LatencyTimeline toData/fromData/add', () => {
  it('merges two timelines started together window by window', () => {
    const a = new LatencyTimeline();
    const b = new LatencyTimeline();
    a.start(0);
    b.start(0);
    a.record(100, 1);
    a.record(1500, 2);
    b.record(1600, 4);
    b.record(2500, 8);
    const merged = LatencyTimeline.fromData(a.toData());
    merged.add(b);
    expect(merged.windows().map((w) => [w.second, w.count])).toEqual([
      [0, 1],
      [1, 2],
      [2, 1],
    ]);
    expect(merged.windows()[1]?.p99).toBeCloseTo(4, 0);
  });
});

describe('partition', () => {
  it('gives every fanout worker whole rooms with their senders, and adds up to the whole run', () => {
    const parts = partition({ scenario: 'fanout', url, clients: 100, rooms: 10, rate: 200, messages: 1001 }, 3);
    expect(parts.map((p) => p.rooms)).toEqual([4, 3, 3]);
    expect(parts.map((p) => p.clients)).toEqual([40, 30, 30]);
    expect(parts.map((p) => p.senders)).toEqual([4, 3, 3]);
    expect(parts.reduce((n, p) => n + (p.messages ?? 0), 0)).toBe(1001);
    expect(parts.reduce((n, p) => n + (p.rate ?? 0), 0)).toBeCloseTo(200, 9);
  });

  it('refuses more workers than rooms or senders, saying what to change', () => {
    expect(() => partition({ scenario: 'fanout', url, clients: 8, rooms: 2 }, 3)).toThrow(/--workers 3 needs at least 3 rooms/);
    expect(() => partition({ scenario: 'fanout', url, clients: 40, rooms: 4, senders: 1 }, 2)).toThrow(/needs at least 2 senders/);
  });
});

describe('mergeResults', () => {
  let a: FanoutResult;
  let b: FanoutResult;
  beforeAll(async () => {
    a = await runFanout({ url, clients: 8, rooms: 2, rate: 100, messages: 40, graceMs: 500 });
    b = await runFanout({ url, clients: 12, rooms: 3, rate: 150, messages: 60, graceMs: 500 });
  }, 20_000);

  it('adds counts and rates, and takes percentiles from the merged histograms', () => {
    const merged = BenchResult.parse(mergeResults([a, b]));
    if (merged.scenario !== 'fanout') throw new Error('expected a fanout result');
    expect(merged.sent).toBe(a.sent + b.sent);
    expect(merged.delivered).toBe(a.delivered + b.delivered);
    expect(merged.config).toMatchObject({ clients: 20, rooms: 5, rate: 250, messages: 100, transport: 'websocket' });
    expect(merged.throughput.deliveriesPerSec).toBeCloseTo(a.throughput.deliveriesPerSec + b.throughput.deliveriesPerSec, 5);
    expect(merged.latency.delivery.count).toBe(a.latency.delivery.count + b.latency.delivery.count);
    const reference = LatencyHistogram.decode(a.merge?.histograms.delivery ?? '');
    reference.add(LatencyHistogram.decode(b.merge?.histograms.delivery ?? ''));
    expect(merged.latency.delivery).toEqual(reference.summary());
    // equal to HDR's precision (3 significant digits): a decoded maximum is its bucket's top
    const max = Math.max(a.latency.delivery.max, b.latency.delivery.max);
    expect(Math.abs(merged.latency.delivery.max - max)).toBeLessThanOrEqual(max * 0.001 + 0.001);
    expect(merged.workers).toHaveLength(2);
    expect((merged.timeline ?? []).reduce((n, w) => n + w.count, 0)).toBe(merged.delivered);
  });

  it('refuses results of different scenarios or settings', () => {
    const polling = { ...b, config: { ...b.config, transport: 'polling' as const } };
    expect(() => mergeResults([a, polling])).toThrow(/config.transport differ/);
    const connect = { ...a, scenario: 'connect' } as unknown as BenchResult;
    expect(() => mergeResults([a, connect])).toThrow(/cannot merge a fanout result with a connect result/);
  });
});

describe('--workers', () => {
  it('fanout over 2 processes: every delivery counted once, nothing lost, per-worker generator stats', { timeout: 40_000 }, async () => {
    const outcome = BenchOutcome.parse(await runBench({ scenario: 'fanout', url, clients: 40, rooms: 4, rate: 100, messages: 200, workers: 2, thresholds: ['lost<1'] }));
    const r = outcome.result;
    if (r.scenario !== 'fanout') throw new Error('expected a fanout result');
    expect(outcome.passed).toBe(true);
    expect({ sent: r.sent, expected: r.expected, delivered: r.delivered, lost: r.lost, duplicated: r.duplicated, crossRoom: r.crossRoom }).toEqual({
      sent: 200,
      expected: 200 * 9,
      delivered: 200 * 9,
      lost: 0,
      duplicated: 0,
      crossRoom: 0,
    });
    expect(r.latency.delivery.count).toBe(1800);
    expect(r.workers).toHaveLength(2);
    expect(new Set(r.workers?.map((g) => g.rssMb > 0))).toEqual(new Set([true]));
    expect(r.latency.delivery.p50).toBeLessThanOrEqual(r.latency.delivery.p99);
  });

  it('a worker that cannot reach the target fails the whole run with its reason', { timeout: 30_000 }, async () => {
    await expect(runBench({ scenario: 'connect', url: 'http://127.0.0.1:9', clients: 4, rooms: 2, workers: 2 })).rejects.toThrow(/worker \d: cannot connect to http:\/\/127\.0\.0\.1:9/);
  });
});
