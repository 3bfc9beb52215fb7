import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { closeAll, connectClient, joinChannel, type Transport } from './clients.js';
import { LoadUsageError } from './errors.js';
import { isGeneratorLimited, measureGenerator } from './generator.js';
import { LatencyHistogram } from './histogram.js';
import { startProgress, type ProgressListener } from './progress.js';
import { ReplyTracker } from './reply-tracker.js';
import type { RoundtripResult } from './result.js';
import { prepareConversations, type RoundtripSetup } from './roundtrip-setup.js';
import { measurementStart, runOpenSchedule, type StartGate } from './schedule.js';
import { recorded } from './recorded.js';
import { ConnectionWatch } from './connection-watch.js';
import { graceAfter, runStop, throwIfInterrupted } from './stopping.js';

export interface RoundtripOptions {
  url: string;
  /** Conversations (a user and the agent in a channel of their own). */
  users: number;
  /** User messages per second over all conversations. */
  rate: number;
  messages: number;
  transport?: Transport;
  apiKey?: string;
  socketApiKey?: string;
  /** How long to wait for the last replies. Default 5000 ms. */
  graceMs?: number;
  onProgress?: ProgressListener;
  /** When to start sending, once every user has joined (default: at once). */
  gate?: StartGate;
  /** Ends the run early: before the measurement it throws LoadInterruptedError, during it the sends stop. */
  signal?: AbortSignal;
}

async function connectUsers(o: RoundtripOptions, setup: RoundtripSetup, tracker: ReplyTracker): Promise<Socket[]> {
  const sockets: Socket[] = [];
  try {
    for (const [i, c] of setup.conversations.entries()) {
      const socket = await connectClient(o.url, { transport: o.transport ?? 'websocket', socketApiKey: o.socketApiKey, timeoutMs: 10_000, entityId: c.userId, signal: o.signal });
      sockets.push(socket);
      await joinChannel(socket, c.channelId, 10_000, o.signal);
      socket.on('messageStreamChunk', (m: { messageId?: unknown }) => tracker.onChunk(i, m?.messageId, performance.now()));
      socket.on('messageBroadcast', (m: { senderId?: unknown; text?: unknown; id?: unknown }) => tracker.onBroadcast(i, m ?? {}, performance.now()));
      socket.on('messageComplete', (m: { messageId?: unknown }) => tracker.onComplete(m?.messageId, performance.now()));
    }
    return sockets;
  } catch (error) {
    closeAll(sockets);
    throw error;
  }
}

async function waitForReplies(tracker: ReplyTracker, graceMs: number, watch: ConnectionWatch): Promise<void> {
  const deadline = performance.now() + graceMs;
  while (tracker.unanswered > 0 && watch.connected > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  // messageComplete, when the profile has it, follows the final broadcast
  if (watch.connected > 0) await new Promise((r) => setTimeout(r, Math.min(100, graceMs)));
}

/**
 * Roundtrip: `users` conversations with the first active agent; `messages` user messages on an open schedule at
 * `rate`/s; times to the first stream chunk, to the agent's final messageBroadcast and to messageComplete.
 */
export async function runRoundtrip(options: RoundtripOptions): Promise<RoundtripResult> {
  if (options.users < 1 || !(options.rate > 0) || options.messages < 1) throw new LoadUsageError('roundtrip needs --rooms >= 1, --rate > 0 and at least one message');
  const setup = await prepareConversations(options.url, options.users, options.apiKey, options.signal);
  const runId = randomUUID().slice(0, 8);
  const tracker = new ReplyTracker(runId, setup.agentId);
  const sockets = await connectUsers(options, setup, tracker);
  try {
    return await drive(options, setup, sockets, tracker, runId);
  } finally {
    closeAll(sockets);
  }
}

async function drive(o: RoundtripOptions, setup: RoundtripSetup, sockets: Socket[], tracker: ReplyTracker, runId: string): Promise<RoundtripResult> {
  const stop = runStop(o.signal);
  const watch = new ConnectionWatch(stop.stop);
  watch.watch(sockets);
  const lag = new LatencyHistogram();
  const t0 = await measurementStart(o.gate);
  throwIfInterrupted(o.signal);
  const startedAt = new Date(Date.now() + t0 - performance.now()).toISOString();
  tracker.timeline.start(t0);
  const stopGenerator = measureGenerator(lag);
  const stopProgress = startProgress(
    () => ({ sent: tracker.sent, received: tracker.replied, lagMs: lag.summary().max, connected: watch.connected, disconnected: watch.disconnected }),
    o.onProgress,
  );
  const send = (seq: number, due: number) => {
    const i = seq % setup.conversations.length;
    const c = setup.conversations[i];
    if (!c) return;
    tracker.onSend(seq, i, due);
    const payload = { channelId: c.channelId, senderId: c.userId, message: `${runId}:${seq}@${due.toFixed(3)}`, messageServerId: setup.messageServerId, messageId: `${runId}-${seq}` };
    sockets[i]?.emit('message', { type: 2, payload });
  };
  await runOpenSchedule({ total: o.messages, rate: o.rate, startAt: t0, send, lag, signal: stop.signal });
  await waitForReplies(tracker, graceAfter(stop.signal.aborted, o.graceMs ?? 5000), watch);
  stopProgress();
  watch.close();
  const generator = stopGenerator();
  const end = performance.now();
  return {
    scenario: 'roundtrip',
    target: o.url,
    startedAt,
    durationMs: Math.round(end - t0),
    config: { users: o.users, rate: o.rate, messages: o.messages, transport: o.transport ?? 'websocket', agentId: setup.agentId },
    sent: tracker.sent,
    replied: tracker.replied,
    unanswered: tracker.unanswered,
    throughput: { repliesPerSec: Math.round((tracker.replied * 10_000) / Math.max(1, (tracker.lastReplyAt || end) - t0)) / 10 },
    latency: { firstChunk: tracker.firstChunk.summary(), reply: tracker.reply.summary(), complete: tracker.complete.summary() },
    ...recorded({ firstChunk: tracker.firstChunk, reply: tracker.reply, complete: tracker.complete }, tracker.timeline),
    generator,
    generatorLimited: isGeneratorLimited(generator),
    disconnected: watch.disconnected,
  };
}
