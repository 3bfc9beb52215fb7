/** A periodic snapshot of a running scenario. */
export interface BenchProgress {
  elapsedMs: number;
  sent: number;
  received: number;
  /** How many sends the run will make, when known up front (the progress bar needs it). */
  total?: number;
  /** What a received item is, e.g. "deliveries"; default "received". */
  receivedLabel?: string;
  /** Sends per second over the last period. */
  ratePerSec: number;
  /** Received items per second over the last period. */
  receivedPerSec?: number;
  /** The largest lag behind schedule so far, in ms. */
  lagMs: number;
  /** Sockets still connected, and those that lost their connection (socket scenarios). */
  connected?: number;
  disconnected?: number;
}

export type ProgressListener = (progress: BenchProgress) => void;

/** The counts a scenario reports: sent, received and lag, optionally the planned total and what is received. */
export interface ProgressCounts {
  sent: number;
  received: number;
  lagMs: number;
  total?: number;
  receivedLabel?: string;
  connected?: number;
  disconnected?: number;
}

/** Calls `listener` every `everyMs` with `snapshot()`'s counts; returns the stop function. */
export function startProgress(snapshot: () => ProgressCounts, listener: ProgressListener | undefined, everyMs = 2000): () => void {
  if (!listener) return () => undefined;
  const t0 = performance.now();
  let last = { at: t0, sent: 0, received: 0 };
  const timer = setInterval(() => {
    const now = performance.now();
    const counts = snapshot();
    const period = Math.max(1, now - last.at);
    const ratePerSec = ((counts.sent - last.sent) * 1000) / period;
    const receivedPerSec = ((counts.received - last.received) * 1000) / period;
    last = { at: now, sent: counts.sent, received: counts.received };
    listener({ elapsedMs: now - t0, ...counts, ratePerSec: Math.round(ratePerSec), receivedPerSec: Math.round(receivedPerSec) });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
