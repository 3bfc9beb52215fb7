import { runConnect } from './connect.js';
import { LoadUsageError } from './errors.js';
import { runFanout } from './fanout.js';
import { judgeMixed, runMixed } from './mixed.js';
import type { MixedOutcome } from './mixed-result.js';
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
  /** Spread the connections over this many seconds (connect; mixed through runMixedBench); fanout does not take it yet. */
  rampSec?: number;
}

async function measure(o: BenchOptions): Promise<BenchResult> {
  const durationSec = o.durationSec ?? 10;
  if (o.scenario === 'rest') return runRest({ url: o.url, connections: o.clients ?? 10, amount: o.messages, durationSec, apiKey: o.apiKey });
  const common = { url: o.url, rooms: o.rooms ?? 10, transport: o.transport, socketApiKey: o.socketApiKey, onProgress: o.onProgress };
  if (o.scenario === 'roundtrip') {
    const rate = o.rate ?? 10;
    return runRoundtrip({ ...common, apiKey: o.apiKey, users: o.rooms ?? 1, rate, messages: o.messages ?? Math.max(1, Math.round(rate * durationSec)) });
  }
  if (o.scenario === 'connect') return runConnect({ ...common, clients: o.clients ?? 100, rate: o.rate ?? 200, rampSec: o.rampSec });
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
  if (options.rampSec && options.scenario !== 'connect') throw new LoadUsageError(`--ramp is taken by the connect and mixed scenarios, not ${options.scenario}`);
  const thresholds = (options.thresholds ?? []).map((t) => parseThreshold(t, options.scenario));
  return judge(await measure(options), thresholds);
}

/** Options of the mixed soak (`--scenario mixed`). */
export interface MixedBenchOptions {
  url: string;
  /** Chatting users, one socket each. Default 20. */
  clients?: number;
  /** Rooms of a few members each. Default clients / 5. */
  rooms?: number;
  /** Mean seconds between two messages of one user (seeded jitter). Default 5. */
  thinkSec?: number;
  /** HTTP readers looping over the read endpoints. Default 2. */
  readers?: number;
  /** Requests/s of one reader, at most. Default 10. */
  readerRate?: number;
  /** Default 10 s. */
  durationSec?: number;
  rampSec?: number;
  seed?: number;
  transport?: 'websocket' | 'polling';
  apiKey?: string;
  socketApiKey?: string;
  thresholds?: readonly string[];
  onProgress?: ProgressListener;
  onConnectStart?: (index: number, at: number) => void;
}

/**
 * Runs the mixed soak (chatting users and REST readers) and judges it. Throws like runBench.
 *
 * @example
 * const outcome = await runMixedBench({ url, clients: 50, thinkSec: 2, readers: 2, durationSec: 60, thresholds: ['p99<100ms', 'rest.p99<50ms'] });
 */
export async function runMixedBench(options: MixedBenchOptions): Promise<MixedOutcome> {
  const thresholds = (options.thresholds ?? []).map((t) => parseThreshold(t, 'mixed'));
  const { clients, durationSec, thresholds: _thresholds, ...rest } = options;
  return judgeMixed(await runMixed({ ...rest, users: clients ?? 20, durationSec: durationSec ?? 10 }), thresholds);
}
