import { setMaxListeners } from 'node:events';
import { LoadInterruptedError } from './errors.js';

/*
 * How a run stops early: the caller's AbortSignal (Ctrl-C in the CLI) or the run itself (every client lost its
 * connection). Waits end at once on abort; the scenario then ends its measurement and reports what it has.
 */

/** Waits `ms`, or less when `signal` fires first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Resolves when `signal` fires (never without one); for racing a wait that has no signal of its own. */
export function aborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!signal) return;
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** Throws LoadInterruptedError when `signal` has fired: for the setup steps, before there is anything to report. */
export function throwIfInterrupted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new LoadInterruptedError();
}

/** A signal that fires with `outer` or when the run calls `stop()` itself. */
export function runStop(outer: AbortSignal | undefined): { signal: AbortSignal; stop: () => void } {
  const inner = new AbortController();
  const signal = outer ? AbortSignal.any([outer, inner.signal]) : inner.signal;
  setMaxListeners(0, signal);
  return { signal, stop: () => inner.abort() };
}

/** After an early stop only a short wait for what is still in flight. */
export function graceAfter(stopped: boolean, graceMs: number): number {
  return stopped ? Math.min(300, graceMs) : graceMs;
}
