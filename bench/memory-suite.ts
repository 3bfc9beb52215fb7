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
async function flood(withStalled: boolean, config: { members: number; count: number; size: number; rate: number }): Promise<FloodResult> {
  const mock = await startMemoryChild();
  const sockets: Socket[] = [];
  try {
    const channelId = randomUUID();
    const sender = await client(mock.url);
    sockets.push(sender);
    const members = await Promise.all(Array.from({ length: config.members }, () => client(mock.url)));
    sockets.push(...members);
    for (const s of [sender, ...members]) await join(s, channelId);
    let stalledDropped = false;
    if (withStalled) {
      const stalled = await client(mock.url);
      sockets.push(stalled);
      await join(stalled, channelId);
      stalled.on('disconnect', () => (stalledDropped = true));
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
      if (i % Math.max(1, Math.round(config.rate)) === 0) {
        const s = await mock.sample();
        peakHeapMb = Math.max(peakHeapMb, s.heapMb);
        peakRssMb = Math.max(peakRssMb, s.rssMb);
      }
    }
    const expected = config.count * config.members;
    const deadline = performance.now() + 10_000;
    while (latencies.length < expected && performance.now() < deadline) await sleep(50);
    const end = await mock.sample();
    return { latencies, delivered: latencies.length, expected, peakHeapMb: Math.max(peakHeapMb, end.heapMb), peakRssMb: Math.max(peakRssMb, end.rssMb), endHeapMb: end.heapMb, stalledDropped, slowConsumerReports: end.diagnostics['slow-consumer'] ?? 0 };
  } finally {
    for (const s of sockets) s.disconnect();
    await mock.stop();
  }
}

/** The stalled-reader comparison: the same flood with and without one member that stops reading. */
export async function stalledReader(): Promise<void> {
  const config = {
    members: Number(process.env.BENCH_STALLED_MEMBERS ?? 10),
    count: Number(process.env.BENCH_STALLED_MESSAGES ?? 5000),
    size: 10 * 1024,
    rate: Number(process.env.BENCH_STALLED_RATE ?? 250),
  };
  const base = await flood(false, config);
  const stalled = await flood(true, config);
  const p = (r: FloodResult, q: number) => quantile([...r.latencies].sort((a, b) => a - b), q);
  const rows = [
    ['', 'without stalled reader', 'with stalled reader', 'ratio', 'target'],
    ['member latency p50 (ms)', fmt(p(base, 0.5), 2), fmt(p(stalled, 0.5), 2), fmt(p(stalled, 0.5) / p(base, 0.5), 2), '<= 1.5x'],
    ['member latency p99 (ms)', fmt(p(base, 0.99), 2), fmt(p(stalled, 0.99), 2), fmt(p(stalled, 0.99) / p(base, 0.99), 2), '<= 1.5x'],
    ['deliveries to members', `${base.delivered}/${base.expected}`, `${stalled.delivered}/${stalled.expected}`, '', 'all'],
    ['mock heap peak (MB, after GC)', fmt(base.peakHeapMb), fmt(stalled.peakHeapMb), fmt(stalled.peakHeapMb - base.peakHeapMb), 'with - without <= 16 MiB limit + 32'],
    ['mock RSS peak (MB)', fmt(base.peakRssMb), fmt(stalled.peakRssMb), fmt(stalled.peakRssMb - base.peakRssMb), ''],
    ['stalled reader dropped', '', stalled.stalledDropped ? `yes (${stalled.slowConsumerReports} slow-consumer diagnostic)` : 'NO', '', 'yes'],
  ];
  console.log(`\nstalled reader: ${config.count} x 10 KB messages at ${config.rate}/s into one room of ${config.members} readers, plus one reader that stops reading (paused TCP socket); default socket buffer limits (10,000 packets / 16 MiB)\n`);
  console.log(table(rows));
  const checks: [string, boolean][] = [
    ['stalled reader dropped with a slow-consumer diagnostic', stalled.stalledDropped && stalled.slowConsumerReports === 1],
    ['members latency p99 <= 1.5x the run without it', p(stalled, 0.99) <= 1.5 * p(base, 0.99)],
    ['every member got every message', stalled.delivered === stalled.expected],
    ['heap with the stalled reader <= heap without + 48 MB', stalled.peakHeapMb <= base.peakHeapMb + 48],
  ];
  console.log(`\n${checks.map(([label, pass]) => `${pass ? 'met ' : 'MISS'}  ${label}`).join('\n')}`);
}

/** The `memory` section of `npm run bench`. */
export async function memorySection(): Promise<void> {
  await stalledReader();
}
