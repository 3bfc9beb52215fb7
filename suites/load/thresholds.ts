import { LoadUsageError } from './errors.js';
import type { BenchResult } from './result.js';

/** `p99<50ms`: a metric, a comparison and a bound (ms for latencies). */
export interface Threshold {
  source: string;
  metric: string;
  op: '<' | '<=' | '>' | '>=';
  value: number;
}

/** The scenarios a threshold can name: every BenchResult scenario and mixed (mixed-result.ts). */
export type ThresholdScenario = BenchResult['scenario'] | 'mixed';

const LATENCY = ['p50', 'p90', 'p99', 'p99.9', 'max', 'mean'] as const;
const COUNTS: Record<ThresholdScenario, readonly string[]> = {
  fanout: ['lost', 'duplicated', 'crossRoom', 'rate'],
  connect: ['failures', 'rate'],
  rest: ['errors', 'non2xx', 'rate'],
  roundtrip: ['unanswered', 'rate'],
  mixed: ['lost', 'duplicated', 'crossRoom', 'errors', 'non2xx', 'rate', 'restRate'],
};
const LATENCY_PREFIXES: Record<ThresholdScenario, readonly string[]> = {
  fanout: ['', 'completion.', 'skew.'],
  connect: ['', 'connect.'],
  rest: [''],
  roundtrip: ['', 'firstChunk.', 'complete.'],
  mixed: ['', 'completion.', 'rest.'],
};
const UNIT_MS: Record<string, number> = { '': 1, us: 0.001, ms: 1, s: 1000 };
const HINT = "e.g. --threshold 'p99<50ms' --threshold 'lost<1' --threshold 'rate>100'";

/** The metric names a scenario accepts in a threshold. */
export function thresholdMetrics(scenario: ThresholdScenario): string[] {
  const latency = LATENCY_PREFIXES[scenario].flatMap((prefix) => LATENCY.map((m) => `${prefix}${m}`));
  return [...latency, ...COUNTS[scenario]];
}

function isLatency(metric: string): boolean {
  return LATENCY.some((m) => metric === m || metric.endsWith(`.${m}`));
}

/** Parses one `--threshold` for a scenario; throws LoadUsageError with the fix on anything else. */
export function parseThreshold(text: string, scenario: ThresholdScenario): Threshold {
  const match = /^\s*([a-zA-Z][\w.]*)\s*(<=|>=|<|>)\s*(\d+(?:\.\d+)?)\s*(us|ms|s)?\s*$/.exec(text);
  if (!match) throw new LoadUsageError(`--threshold "${text}" is not <metric><op><number>[unit]`, HINT);
  const [, metric = '', op = '<', raw = '', unit = ''] = match;
  if (!thresholdMetrics(scenario).includes(metric)) {
    throw new LoadUsageError(`--threshold "${text}": unknown metric "${metric}" for scenario ${scenario}`, `use one of ${thresholdMetrics(scenario).join(', ')}`);
  }
  if (unit && !isLatency(metric)) throw new LoadUsageError(`--threshold "${text}": ${metric} is a count or a rate and takes no unit`, HINT);
  return { source: text.trim(), metric, op: op as Threshold['op'], value: Number(raw) * (UNIT_MS[unit] ?? 1) };
}

/** Bounds that hold unless a --threshold names the metric: by default one failed request or connect fails the run. */
const DEFAULTS: Partial<Record<ThresholdScenario, readonly string[]>> = {
  rest: ['errors<1', 'non2xx<1'],
  mixed: ['errors<1', 'non2xx<1'],
  connect: ['failures<1'],
};

/** The default bounds of a scenario for the metrics none of `given` names; their source ends in "(default)". */
export function defaultThresholds(scenario: ThresholdScenario, given: readonly Threshold[]): Threshold[] {
  const named = new Set(given.map((t) => t.metric));
  return (DEFAULTS[scenario] ?? []).map((text) => parseThreshold(text, scenario)).filter((t) => !named.has(t.metric)).map((t) => ({ ...t, source: `${t.source} (default)` }));
}
