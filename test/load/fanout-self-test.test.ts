import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../../mock-server/index.js';
import { FanoutResult, runFanout, type LatencyStats } from '../../suites/load/index.js';
import { startBareServer, type BareServer } from './bare-server.js';

let mock: MockServer;
let mockUrl = '';
let bare: BareServer;
const results: Record<string, FanoutResult> = {};

beforeAll(async () => {
  mock = createMockServer({ logLevel: 'silent', thinkMs: 0 });
  mockUrl = await mock.listen(0, '127.0.0.1');
  bare = await startBareServer();
});
afterAll(async () => {
  await mock.close();
  await bare.close();
  const row = (name: string, r: FanoutResult | undefined) =>
    r ? `${name.padEnd(6)} p50 ${r.latency.delivery.p50.toFixed(2)} ms  p99 ${r.latency.delivery.p99.toFixed(2)} ms  max ${r.latency.delivery.max.toFixed(2)} ms  ${r.throughput.deliveriesPerSec} deliveries/s` : `${name}: no result`;
  console.log(['fanout self-test, 40 clients / 4 rooms / 400 messages at 200/s (delivery latency):', row('mock', results.mock), row('bare', results.bare)].join('\n'));
});

function expectOrdered(stats: LatencyStats): void {
  expect(stats.p50).toBeLessThanOrEqual(stats.p90);
  expect(stats.p90).toBeLessThanOrEqual(stats.p99);
  expect(stats.p99).toBeLessThanOrEqual(stats.p999);
  expect(stats.p999).toBeLessThanOrEqual(stats.max);
}

describe.each(['mock', 'bare'] as const)('fanout against the %s server', (name) => {
  it('delivers every message once to every other member of its room, with ordered percentiles', async () => {
    const url = name === 'mock' ? mockUrl : bare.url;
    const result = FanoutResult.parse(await runFanout({ url, clients: 40, rooms: 4, rate: 200, messages: 400 }));
    results[name] = result;
    expect(result.sent).toBe(400);
    expect(result.expected).toBe(400 * 9);
    expect(result.delivered).toBe(result.expected);
    expect({ lost: result.lost, duplicated: result.duplicated, crossRoom: result.crossRoom }).toEqual({ lost: 0, duplicated: 0, crossRoom: 0 });
    expect(result.latency.delivery.count).toBe(result.expected);
    expect(result.latency.completion.count).toBe(400);
    for (const stats of Object.values(result.latency)) expectOrdered(stats);
  });
});
