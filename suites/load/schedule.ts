import type { LatencyHistogram } from './histogram.js';
import { sleep } from './stopping.js';

export interface OpenSchedule {
  /** How many sends in all. */
  total: number;
  /** Sends per second. */
  rate: number;
  /** performance.now() of the first send. */
  startAt: number;
  /** Fired at (or as soon as possible after) each send's due time; must not block. */
  send: (seq: number, dueMs: number) => void;
  /** Receives how late each send ran behind its due time, in ms. */
  lag: LatencyHistogram;
  /** Stops the schedule: no send after it fires. */
  signal?: AbortSignal;
}

/**
 * Runs an open-model schedule: send n is due at startAt + n / rate whatever happened to the earlier sends, so a
 * slow server cannot slow the offered load (no coordinated omission). When the generator falls behind it sends every
 * overdue message at once and records the lag. Resolves after the last send, or as soon as `signal` fires.
 */
export async function runOpenSchedule(schedule: OpenSchedule): Promise<void> {
  const interval = 1000 / schedule.rate;
  const due = (seq: number) => schedule.startAt + seq * interval;
  const stopped = () => schedule.signal?.aborted === true;
  let seq = 0;
  while (seq < schedule.total && !stopped()) {
    let now = performance.now();
    while (seq < schedule.total && due(seq) <= now && !stopped()) {
      schedule.send(seq, due(seq));
      now = performance.now();
      schedule.lag.record(now - due(seq));
      seq += 1;
    }
    if (seq < schedule.total) await sleep(due(seq) - performance.now(), schedule.signal);
  }
}

/**
 * Called once the clients are connected and joined, just before the measurement: resolves with the wall-clock time
 * (ms since the epoch) to start at. Several processes given the same time start together (`--workers`).
 */
export type StartGate = () => Promise<number>;

/** performance.now() of the measurement start: 20 ms from now, or the time the gate names. */
export async function measurementStart(gate?: StartGate): Promise<number> {
  if (!gate) return performance.now() + 20;
  const at = await gate();
  return performance.now() + Math.max(0, at - Date.now());
}
