import { LatencyHistogram } from './histogram.js';
import { LatencyTimeline } from './timeline.js';

interface Pending {
  scheduled: number;
  conversation: number;
  chunked: boolean;
}

/** Response ids remembered for messageComplete; the oldest go first beyond this many. */
const MAX_RESPONSES = 10_000;

/**
 * Times agent replies: the first messageStreamChunk, the agent's messageBroadcast and messageComplete, each from
 * the user message's scheduled time. A reply is matched to its message by the message's text (echoed back) or else
 * by order within its conversation; only messages still awaiting a reply are held.
 */
export class ReplyTracker {
  readonly firstChunk = new LatencyHistogram();
  readonly reply = new LatencyHistogram();
  readonly complete = new LatencyHistogram();
  /** Time to the reply, per second since `timeline.start(t0)`. */
  readonly timeline = new LatencyTimeline();
  sent = 0;
  replied = 0;
  lastReplyAt = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly responses = new Map<string, { seq: number; scheduled: number }>();

  constructor(
    private readonly runId: string,
    private readonly agentId: string,
  ) {}

  onSend(seq: number, conversation: number, scheduled: number): void {
    this.sent += 1;
    this.pending.set(seq, { scheduled, conversation, chunked: false });
  }

  /** Messages without a reply (so far). */
  get unanswered(): number {
    return this.pending.size;
  }

  onChunk(conversation: number, responseId: unknown, now: number): void {
    if (typeof responseId !== 'string' || this.responses.has(responseId)) return;
    const seq = this.oldest(conversation, (p) => !p.chunked);
    const entry = seq === undefined ? undefined : this.pending.get(seq);
    if (seq === undefined || !entry) return;
    entry.chunked = true;
    this.firstChunk.record(now - entry.scheduled);
    this.remember(responseId, seq, entry.scheduled);
  }

  onBroadcast(conversation: number, message: { senderId?: unknown; text?: unknown; id?: unknown }, now: number): void {
    if (message.senderId !== this.agentId) return;
    const seq = this.seqOf(conversation, message);
    const entry = seq === undefined ? undefined : this.pending.get(seq);
    if (seq === undefined || !entry) return;
    this.pending.delete(seq);
    this.replied += 1;
    this.lastReplyAt = now;
    this.reply.record(now - entry.scheduled);
    this.timeline.record(now, now - entry.scheduled);
    if (typeof message.id === 'string') this.remember(message.id, seq, entry.scheduled);
  }

  onComplete(responseId: unknown, now: number): void {
    const known = typeof responseId === 'string' ? this.responses.get(responseId) : undefined;
    if (!known || typeof responseId !== 'string') return;
    this.complete.record(now - known.scheduled);
    this.responses.delete(responseId);
  }

  private seqOf(conversation: number, message: { text?: unknown; id?: unknown }): number | undefined {
    const match = typeof message.text === 'string' ? new RegExp(`${this.runId}:(\\d+)@`).exec(message.text) : null;
    if (match?.[1]) return Number(match[1]);
    const byId = typeof message.id === 'string' ? this.responses.get(message.id)?.seq : undefined;
    return byId ?? this.oldest(conversation, () => true);
  }

  private oldest(conversation: number, test: (p: Pending) => boolean): number | undefined {
    for (const [seq, p] of this.pending) if (p.conversation === conversation && test(p)) return seq;
    return undefined;
  }

  private remember(responseId: string, seq: number, scheduled: number): void {
    this.responses.set(responseId, { seq, scheduled });
    if (this.responses.size > MAX_RESPONSES) {
      const first = this.responses.keys().next();
      if (!first.done) this.responses.delete(first.value);
    }
  }
}
