/** A periodic snapshot of a running scenario. */
export interface BenchProgress {
  elapsedMs: number;
  sent: number;
  received: number;
  /** Sends per second over the last period. */
  ratePerSec: number;
  /** The largest lag behind schedule so far, in ms. */
  lagMs: number;
}

export type ProgressListener = (progress: BenchProgress) => void;

/** Calls `listener` every `everyMs` with `snapshot()`'s counts; returns the stop function. */
export function startProgress(snapshot: () => { sent: number; received: number; lagMs: number }, listener: ProgressListener | undefined, everyMs = 2000): () => void {
  if (!listener) return () => undefined;
  const t0 = performance.now();
  let last = { at: t0, sent: 0 };
  const timer = setInterval(() => {
    const now = performance.now();
    const counts = snapshot();
    const ratePerSec = ((counts.sent - last.sent) * 1000) / Math.max(1, now - last.at);
    last = { at: now, sent: counts.sent };
    listener({ elapsedMs: now - t0, ...counts, ratePerSec: Math.round(ratePerSec) });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
