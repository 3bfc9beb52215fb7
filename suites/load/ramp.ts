import type { Socket } from 'socket.io-client';
import { connectClient, settleConnections, type ClientOptions } from './clients.js';
import { LoadUsageError } from './errors.js';
import { sleep } from './stopping.js';

/** When client i of `count` starts connecting, in ms after the start: evenly spread over `rampMs` (i * rampMs / count). */
export function rampOffsets(count: number, rampMs: number): number[] {
  if (!(rampMs >= 0) || !Number.isFinite(rampMs)) throw new LoadUsageError(`--ramp must be a number of seconds >= 0, got ${rampMs / 1000}`);
  return Array.from({ length: count }, (_, i) => (i * rampMs) / Math.max(1, count));
}

/** Connection attempts per second that spread `count` clients over `rampSec` seconds. */
export function rampRate(count: number, rampSec: number): number {
  if (!(rampSec > 0)) throw new LoadUsageError(`--ramp must be a number of seconds above 0, got ${rampSec}`);
  return count / rampSec;
}

export interface RampOptions {
  /** Spread the connection starts evenly over this many ms (0: all at once). */
  rampMs: number;
  /** Called as client `index` starts connecting, with performance.now(). */
  onStart?: (index: number, at: number) => void;
}

/**
 * Connects `count` sockets (clients.ts connectClient), client i starting at i * rampMs / count after the call, each
 * start on time whatever the earlier connections are doing. Resolves when every one is connected, in index order; on
 * any failure closes them all and throws LoadTargetError.
 */
export async function connectRamped(url: string, count: number, client: ClientOptions, ramp: RampOptions): Promise<Socket[]> {
  const offsets = rampOffsets(count, ramp.rampMs);
  const t0 = performance.now();
  const attempts: Promise<Socket>[] = [];
  for (let i = 0; i < count; i += 1) {
    const wait = t0 + (offsets[i] ?? 0) - performance.now();
    if (wait > 1) await sleep(wait, client.signal);
    ramp.onStart?.(i, performance.now());
    attempts.push(connectClient(url, client));
  }
  return settleConnections(url, await Promise.allSettled(attempts));
}
