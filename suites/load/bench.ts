import { runConnect } from './connect.js';
import { runFanout } from './fanout.js';
import { judge } from './outcome.js';
import type { ProgressListener } from './progress.js';
import type { BenchOutcome, BenchResult } from './result.js';
import { runRest } from './rest.js';
import { runRoundtrip } from './roundtrip.js';
import { parseThreshold } from './thresholds.js';

export const SCENARIOS = ['fanout', 'connect', 'roundtrip', 'rest'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface BenchOptions {
  scenario: Scenario;
  url: string;
  /** Sockets (fanout, connect) or HTTP connections (rest). Default 100 (rest: 10). */
  clients?: number;
  /** Rooms (fanout, connect) or conversations with the agent (roundtrip, default 1). Default 10. */
  rooms?: number;
  senders?: number;
  /** Messages/s (fanout, roundtrip) or connects/s (connect). Default 100 (connect: 200, roundtrip: 10). */
  rate?: number;
  /** Messages (fanout) or requests (rest); without it, `durationSec` decides. */
  messages?: number;
  /** Default 10 s when `messages` is not given. */
  durationSec?: number;
  transport?: 'websocket' | 'polling';
  apiKey?: string;
  socketApiKey?: string;
  /** `p99<50ms`, `lost<1`, `rate>100`…; checked before anything runs. */
  thresholds?: readonly string[];
  onProgress?: ProgressListener;
}

async function measure(o: BenchOptions): Promise<BenchResult> {
  const durationSec = o.durationSec ?? 10;
  if (o.scenario === 'rest') return runRest({ url: o.url, connections: o.clients ?? 10, amount: o.messages, durationSec, apiKey: o.apiKey });
  const common = { url: o.url, rooms: o.rooms ?? 10, transport: o.transport, socketApiKey: o.socketApiKey, onProgress: o.onProgress };
  if (o.scenario === 'roundtrip') {
    const rate = o.rate ?? 10;
    return runRoundtrip({ ...common, apiKey: o.apiKey, users: o.rooms ?? 1, rate, messages: o.messages ?? Math.max(1, Math.round(rate * durationSec)) });
  }
  if (o.scenario === 'connect') return runConnect({ ...common, clients: o.clients ?? 100, rate: o.rate ?? 200 });
  const rate = o.rate ?? 100;
  return runFanout({ ...common, clients: o.clients ?? 100, senders: o.senders, rate, messages: o.messages ?? Math.max(1, Math.round(rate * durationSec)) });
}

/**
 * Runs one scenario and judges it. Throws LoadUsageError on a bad option or threshold (before any load) and
 * LoadTargetError when the target cannot be reached.
 *
 * @example
 * const outcome = await runBench({ scenario: 'fanout', url, clients: 100, rooms: 10, rate: 200, messages: 1000, thresholds: ['p99<50ms'] });
 * if (!outcome.passed) console.log(outcome.broken, outcome.integrity);
 */
export async function runBench(options: BenchOptions): Promise<BenchOutcome> {
  const thresholds = (options.thresholds ?? []).map((t) => parseThreshold(t, options.scenario));
  return judge(await measure(options), thresholds);
}
