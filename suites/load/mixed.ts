import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { closeAll, joinChannel, type Transport } from './clients.js';
import { DeliveryTracker, type FanoutLayout } from './delivery-tracker.js';
import { LoadUsageError } from './errors.js';
import { isGeneratorLimited, measureGenerator } from './generator.js';
import { LatencyHistogram } from './histogram.js';
import { startProgress, type ProgressListener } from './progress.js';
import { connectRamped } from './ramp.js';
import { REST_READ_PATHS } from './rest.js';
import type { MixedResult } from './result.js';

import { measurementStart, type StartGate } from './schedule.js';
import { recorded } from './recorded.js';
import { ConnectionWatch } from './connection-watch.js';
import { graceAfter, runStop, sleep, throwIfInterrupted } from './stopping.js';

const NIL_SERVER = '00000000-0000-0000-0000-000000000000';

export interface MixedOptions {
  url: string;
  /** Chatting users (one socket each). */
  users: number;
  /** Rooms the users are spread over (user u in room u % rooms); default users / 5. */
  rooms?: number;
  /** Mean seconds between two messages of one user (uniformly jittered over 0.5x to 1.5x); default 5. */
  thinkSec?: number;
  /** HTTP readers looping over `paths`; default 2. */
  readers?: number;
  /** Requests per second of one reader, at most; default 10. */
  readerRate?: number;
  paths?: readonly string[];
  /** How long the measurement lasts, after the ramp. */
  durationSec: number;
  /** Spread the connections over this many seconds before the measurement (default 0: all at once). */
  rampSec?: number;
  /** Seed of the think-time jitter; default 1. */
  seed?: number;
  transport?: Transport;
  apiKey?: string;
  socketApiKey?: string;
  /** How long to wait for late deliveries after the last send. Default 2000 ms. */
  graceMs?: number;
  timeoutMs?: number;
  onProgress?: ProgressListener;
  /** Called as user `index` starts connecting (performance.now()). */
  onConnectStart?: (index: number, at: number) => void;
  /** When to start, once every user has joined (default: at once). */
  gate?: StartGate;
  /** Prefix of the message texts (default: random); `<family>.<n>` for generator n of a shared run. */
  runId?: string;
  /** Ends the run early: before the measurement it throws LoadInterruptedError, during it users and readers stop. */
  signal?: AbortSignal;
}

/** mulberry32: a small seeded PRNG in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Config {
  users: number;
  rooms: number;
  thinkMs: number;
  readers: number;
  readerRate: number;
  durationMs: number;
  rampSec: number;
  seed: number;
  transport: Transport;
}

function configOf(o: MixedOptions): Config {
  const rooms = o.rooms ?? Math.max(1, Math.floor(o.users / 5));
  const c: Config = {
    users: o.users,
    rooms,
    thinkMs: (o.thinkSec ?? 5) * 1000,
    readers: o.readers ?? 2,
    readerRate: o.readerRate ?? 10,
    durationMs: o.durationSec * 1000,
    rampSec: o.rampSec ?? 0,
    seed: o.seed ?? 1,
    transport: o.transport ?? 'websocket',
  };
  if (rooms < 1 || c.users < 2 * rooms) throw new LoadUsageError(`mixed needs at least 2 users per room (got ${c.users} clients over ${rooms} rooms)`, 'raise --clients or lower --rooms');
  if (!(c.thinkMs > 0) || !(c.durationMs > 0)) throw new LoadUsageError('mixed needs --think > 0 and --duration > 0');
  if (!Number.isInteger(c.readers) || c.readers < 0 || !(c.readerRate > 0)) throw new LoadUsageError('mixed needs --readers >= 0 and a reader rate > 0');
  if (!(c.rampSec >= 0)) throw new LoadUsageError('--ramp must be >= 0');
  return c;
}

interface RestStats {
  latency: LatencyHistogram;
  requests: number;
  errors: number;
  non2xx: Record<string, number>;
}

/** One reader: GETs over `paths` in turn, at most `rate`/s, until `end` (performance.now()) or `stop` fires. */
async function read(o: MixedOptions, rate: number, start: number, end: number, stats: RestStats, stop: AbortSignal): Promise<void> {
  const paths = o.paths ?? REST_READ_PATHS;
  const headers: Record<string, string> = o.apiKey ? { 'x-api-key': o.apiKey } : {};
  for (let n = 0; ; n += 1) {
    const due = start + (n * 1000) / rate;
    if (due >= end) return;
    await sleep(due - performance.now(), stop);
    if (stop.aborted) return;
    const sentAt = performance.now();
    try {
      const signal = AbortSignal.any([AbortSignal.timeout(o.timeoutMs ?? 5000), stop]);
      const response = await fetch(`${o.url}${paths[n % paths.length] ?? '/'}`, { headers, signal });
      await response.arrayBuffer();
      stats.latency.record(performance.now() - sentAt);
      stats.requests += 1;
      if (response.status < 200 || response.status > 299) stats.non2xx[String(response.status)] = (stats.non2xx[String(response.status)] ?? 0) + 1;
    } catch {
      if (stop.aborted) return; // given up on the early stop, not the server's error
      stats.requests += 1;
      stats.errors += 1;
    }
  }
}

interface Chat {
  tracker: DeliveryTracker;
  lag: LatencyHistogram;
  sent: number;
  stop: AbortSignal;
}

/** Every user sends on its own jittered open schedule from t0 until end; message seq = round * users + user. */
async function chat(c: Config, sockets: Socket[], rooms: string[], layout: FanoutLayout, chatState: Chat, t0: number, end: number): Promise<void> {
  const runs = sockets.map(async (socket, user) => {
    // one generator per user, so that the schedule does not depend on the order the timers fire in
    const random = seededRandom((Math.imul(c.seed, 0x9e3779b1) + user) >>> 0);
    const jitter = () => c.thinkMs * (0.5 + random());
    let due = t0 + c.thinkMs * random();
    for (let round = 0; due < end; round += 1, due += jitter()) {
      await sleep(due - performance.now(), chatState.stop);
      if (chatState.stop.aborted) return;
      const seq = round * c.users + user;
      chatState.tracker.onSend(seq, due);
      chatState.sent += 1;
      const message = `${layout.runId}:${seq}@${due.toFixed(3)}`;
      const channelId = rooms[layout.roomOf[user] ?? 0];
      socket.emit('message', { type: 2, payload: { channelId, senderId: randomUUID(), message, messageServerId: NIL_SERVER, messageId: `${layout.runId}-${seq}` } });
      chatState.lag.record(performance.now() - due);
    }
  });
  await Promise.all(runs);
}

async function waitForDeliveries(tracker: DeliveryTracker, graceMs: number, watch: ConnectionWatch): Promise<void> {
  const deadline = performance.now() + graceMs;
  while (tracker.pending > 0 && watch.connected > 0 && performance.now() < deadline) await sleep(10);
  if (watch.connected > 0) await sleep(Math.min(200, graceMs));
}

/**
 * Mixed soak: `users` sockets in rooms of a few members, each sending a message every `thinkSec` on average
 * (seeded jitter, open model: latency from the scheduled time), while `readers` HTTP readers loop over the read
 * endpoints at a bounded rate. Chat deliveries are checked like fanout's (lost, duplicated, cross-room).
 */
export async function runMixed(options: MixedOptions): Promise<MixedResult> {
  const c = configOf(options);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const rooms = Array.from({ length: c.rooms }, () => randomUUID());
  const roomOf = Array.from({ length: c.users }, (_, u) => u % c.rooms);
  const client = { transport: c.transport, socketApiKey: options.socketApiKey, timeoutMs, signal: options.signal };
  const sockets = await connectRamped(options.url, c.users, client, { rampMs: c.rampSec * 1000, onStart: options.onConnectStart });
  try {
    await Promise.all(sockets.map((s, u) => joinChannel(s, rooms[roomOf[u] ?? 0] ?? '', timeoutMs, options.signal)));
    const layout: FanoutLayout = { runId: options.runId ?? randomUUID().slice(0, 8), roomOf, senderOf: (seq) => seq % c.users };
    const stop = runStop(options.signal);
    const watch = new ConnectionWatch(stop.stop);
    watch.watch(sockets);
    const state: Chat = { tracker: new DeliveryTracker(layout), lag: new LatencyHistogram(), sent: 0, stop: stop.signal };
    sockets.forEach((socket, user) => socket.on('messageBroadcast', (m: { text?: unknown }) => state.tracker.onBroadcast(user, m?.text, performance.now())));
    const rest: RestStats = { latency: new LatencyHistogram(), requests: 0, errors: 0, non2xx: {} };
    const t0 = await measurementStart(options.gate);
    throwIfInterrupted(options.signal);
    const startedAt = new Date(Date.now() + t0 - performance.now()).toISOString();
    state.tracker.timeline.start(t0);
    const stopGenerator = measureGenerator(state.lag);
    const progress = () => ({ sent: state.sent, received: state.tracker.delivered, lagMs: state.lag.summary().max, connected: watch.connected, disconnected: watch.disconnected });
    const stopProgress = startProgress(progress, options.onProgress);
    const end = t0 + c.durationMs;
    const readers = Array.from({ length: c.readers }, () => read(options, c.readerRate, t0, end, rest, stop.signal));
    await Promise.all([chat(c, sockets, rooms, layout, state, t0, end), ...readers]);
    const sendEnd = performance.now();
    await waitForDeliveries(state.tracker, graceAfter(stop.signal.aborted, options.graceMs ?? 2000), watch);
    stopProgress();
    watch.close();
    const generator = stopGenerator();
    const perSec = (n: number, ms: number) => Math.round((n * 10_000) / Math.max(1, ms)) / 10;
    const t = state.tracker;
    return {
      scenario: 'mixed',
      target: options.url,
      startedAt,
      durationMs: Math.round(performance.now() - t0),
      generator,
      generatorLimited: isGeneratorLimited(generator),
      config: { users: c.users, rooms: c.rooms, thinkSec: c.thinkMs / 1000, readers: c.readers, readerRate: c.readerRate, durationSec: c.durationMs / 1000, rampSec: c.rampSec, seed: c.seed, transport: c.transport },
      chat: { sent: state.sent, expected: t.expected, delivered: t.delivered, lost: t.lost, duplicated: t.duplicated, crossRoom: t.crossRoom },
      rest: { requests: rest.requests, errors: rest.errors, non2xx: rest.non2xx },
      throughput: { messagesPerSec: perSec(state.sent, sendEnd - t0), deliveriesPerSec: perSec(t.delivered, sendEnd - t0), requestsPerSec: perSec(rest.requests, sendEnd - t0) },
      latency: { delivery: t.delivery.summary(), completion: t.completion.summary(), rest: rest.latency.summary() },
      ...recorded({ delivery: t.delivery, completion: t.completion, rest: rest.latency }, t.timeline),
      disconnected: watch.disconnected,
    };
  } finally {
    closeAll(sockets);
  }
}
