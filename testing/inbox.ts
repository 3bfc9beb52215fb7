import type { ReceivedSummary, TimelineEntry } from './timeline.js';
import { previewOf } from './timeline.js';

interface Waiter {
  match: (entry: TimelineEntry) => boolean;
  settle: (outcome: { entry: TimelineEntry } | { error: unknown }) => void;
}

function tryMatch(waiter: Waiter, entry: TimelineEntry): boolean | { error: unknown } {
  try {
    return waiter.match(entry);
  } catch (error) {
    return { error };
  }
}

/**
 * Received events and the waits on them. Each received event satisfies at most one wait: a new event goes to the
 * oldest pending wait that matches it; when none does, it stays in the inbox, where a later wait finds it
 * (earliest first). So `send()` then `waitFor()` cannot miss a fast reply, and two waits for the same event
 * resolve with two different events, in arrival order.
 */
export class Inbox {
  private readonly received: { entry: TimelineEntry; taken: boolean }[] = [];
  private readonly waiters: Waiter[] = [];

  /** Records an incoming event and hands it to the oldest pending wait that matches it. */
  push(entry: TimelineEntry): void {
    const slot = { entry, taken: false };
    this.received.push(slot);
    for (const waiter of [...this.waiters]) {
      const outcome = tryMatch(waiter, entry);
      if (outcome === false) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      if (outcome !== true) {
        // The predicate threw: that wait fails with the predicate's error; the others still get a chance.
        waiter.settle(outcome);
        continue;
      }
      slot.taken = true;
      waiter.settle({ entry });
      return;
    }
  }

  /** How many events arrived so far: a mark for `take(match, from)`. */
  get size(): number {
    return this.received.length;
  }

  /** The earliest event received at or after index `from`, not yet taken, that matches; now taken. */
  take(match: (entry: TimelineEntry) => boolean, from = 0): TimelineEntry | undefined {
    const slot = this.received.slice(from).find((s) => !s.taken && match(s.entry));
    if (slot) slot.taken = true;
    return slot?.entry;
  }

  /** Registers a wait for a future event; `cancel` removes it and rejects it (timeout, disconnect, close). */
  wait(match: Waiter['match']): { promise: Promise<TimelineEntry>; cancel: (error: unknown) => void } {
    let waiter!: Waiter;
    const promise = new Promise<TimelineEntry>((resolve, reject) => {
      waiter = { match, settle: (o) => ('entry' in o ? resolve(o.entry) : reject(o.error)) };
    });
    this.waiters.push(waiter);
    const cancel = (error: unknown) => {
      const i = this.waiters.indexOf(waiter);
      if (i < 0) return;
      this.waiters.splice(i, 1);
      waiter.settle({ error });
    };
    return { promise, cancel };
  }

  /** What arrived so far, for error messages. */
  summary(): ReceivedSummary[] {
    return this.received.map(({ entry, taken }) => ({ event: entry.event, at: entry.at, preview: previewOf(entry.payload), taken }));
  }
}
