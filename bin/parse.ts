import { UsageError } from './errors.js';

/** A whole number within bounds, or a usage error naming the flag. */
export function intFlag(flag: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${value}"`, `e.g. ${flag} ${min}`);
    return n;
  };
}

/** A probability: a number from 0 to 1. */
export function probabilityFlag(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`${flag} must be a number from 0 to 1, got "${value}"`, `e.g. ${flag} 0.1`);
    return n;
  };
}

/** `200` or `100-300` (ms): a fixed delay or a range. */
export function parseLatency(value: string): { min: number; max: number } {
  const match = /^(\d+)(?:-(\d+))?$/.exec(value.trim());
  const min = Number(match?.[1]);
  const max = match?.[2] === undefined ? min : Number(match[2]);
  if (!match || max < min) throw new UsageError(`--latency takes ms or min-max, got "${value}"`, 'e.g. --latency 200 or --latency 100-300');
  return { min, max };
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `100/1m`, `50/30s`, `1000/900000`: requests per window. */
export function parseRateLimit(value: string): { limit: number; windowMs: number } {
  const match = /^(\d+)\/(\d+)(ms|s|m|h)?$/.exec(value.trim());
  if (!match) throw new UsageError(`--rate-limit takes n/window, got "${value}"`, 'e.g. --rate-limit 100/1m (window in ms, s, m or h; a bare number is ms)');
  const limit = Number(match[1]);
  const windowMs = Number(match[2]) * (UNITS[match[3] ?? 'ms'] ?? 1);
  if (limit < 1 || windowMs < 1) throw new UsageError('--rate-limit needs at least 1 request per window of at least 1 ms', 'e.g. --rate-limit 100/1m');
  return { limit, windowMs };
}

/** A server URL (http or https, no trailing slash), or a usage error whose hint shows the command with one. */
export function targetUrl(url: string, command: 'check' | 'bench'): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('protocol');
    return url.replace(/\/$/, '');
  } catch {
    const noUrl = command === 'check' ? 'check the built-in mock' : 'load the built-in mock';
    throw new UsageError(`"${url}" is not an http(s) URL`, `e.g. eliza-wire ${command} http://127.0.0.1:3000, or no URL to ${noUrl}`);
  }
}
