/** Runs `work` over `items`, `size` at a time, starting none once `signal` has aborted. */
export async function pool<T>(items: T[], size: number, signal: AbortSignal, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.max(1, Math.min(size, items.length)) }, async () => {
    while (next < items.length && !signal.aborted) await work(items[next++] as T);
  });
  await Promise.all(runners);
}
