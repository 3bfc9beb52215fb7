/**
 * The issue-5 part of `npm run bench`: broadcast fan-out measured by the load engine (`suites/load`) against the
 * bare server and the mock, the generator's own ceiling, and the generator's memory after a long fanout.
 */
import { runFanout } from '../suites/load/index.js';
import type { FanoutResult } from '../suites/load/index.js';
import { startServer, stop, type Started } from './lib/children.js';
import { fmt, table } from './lib/stats.js';

type Start = () => Promise<Started>;

async function withServer<T>(start: Start, work: (url: string) => Promise<T>): Promise<T> {
  const s = await start();
  try {
    return await work(s.url);
  } finally {
    await stop(s.child);
  }
}

function row(name: string, r: FanoutResult): string[] {
  const d = r.latency.delivery;
  return [name, fmt(d.p50, 2), fmt(d.p99, 2), fmt(d.p999, 2), fmt(d.max, 1), fmt(r.throughput.deliveriesPerSec, 0), `${r.lost}/${r.duplicated}/${r.crossRoom}`, `${fmt(r.generator.lagP99Ms, 1)} ms`, r.generatorLimited ? 'yes' : 'no'];
}

/** Mock and bare side by side at 100 and 1000 clients (websocket) and 100 (polling), 10 rooms, 100 msg/s. */
export async function compareFanout(servers: { bare: Start; mock: Start }, seconds: number): Promise<void> {
  const rows = [['server, clients, transport', 'p50 ms', 'p99 ms', 'p99.9 ms', 'max ms', 'deliveries/s', 'lost/dup/cross', 'gen lag p99', 'gen-limited']];
  const cases = [
    { clients: 100, transport: 'websocket' as const },
    { clients: 1000, transport: 'websocket' as const },
    { clients: 100, transport: 'polling' as const },
  ];
  for (const c of cases) {
    for (const name of ['bare', 'mock'] as const) {
      const result = await withServer(servers[name], (url) => runFanout({ url, clients: c.clients, rooms: 10, rate: 100, messages: 100 * seconds, transport: c.transport }));
      rows.push(row(`${name}, ${c.clients}, ${c.transport}`, result));
    }
  }
  console.log(`\nfanout (suites/load): 10 rooms, 100 msg/s for ${seconds} s, latency from each message's scheduled time\n`);
  console.log(table(rows));
}

/**
 * The generator's ceiling: deliveries/s it can time before it lags its schedule (lag p99 > 10 ms) or loses
 * messages, against the bare server (the cheapest target), doubling the rate from 50 msg/s at 1000 clients.
 */
export async function generatorCeiling(bare: Start, secondsPerStep = 3): Promise<void> {
  let best: FanoutResult | undefined;
  const steps: string[][] = [['msg/s', 'deliveries/s', 'lag p99 ms', 'CPU %', 'lost', 'within']];
  await withServer(bare, async (url) => {
    for (let rate = 50; rate <= 1600; rate *= 2) {
      const r = await runFanout({ url, clients: 1000, rooms: 10, rate, messages: Math.round(rate * secondsPerStep) });
      const ok = !r.generatorLimited && r.lost === 0;
      steps.push([String(rate), fmt(r.throughput.deliveriesPerSec, 0), fmt(r.generator.lagP99Ms, 1), fmt(r.generator.cpuPercent, 0), String(r.lost), ok ? 'yes' : 'no']);
      if (!ok) break;
      best = r;
    }
  });
  console.log('\ngenerator ceiling (1000 clients, 10 rooms, bare server): the rate is doubled until the generator lags or loses\n');
  console.log(table(steps));
  console.log(`ceiling: ${best ? `${fmt(best.throughput.deliveriesPerSec, 0)} deliveries/s timed on schedule (${best.config.rate} msg/s)` : 'below 50 msg/s'}`);
}

/** The generator's RSS before and after a long fanout against the mock: the HDR histograms keep it bounded. */
export async function soak(mock: Start, minutes: number): Promise<void> {
  const before = process.memoryUsage().rss / 1048576;
  const rate = 100;
  const r = await withServer(mock, (url) => runFanout({ url, clients: 200, rooms: 10, rate, messages: Math.round(rate * 60 * minutes) }));
  const after = process.memoryUsage().rss / 1048576;
  console.log(`\nsoak: ${minutes} min fanout against the mock (200 clients, 10 rooms, ${rate} msg/s): ${r.delivered} deliveries, ${r.lost} lost, p99 ${fmt(r.latency.delivery.p99, 2)} ms`);
  console.log(`generator RSS: ${fmt(before, 0)} MB before, ${fmt(after, 0)} MB after (${fmt(after - before, 0)} MB over ${r.delivered} deliveries)`);
}

export { startServer };
