import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { closeAll, connectMany, joinChannel, type Transport } from './clients.js';
import { DeliveryTracker, type FanoutLayout } from './delivery-tracker.js';
import { isGeneratorLimited, measureGenerator } from './generator.js';
import { LatencyHistogram } from './histogram.js';
import { startProgress, type ProgressListener } from './progress.js';
import type { FanoutResult } from './result.js';
import { measurementStart, runOpenSchedule, type StartGate } from './schedule.js';
import { recorded } from './recorded.js';
import { LoadUsageError } from './errors.js';
import { connectRamped } from './ramp.js';
import { ConnectionWatch } from './connection-watch.js';
import { graceAfter, runStop, throwIfInterrupted } from './stopping.js';

const NIL_SERVER = '00000000-0000-0000-0000-000000000000';

export interface FanoutOptions {
  url: string;
  clients: number;
  rooms: number;
  /** Senders (clients 0..S-1, so sender s sits in room s % rooms); default one per room. */
  senders?: number;
  /** Messages per second over all senders. */
  rate: number;
  messages: number;
  transport?: Transport;
  socketApiKey?: string;
  /** Spread the connections evenly over this many seconds before the measurement starts (default: batches of 50 at once). */
  rampSec?: number;
  /** How long to wait for late deliveries after the last send. Default 2000 ms. */
  graceMs?: number;
  timeoutMs?: number;
  onProgress?: ProgressListener;
  /** When to start sending, once every client has joined (default: at once). */
  gate?: StartGate;
  /** Prefix of the message texts (default: random); `<family>.<n>` for generator n of a shared run. */
  runId?: string;
  /**
   * Ends the run early: before the measurement it throws LoadInterruptedError, during it the sends stop and the
   * result holds what was measured so far.
   */
  signal?: AbortSignal;
}

function checkOptions(o: FanoutOptions, senders: number): void {
  if (o.rooms < 1 || o.clients < 2 * o.rooms) throw new LoadUsageError(`fanout needs at least 2 clients per room (got ${o.clients} clients over ${o.rooms} rooms)`, 'raise --clients or lower --rooms');
  if (senders < 1 || senders > o.clients) throw new LoadUsageError(`--senders must be from 1 to --clients (${o.clients}), got ${senders}`);
  if (!(o.rate > 0) || o.messages < 1) throw new LoadUsageError('fanout needs --rate > 0 and at least one message');
}

function attach(sockets: Socket[], tracker: DeliveryTracker): void {
  sockets.forEach((socket, client) => {
    socket.on('messageBroadcast', (message: { text?: unknown }) => tracker.onBroadcast(client, message?.text, performance.now()));
  });
}

async function waitForDeliveries(tracker: DeliveryTracker, graceMs: number, watch: ConnectionWatch): Promise<void> {
  const deadline = performance.now() + graceMs;
  while (tracker.pending > 0 && watch.connected > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  // a short settle so that late duplicates and misrouted copies are still counted
  if (watch.connected > 0) await new Promise((r) => setTimeout(r, Math.min(200, graceMs)));
}

/**
 * Fanout: `clients` sockets over `rooms` fresh channels (client c in room c % rooms), `senders` of them sending
 * `messages` in all on an open schedule at `rate`/s. Every member delivery is timed from its message's scheduled
 * time on this process's clock; lost, duplicated and cross-room deliveries are counted.
 */
export async function runFanout(options: FanoutOptions): Promise<FanoutResult> {
  const senders = options.senders ?? options.rooms;
  checkOptions(options, senders);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const transport = options.transport ?? 'websocket';
  const rooms = Array.from({ length: options.rooms }, () => randomUUID());
  const roomOf = Array.from({ length: options.clients }, (_, c) => c % options.rooms);
  const client = { transport, socketApiKey: options.socketApiKey, timeoutMs, signal: options.signal };
  const sockets = options.rampSec ? await connectRamped(options.url, options.clients, client, { rampMs: options.rampSec * 1000 }) : await connectMany(options.url, options.clients, client);
  try {
    await Promise.all(sockets.map((s, c) => joinChannel(s, rooms[roomOf[c] ?? 0] ?? '', timeoutMs, options.signal)));
    const layout: FanoutLayout = { runId: options.runId ?? randomUUID().slice(0, 8), roomOf, senderOf: (seq) => seq % senders };
    return await drive(options, { sockets, rooms, layout, transport, senders });
  } finally {
    closeAll(sockets);
  }
}

interface Setup {
  sockets: Socket[];
  rooms: string[];
  layout: FanoutLayout;
  transport: Transport;
  senders: number;
}

async function drive(options: FanoutOptions, setup: Setup): Promise<FanoutResult> {
  const tracker = new DeliveryTracker(setup.layout);
  attach(setup.sockets, tracker);
  const stop = runStop(options.signal);
  const watch = new ConnectionWatch(stop.stop);
  watch.watch(setup.sockets);
  const lag = new LatencyHistogram();
  const t0 = await measurementStart(options.gate);
  throwIfInterrupted(options.signal);
  const startedAt = new Date(Date.now() + t0 - performance.now()).toISOString();
  tracker.timeline.start(t0);
  const stopGenerator = measureGenerator(lag);
  const stopProgress = startProgress(
    () => ({ sent: tracker.sent, received: tracker.delivered, lagMs: lag.summary().max, total: options.messages, receivedLabel: 'deliveries', connected: watch.connected, disconnected: watch.disconnected }),
    options.onProgress,
  );
  const send = (seq: number, due: number) => {
    const sender = setup.layout.senderOf(seq);
    const channelId = setup.rooms[setup.layout.roomOf[sender] ?? 0];
    tracker.onSend(seq, due);
    const message = `${setup.layout.runId}:${seq}@${due.toFixed(3)}`;
    setup.sockets[sender]?.emit('message', { type: 2, payload: { channelId, senderId: randomUUID(), message, messageServerId: NIL_SERVER, messageId: `${setup.layout.runId}-${seq}` } });
  };
  await runOpenSchedule({ total: options.messages, rate: options.rate, startAt: t0, send, lag, signal: stop.signal });
  const sendEnd = performance.now();
  await waitForDeliveries(tracker, graceAfter(stop.signal.aborted, options.graceMs ?? 2000), watch);
  stopProgress();
  watch.close();
  const generator = stopGenerator();
  return summarize(options, setup, tracker, { startedAt, t0, sendEnd, end: performance.now(), generator, disconnected: watch.disconnected });
}

interface Timing {
  startedAt: string;
  t0: number;
  sendEnd: number;
  end: number;
  generator: FanoutResult['generator'];
  disconnected: number;
}

function summarize(options: FanoutOptions, setup: Setup, tracker: DeliveryTracker, timing: Timing): FanoutResult {
  const perSec = (n: number, ms: number) => Math.round((n * 1000 * 10) / Math.max(1, ms)) / 10;
  return {
    scenario: 'fanout',
    target: options.url,
    startedAt: timing.startedAt,
    durationMs: Math.round(timing.end - timing.t0),
    config: { clients: options.clients, rooms: options.rooms, senders: setup.senders, rate: options.rate, messages: options.messages, transport: setup.transport },
    sent: tracker.sent,
    expected: tracker.expected,
    delivered: tracker.delivered,
    lost: tracker.lost,
    duplicated: tracker.duplicated,
    crossRoom: tracker.crossRoom,
    throughput: { sentPerSec: perSec(tracker.sent, timing.sendEnd - timing.t0), deliveriesPerSec: perSec(tracker.delivered, (tracker.lastDeliveryAt || timing.end) - timing.t0) },
    latency: { delivery: tracker.delivery.summary(), completion: tracker.completion.summary(), skew: tracker.skew.summary() },
    ...recorded({ delivery: tracker.delivery, completion: tracker.completion, skew: tracker.skew }, tracker.timeline),
    generator: timing.generator,
    generatorLimited: isGeneratorLimited(timing.generator),
    disconnected: timing.disconnected,
  };
}
