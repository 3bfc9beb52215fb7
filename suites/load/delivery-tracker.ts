import { LatencyHistogram } from './histogram.js';
import { LatencyTimeline } from './timeline.js';

/** Where each client sits and who sends what: client c is in room roomOf[c]; message seq is sent by senderOf(seq). */
export interface FanoutLayout {
  /** Prefix of this run's message texts. `<family>.<n>` when several generators share a run (`--workers`). */
  runId: string;
  roomOf: readonly number[];
  senderOf: (seq: number) => number;
}

interface InFlight {
  scheduled: number;
  expected: number;
  receivers: Set<number>;
  first: number;
}

/** Parses `<runId>:<seq>@<scheduledMs>`; undefined for any other text. */
export function parseMessageText(text: unknown): { runId: string; seq: number } | undefined {
  if (typeof text !== 'string') return undefined;
  const match = /^(.+):(\d+)@[\d.]+$/.exec(text);
  if (!match?.[1] || match[2] === undefined) return undefined;
  return { runId: match[1], seq: Number(match[2]) };
}

/**
 * Counts member deliveries of a fanout run. Memory holds only the messages still in flight: a message leaves when
 * its last expected receiver has it, so a later copy is known to be a duplicate from `seq < sent` alone.
 */
export class DeliveryTracker {
  readonly delivery = new LatencyHistogram();
  readonly completion = new LatencyHistogram();
  readonly skew = new LatencyHistogram();
  /** Delivery latencies per second since `timeline.start(t0)`. */
  readonly timeline = new LatencyTimeline();
  sent = 0;
  expected = 0;
  delivered = 0;
  duplicated = 0;
  crossRoom = 0;
  foreign = 0;
  /** performance.now() of the last member delivery (0 before any). */
  lastDeliveryAt = 0;
  private readonly inFlight = new Map<number, InFlight>();
  private readonly members: number[] = [];

  /** `<family>.` when the run id names a generator of a shared run. */
  private readonly family: string | undefined;

  constructor(private readonly layout: FanoutLayout) {
    const dot = layout.runId.lastIndexOf('.');
    this.family = dot > 0 ? layout.runId.slice(0, dot + 1) : undefined;
    for (const room of layout.roomOf) this.members[room] = (this.members[room] ?? 0) + 1;
  }

  /** Registers message `seq` just before it is emitted. */
  onSend(seq: number, scheduled: number): void {
    const expected = (this.members[this.roomOfSeq(seq)] ?? 1) - 1;
    this.sent = Math.max(this.sent, seq + 1);
    this.expected += expected;
    if (expected > 0) this.inFlight.set(seq, { scheduled, expected, receivers: new Set(), first: 0 });
  }

  /** A messageBroadcast reached client `client` at `now` (performance.now()). */
  onBroadcast(client: number, text: unknown, now: number): void {
    const parsed = parseMessageText(text);
    if (!parsed || parsed.runId !== this.layout.runId) {
      // another generator's message of the same run reached this room: it was broadcast into the wrong room
      if (parsed && this.family !== undefined && parsed.runId.startsWith(this.family)) this.crossRoom += 1;
      else this.foreign += 1;
      return;
    }
    const { seq } = parsed;
    if (this.layout.senderOf(seq) === client) return; // the sender's own copy is not a member delivery
    if (this.layout.roomOf[client] !== this.roomOfSeq(seq)) {
      this.crossRoom += 1;
      return;
    }
    this.record(seq, client, now);
  }

  private record(seq: number, client: number, now: number): void {
    const state = this.inFlight.get(seq);
    if (!state) {
      if (seq < this.sent) this.duplicated += 1;
      else this.foreign += 1;
      return;
    }
    if (state.receivers.has(client)) {
      this.duplicated += 1;
      return;
    }
    state.receivers.add(client);
    this.delivered += 1;
    this.lastDeliveryAt = now;
    this.delivery.record(now - state.scheduled);
    this.timeline.record(now, now - state.scheduled);
    if (state.receivers.size === 1) state.first = now;
    if (state.receivers.size === state.expected) {
      this.completion.record(now - state.scheduled);
      this.skew.record(now - state.first);
      this.inFlight.delete(seq);
    }
  }

  /** Messages still missing at least one member delivery. */
  get pending(): number {
    return this.inFlight.size;
  }

  /** Expected member deliveries not received (so far). */
  get lost(): number {
    let lost = 0;
    for (const state of this.inFlight.values()) lost += state.expected - state.receivers.size;
    return lost;
  }

  private roomOfSeq(seq: number): number {
    return this.layout.roomOf[this.layout.senderOf(seq)] ?? -1;
  }
}
