/**
 * The memory part of `npm run bench` (section `memory`): a stalled reader in a busy room (its queue is bounded, it
 * is dropped, the others' latency holds), and the cost of reading one channel's messages at 100 and at 100,000
 * stored messages. The mock runs as a child (memory-child.ts) so its heap and RSS are its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Socket as NetSocket } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import type { MockServerOptions } from '../mock-server/index.js';
import type { ChildSample } from './memory-child.js';
import { stop } from './lib/children.js';
import { fmt, quantile, table } from './lib/stats.js';

export const NIL_SERVER = '00000000-0000-0000-0000-000000000000';

export interface MemoryChild {
  child: ChildProcess;
  url: string;
  sample(): Promise<ChildSample>;
  stop(): Promise<void>;
}

/** Starts the mock (from source, with --expose-gc) as a child with these options. */
export function startMemoryChild(options: MockServerOptions = {}): Promise<MemoryChild> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/memory-child.ts'], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    env: { ...process.env, MEMORY_CHILD_OPTIONS: JSON.stringify(options) },
  });
  const sample = () =>
    new Promise<ChildSample>((resolve) => {
      child.once('message', (m) => resolve(m as ChildSample));
      child.send('sample');
    });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('memory child: no READY in 30 s')), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /READY (\S+)/.exec(out)?.[1];
      if (!url) return;
      clearTimeout(timer);
      resolve({ child, url, sample, stop: () => stop(child) });
    });
    child.once('exit', (code) => reject(new Error(`memory child exited ${code}: ${out}`)));
  });
}

/** A socket.io client on the websocket transport, connected. */
export function client(url: string): Promise<Socket> {
  const socket = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { entityId: randomUUID() } });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

export function join(socket: Socket, channelId: string): Promise<void> {
  return new Promise((resolve) => {
    socket.once('channel_joined', () => resolve());
    socket.emit('message', { type: 1, payload: { channelId, messageServerId: NIL_SERVER } });
  });
}

export function send(socket: Socket, channelId: string, message: string): void {
  socket.emit('message', { type: 2, payload: { channelId, senderId: randomUUID(), message, messageServerId: NIL_SERVER } });
}

/** The TCP socket under a websocket client: pausing it stops reading, as a stalled tab or process does. */
function tcpOf(socket: Socket): NetSocket {
  const engine = socket.io.engine as unknown as { transport: { ws?: { _socket?: NetSocket } } };
  const tcp = engine.transport.ws?._socket;
  if (!tcp) throw new Error('no TCP socket under the websocket client');
  return tcp;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface FloodResult {
  latencies: number[];
  delivered: number;
  expected: number;
  peakHeapMb: number;
  peakRssMb: number;
  endHeapMb: number;
  stalledDropped: boolean;
  slowConsumerReports: number;
}

/** `count` messages of `size` bytes at `rate`/s into one room of `members` readers (and one stalled one, if asked). */
async function flood(withStalled: boolean, config: { members: number; count: number; size: number; rate: number }, options: MockServerOptions = {}): Promise<FloodResult> {
  const mock = await startMemoryChild(options);
  const sockets: Socket[] = [];
  try {
    const channelId = randomUUID();
    const sender = await client(mock.url);
    sockets.push(sender);
    const members = await Promise.all(Array.from({ length: config.members }, () => client(mock.url)));
    sockets.push(...members);
    for (const s of [sender, ...members]) await join(s, channelId);
    if (withStalled) {
      const stalled = await client(mock.url);
      sockets.push(stalled);
      await join(stalled, channelId);
      tcpOf(stalled).pause();
    }
    const latencies: number[] = [];
    for (const m of members) {
      m.on('messageBroadcast', (b: { text?: string }) => {
        const sentAt = Number(b.text?.slice(0, b.text.indexOf(' ')));
        if (Number.isFinite(sentAt)) latencies.push(performance.now() - sentAt);
      });
    }
    const pad = 'x'.repeat(config.size);
    let peakHeapMb = 0;
    let peakRssMb = 0;
    const t0 = performance.now();
    for (let i = 0; i < config.count; i += 1) {
      const due = t0 + (i * 1000) / config.rate;
      if (due > performance.now()) await sleep(due - performance.now());
      send(sender, channelId, `${performance.now()} ${pad}`);
      if (i % Math.max(1, Math.round(config.rate * 5)) === 0) {
        const s = await mock.sample();
        peakHeapMb = Math.max(peakHeapMb, s.heapMb);
        peakRssMb = Math.max(peakRssMb, s.rssMb);
      }
    }
    const expected = config.count * config.members;
    const deadline = performance.now() + 10_000;
    while (latencies.length < expected && performance.now() < deadline) await sleep(50);
    const end = await mock.sample();
    return { latencies, delivered: latencies.length, expected, peakHeapMb: Math.max(peakHeapMb, end.heapMb), peakRssMb: Math.max(peakRssMb, end.rssMb), endHeapMb: end.heapMb, stalledDropped: withStalled && end.sockets === config.members + 1, slowConsumerReports: end.diagnostics['slow-consumer'] ?? 0 };
  } finally {
    for (const s of sockets) s.disconnect();
    await mock.stop();
  }
}

/** The runs of one case as one: latencies pooled, deliveries summed, peaks the highest, dropped only if always. */
function merge(results: FloodResult[]): FloodResult {
  return {
    latencies: results.flatMap((r) => r.latencies),
    delivered: results.reduce((n, r) => n + r.delivered, 0),
    expected: results.reduce((n, r) => n + r.expected, 0),
    peakHeapMb: Math.max(...results.map((r) => r.peakHeapMb)),
    peakRssMb: Math.max(...results.map((r) => r.peakRssMb)),
    endHeapMb: Math.max(...results.map((r) => r.endHeapMb)),
    stalledDropped: results.every((r) => r.stalledDropped),
    slowConsumerReports: Math.max(...results.map((r) => r.slowConsumerReports)),
  };
}

/** The stalled-reader comparison: the same flood with and without one member that stops reading. */
export async function stalledReader(): Promise<void> {
  const config = {
    members: Number(process.env.BENCH_STALLED_MEMBERS ?? 10),
    count: Number(process.env.BENCH_STALLED_MESSAGES ?? 5000),
    size: 10 * 1024,
    rate: Number(process.env.BENCH_STALLED_RATE ?? 200),
  };
  const rounds = Number(process.env.BENCH_STALLED_ROUNDS ?? 3);
  // A short warm-up, then the two cases alternate, so a busy machine slows both alike.
  await flood(false, { ...config, count: Math.min(config.count, 500) });
  const runs: { base: FloodResult[]; stalled: FloodResult[] } = { base: [], stalled: [] };
  for (let r = 0; r < rounds; r += 1) {
    runs.base.push(await flood(false, config));
    runs.stalled.push(await flood(true, config));
  }
  const base = merge(runs.base);
  const stalled = merge(runs.stalled);
  // For scale: what the stalled reader costs when nothing bounds its queue (as before the limit).
  const unbounded = await flood(true, config, { socketBuffer: { maxPackets: 0, maxBytes: 0 } });
  const p = (r: FloodResult, q: number) => quantile([...r.latencies].sort((a, b) => a - b), q);
  const rows = [
    ['', 'without stalled reader', 'with stalled reader', 'ratio', 'target'],
    ['member latency p50 (ms)', fmt(p(base, 0.5), 2), fmt(p(stalled, 0.5), 2), fmt(p(stalled, 0.5) / p(base, 0.5), 2), '<= 1.5x'],
    ['member latency p99 (ms)', fmt(p(base, 0.99), 2), fmt(p(stalled, 0.99), 2), fmt(p(stalled, 0.99) / p(base, 0.99), 2), '<= 1.5x'],
    ['deliveries to members', `${base.delivered}/${base.expected}`, `${stalled.delivered}/${stalled.expected}`, '', 'all'],
    ['mock heap peak (MB, after GC)', fmt(base.peakHeapMb), fmt(stalled.peakHeapMb), fmt(stalled.peakHeapMb - base.peakHeapMb), 'with - without <= 48 MB'],
    ['mock RSS peak (MB)', fmt(base.peakRssMb), fmt(stalled.peakRssMb), fmt(stalled.peakRssMb - base.peakRssMb), ''],
    ['for scale: no bound (socketBuffer 0)', `heap peak ${fmt(unbounded.peakHeapMb)} MB`, `RSS peak ${fmt(unbounded.peakRssMb)} MB`, '', ''],
    ['stalled reader dropped', '', stalled.stalledDropped ? `yes, each round (${stalled.slowConsumerReports} slow-consumer diagnostic)` : 'NO', '', 'yes'],
  ];
  console.log(`\nstalled reader: ${config.count} x 10 KB messages at ${config.rate}/s into one room of ${config.members} readers, plus one reader that stops reading (paused TCP socket); default socket buffer limits (10,000 packets / 16 MiB); ${rounds} rounds of each case, alternating\n`);
  console.log(table(rows));
  const checks: [string, boolean][] = [
    ['stalled reader dropped with a slow-consumer diagnostic', stalled.stalledDropped && stalled.slowConsumerReports === 1],
    ['members latency p99 <= 1.5x the run without it', p(stalled, 0.99) <= 1.5 * p(base, 0.99)],
    ['every member got every message', stalled.delivered === stalled.expected],
    ['heap with the stalled reader <= heap without + 48 MB', stalled.peakHeapMb <= base.peakHeapMb + 48],
  ];
  console.log(`\n${checks.map(([label, pass]) => `${pass ? 'met ' : 'MISS'}  ${label}`).join('\n')}`);
}

/** `runs` GETs of one page (limit 50) of one channel, in ms each. */
async function timePages(url: string, channelId: string, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    const res = await fetch(`${url}/api/messaging/channels/${channelId}/messages?limit=50`);
    await res.arrayBuffer();
    times.push(performance.now() - t0);
  }
  return times;
}

/** A mock child holding `stored` messages, `inChannel` of them in the channel read. */
async function filled(stored: number, inChannel: number): Promise<{ mock: MemoryChild; channelId: string }> {
  const mock = await startMemoryChild({ agent: 'silent', logLevel: 'silent', retention: { messages: 0, messagesPerChannel: 0 } });
  const channelId = randomUUID();
  await new Promise<void>((resolve) => {
    mock.child.once('message', () => resolve());
    mock.child.send({ fill: { channelId, stored, inChannel } });
  });
  return { mock, channelId };
}

/**
 * Reading one channel's page at 100 and at 100,000 stored messages: the per-channel index keeps it flat. The
 * cases run side by side in rounds (each a mock child), so a busy machine slows them alike.
 */
export async function readCost(): Promise<void> {
  const rounds = Number(process.env.BENCH_READ_ROUNDS ?? 5);
  const perRound = Number(process.env.BENCH_READ_RUNS ?? 100);
  const cases = [
    { label: '100 stored, 100 in the channel', stored: 100, inChannel: 100 },
    { label: '100,000 stored, 100 in the channel', stored: 100_000, inChannel: 100 },
    { label: '100,000 stored, all in the channel', stored: 100_000, inChannel: 100_000 },
  ];
  const servers = [];
  for (const c of cases) servers.push(await filled(c.stored, c.inChannel));
  const times = cases.map(() => [] as number[]);
  try {
    for (const s of servers) await timePages(s.mock.url, s.channelId, 20);
    for (let r = 0; r < rounds; r += 1) for (const [i, s] of servers.entries()) times[i]?.push(...(await timePages(s.mock.url, s.channelId, perRound)));
  } finally {
    for (const s of servers) await s.mock.stop();
  }
  const stats = times.map((t) => {
    const sorted = [...t].sort((a, b) => a - b);
    return { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99) };
  });
  const base = stats[0] as { p50: number };
  const rows = [['GET .../channels/:id/messages?limit=50', 'p50 ms', 'p99 ms', 'p50 / 100 stored']];
  for (const [i, c] of cases.entries()) rows.push([c.label, fmt(stats[i]?.p50 ?? NaN, 3), fmt(stats[i]?.p99 ?? NaN, 3), fmt((stats[i]?.p50 ?? NaN) / base.p50, 2)]);
  console.log(`\nreading a channel's messages: ${rounds} rounds of ${perRound} GETs per case over HTTP (a mock child per case, retention off so it holds them all)\n`);
  console.log(table(rows));
  const worst = Math.max(...stats.map((s) => s.p50 / base.p50));
  console.log(`\n${worst <= 2 ? 'met ' : 'MISS'}  page read at 100,000 stored <= 2x the read at 100 (worst ${fmt(worst, 2)}x; before the index, 40,000 stored took 42 ms against 8.8 ms)`);
}

/** The `memory` section of `npm run bench`. */
export async function memorySection(): Promise<void> {
  await readCost();
  await stalledReader();
}
