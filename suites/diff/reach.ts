import { redactUrl, TargetUnreachableError } from '../run.js';

/** Resolves when the server answers HTTP at all (any status); throws `TargetUnreachableError` otherwise. */
export async function reachable(url: string, timeoutMs: number): Promise<void> {
  try {
    await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new TargetUnreachableError(redactUrl(url), cause === 'TimeoutError' ? `no answer in ${timeoutMs} ms` : cause);
  }
}
