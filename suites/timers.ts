/** Waits `ms`; the timer is cleared when `signal` aborts (then it resolves at once), so nothing outlives a run. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** `promise`, or `fallback()` once `ms` have passed; the timer is cleared either way. */
export async function within<T>(promise: Promise<T>, ms: number, fallback: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback()), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

export type Raced<T> = { value: T } | { error: unknown } | 'timeout' | 'stopped';

/** How `work` ended: its value or error, `timeout` after `ms`, or `stopped` when `signal` aborts first. Clears its timer. */
export function race<T>(work: Promise<T>, ms: number, signal: AbortSignal): Promise<Raced<T>> {
  return new Promise((resolve) => {
    const end = (how: Raced<T>) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', stopped);
      resolve(how);
    };
    const stopped = () => end('stopped');
    const timer = setTimeout(() => end('timeout'), ms);
    if (signal.aborted) return stopped();
    signal.addEventListener('abort', stopped, { once: true });
    work.then((value) => end({ value }), (error: unknown) => end({ error }));
  });
}
