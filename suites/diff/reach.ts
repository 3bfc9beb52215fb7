import { PreflightError, preflight } from '../preflight.js';

/** Resolves when the server passes its preflight; throws `PreflightError` (one line: what was found, the fix) otherwise. */
export async function reachable(url: string, timeoutMs: number, apiKey?: string): Promise<void> {
  const checked = await preflight(url, { apiKey, timeoutMs });
  if (!checked.ok) throw new PreflightError(checked);
}
