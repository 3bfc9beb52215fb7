import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { closeAll, connectClient, joinChannel, type Transport } from './clients.js';
import { LoadInterruptedError, LoadTargetError, LoadUsageError } from './errors.js';
import { ConnectionWatch } from './connection-watch.js';
import { runStop, throwIfInterrupted } from './stopping.js';
import { isGeneratorLimited, measureGenerator } from './generator.js';
import { LatencyHistogram } from './histogram.js';
import { startProgress, type ProgressListener } from './progress.js';
import type { ConnectResult } from './result.js';
import { rampRate } from './ramp.js';
import { measurementStart, runOpenSchedule, type StartGate } from './schedule.js';
import { recorded } from './recorded.js';
import { LatencyTimeline } from './timeline.js';

export interface ConnectOptions {
  url: string;
  clients: number;
  rooms: number;
  /** Connection attempts per second (open schedule). */
  rate: number;
  /** Spread the attempts evenly over this many seconds instead (overrides `rate` with clients / rampSec). */
  rampSec?: number;
  transport?: Transport;
  socketApiKey?: string;
  timeoutMs?: number;
  onProgress?: ProgressListener;
  /** When to start the storm (default: at once). */
  gate?: StartGate;
  /** Ends the storm early: no attempt after it fires, those in flight are given up; the result holds the rest. */
  signal?: AbortSignal;
}

interface Storm {
  connect: LatencyHistogram;
  joined: LatencyHistogram;
  /** Time to joined, per second since the start. */
  timeline: LatencyTimeline;
  failures: Record<string, number>;
  sockets: Socket[];
  attempts: Promise<void>[];
  lastJoinedAt: number;
  watch: ConnectionWatch;
}

async function attempt(options: ConnectOptions, storm: Storm, channelId: string, due: number): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  try {
    const socket = await connectClient(options.url, { transport: options.transport ?? 'websocket', socketApiKey: options.socketApiKey, timeoutMs, signal: options.signal });
    storm.sockets.push(socket);
    storm.watch.watch([socket]);
    storm.connect.record(performance.now() - due);
    await joinChannel(socket, channelId, timeoutMs, options.signal);
    storm.lastJoinedAt = performance.now();
    storm.joined.record(storm.lastJoinedAt - due);
    storm.timeline.record(storm.lastJoinedAt, storm.lastJoinedAt - due);
  } catch (error) {
    // given up because the run was interrupted: not the server's failure
    if (error instanceof LoadInterruptedError) return;
    const reason = error instanceof Error ? error.message : String(error);
    storm.failures[reason] = (storm.failures[reason] ?? 0) + 1;
  }
}

/** Connect-and-join storm: `clients` attempts at `rate`/s over `rooms` channels, each timed from its scheduled time. */
export async function runConnect(input: ConnectOptions): Promise<ConnectResult> {
  const options = input.rampSec ? { ...input, rate: rampRate(input.clients, input.rampSec) } : input;
  if (options.clients < 1 || options.rooms < 1 || !(options.rate > 0)) throw new LoadUsageError('connect needs --clients >= 1, --rooms >= 1 and --rate > 0');
  const rooms = Array.from({ length: options.rooms }, () => randomUUID());
  const stop = runStop(options.signal);
  const watch = new ConnectionWatch(stop.stop);
  const storm: Storm = { connect: new LatencyHistogram(), joined: new LatencyHistogram(), timeline: new LatencyTimeline(), failures: {}, sockets: [], attempts: [], lastJoinedAt: 0, watch };
  const lag = new LatencyHistogram();
  const t0 = await measurementStart(options.gate);
  throwIfInterrupted(options.signal);
  const startedAt = new Date(Date.now() + t0 - performance.now()).toISOString();
  storm.timeline.start(t0);
  const stopGenerator = measureGenerator(lag);
  const stopProgress = startProgress(
    () => ({ sent: storm.attempts.length, received: storm.joined.count, lagMs: lag.summary().max, connected: watch.connected, disconnected: watch.disconnected }),
    options.onProgress,
  );
  try {
    const send = (seq: number, due: number) => void storm.attempts.push(attempt(options, storm, rooms[seq % options.rooms] ?? '', due));
    await runOpenSchedule({ total: options.clients, rate: options.rate, startAt: t0, send, lag, signal: stop.signal });
    await Promise.all(storm.attempts);
  } finally {
    stopProgress();
    watch.close();
    closeAll(storm.sockets);
  }
  const generator = stopGenerator();
  const joined = storm.joined.count;
  if (storm.connect.count === 0 && options.signal?.aborted) throw new LoadInterruptedError();
  if (storm.connect.count === 0) throw new LoadTargetError(`cannot connect to ${options.url}: ${Object.keys(storm.failures).join(', ')}`);
  const window = Math.max(1, (storm.lastJoinedAt || performance.now()) - t0);
  return {
    scenario: 'connect',
    target: options.url,
    startedAt,
    durationMs: Math.round(performance.now() - t0),
    config: { clients: options.clients, rooms: options.rooms, rate: options.rate, transport: options.transport ?? 'websocket' },
    attempted: storm.attempts.length,
    joined,
    failures: storm.failures,
    throughput: { connectsPerSec: Math.round((joined * 10_000) / window) / 10 },
    latency: { connect: storm.connect.summary(), joined: storm.joined.summary() },
    ...recorded({ connect: storm.connect, joined: storm.joined }, storm.timeline),
    generator,
    generatorLimited: isGeneratorLimited(generator),
    disconnected: watch.disconnected,
  };
}
