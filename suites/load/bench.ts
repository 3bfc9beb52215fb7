import { setMaxListeners } from 'node:events';
import { runConnect } from './connect.js';
import { LoadUsageError } from './errors.js';
import { runFanout } from './fanout.js';
import { runMixed } from './mixed.js';
import { judge } from './outcome.js';
import type { ProgressListener } from './progress.js';
import type { BenchOutcome, BenchResult } from './result.js';
import { runRest } from './rest.js';
import { runRoundtrip } from './roundtrip.js';
import { parseThreshold } from './thresholds.js';
import type { StartGate } from './schedule.js';

export const SCENARIOS = ['fanout', 'connect', 'roundtrip', 'rest', 'mixed'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface BenchOptions {
  scenario: Scenario;
  url: string;
  /** Sockets (fanout, connect), HTTP connections (rest) or chatting users (mixed). Default 100 (rest: 10, mixed: 20). */
  clients?: number;
  /** Rooms (fanout, connect, mixed) or conversations with the agent (roundtrip, default 1). Default 10 (mixed: clients / 5). */
  rooms?: number;
  senders?: number;
  /** Messages/s (fanout, roundtrip) or connects/s (connect). Default 100 (connect: 200, roundtrip: 10). */
  rate?: number;
  /** Messages (fanout, roundtrip) or requests (rest); without it, `durationSec` decides. */
  messages?: number;
  /** Default 10 s when `messages` is not given. */
  durationSec?: number;
  transport?: 'websocket' | 'polling';
  apiKey?: string;
  socketApiKey?: string;
  /** `p99<50ms`, `lost<1`, `rate>100`…; checked before anything runs. */
  thresholds?: readonly string[];
  onProgress?: ProgressListener;
  /** Spread the connections over this many seconds before the measurement starts (fanout, connect, mixed). */
  rampSec?: number;
  /** Mixed: mean seconds between two messages of one user (seeded jitter). Default 5. */
  thinkSec?: number;
  /** Mixed: HTTP readers looping over the read endpoints. Default 2. */
  readers?: number;
  /** Mixed: requests/s of one reader, at most. Default 10. */
  readerRate?: number;
  /** Mixed: seed of the think-time jitter. Default 1. */
  seed?: number;
  /** Mixed: called as user `index` starts connecting. */
  onConnectStart?: (index: number, at: number) => void;
  /**
   * Generator processes (default 1: this one). Each owns whole rooms (their senders and receivers) or whole
   * conversations, so that every latency is taken on one clock; the results are merged from their HDR histograms.
   */
  workers?: number;
  /** When to start the measurement once every client has joined (default: at once). */
  gate?: StartGate;
  /** Fanout, mixed: prefix of the message texts (default: random); `<family>.<n>` for generator n of a shared run. */
  runId?: string;
  /**
   * Stops the run early (Ctrl-C): the outcome then holds what was measured so far, with `interrupted: true` and
   * `passed: false`. Fired before the measurement started, runBench throws LoadInterruptedError instead.
   */
  signal?: AbortSignal;
}

const RAMPED: readonly Scenario[] = ['fanout', 'connect', 'mixed'];
const ONLY: Record<string, { scenarios: readonly Scenario[]; flag: string }> = {
  thinkSec: { scenarios: ['mixed'], flag: '--think' },
  readers: { scenarios: ['mixed'], flag: '--readers' },
  readerRate: { scenarios: ['mixed'], flag: '--reader-rate' },
  senders: { scenarios: ['fanout'], flag: '--senders' },
  rate: { scenarios: ['fanout', 'connect', 'roundtrip'], flag: '--rate' },
  messages: { scenarios: ['fanout', 'roundtrip', 'rest'], flag: '--messages' },
};

/** Options that the scenario would silently ignore are usage errors. */
function checkApplicable(o: BenchOptions): void {
  if (o.rampSec !== undefined && !RAMPED.includes(o.scenario)) throw new LoadUsageError(`--ramp is taken by the ${RAMPED.join(', ')} scenarios, not ${o.scenario}`);
  for (const [key, { scenarios, flag }] of Object.entries(ONLY)) {
    if (o[key as keyof BenchOptions] !== undefined && !scenarios.includes(o.scenario)) {
      throw new LoadUsageError(`${flag} does not apply to the ${o.scenario} scenario (it is taken by ${scenarios.join(', ')})`, `drop ${flag}`);
    }
  }
}

/** Runs one scenario in this process (no thresholds, no workers). */
export async function measure(o: BenchOptions): Promise<BenchResult> {
  const durationSec = o.durationSec ?? 10;
  if (o.scenario === 'rest') return runRest({ url: o.url, connections: o.clients ?? 10, amount: o.messages, durationSec, apiKey: o.apiKey, gate: o.gate, signal: o.signal, onProgress: o.onProgress });
  const common = { url: o.url, rooms: o.rooms ?? 10, transport: o.transport, socketApiKey: o.socketApiKey, onProgress: o.onProgress, gate: o.gate, signal: o.signal };
  if (o.scenario === 'roundtrip') {
    const rate = o.rate ?? 10;
    return runRoundtrip({ ...common, apiKey: o.apiKey, users: o.rooms ?? 1, rate, messages: o.messages ?? Math.max(1, Math.round(rate * durationSec)) });
  }
  if (o.scenario === 'connect') return runConnect({ ...common, clients: o.clients ?? 100, rate: o.rate ?? 200, rampSec: o.rampSec });
  if (o.scenario === 'mixed') {
    const mixed = { thinkSec: o.thinkSec, readers: o.readers, readerRate: o.readerRate, seed: o.seed, rampSec: o.rampSec, onConnectStart: o.onConnectStart };
    return runMixed({ ...common, ...mixed, apiKey: o.apiKey, users: o.clients ?? 20, rooms: o.rooms, durationSec, runId: o.runId });
  }
  const rate = o.rate ?? 100;
  return runFanout({ ...common, clients: o.clients ?? 100, senders: o.senders, rate, rampSec: o.rampSec, runId: o.runId, messages: o.messages ?? Math.max(1, Math.round(rate * durationSec)) });
}

/**
 * Runs one scenario and judges it. Throws LoadUsageError on a bad option or threshold (before any load),
 * LoadTargetError when the target cannot be reached, and LoadInterruptedError when `signal` fired before the
 * measurement started.
 *
 * @example
 * const outcome = await runBench({ scenario: 'fanout', url, clients: 100, rooms: 10, rate: 200, messages: 1000, thresholds: ['p99<50ms'] });
 * if (!outcome.passed) console.log(outcome.broken, outcome.integrity);
 */
export async function runBench(options: BenchOptions): Promise<BenchOutcome> {
  checkApplicable(options);
  // every pending connect and join listens to it: thousands with --clients in the thousands
  if (options.signal) setMaxListeners(0, options.signal);
  const thresholds = (options.thresholds ?? []).map((t) => parseThreshold(t, options.scenario));
  const workers = options.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1) throw new LoadUsageError(`--workers must be a whole number from 1, got ${workers}`);
  const result = workers > 1 ? await (await import('./workers.js')).runWorkers({ ...options, workers }) : await measure(options);
  return judge(result, thresholds, { interrupted: options.signal?.aborted === true });
}
