import { metricValue } from './metrics.js';
import type { BenchOutcome, BenchResult, BrokenThreshold } from './result.js';
import { defaultThresholds, type Threshold } from './thresholds.js';

function holds(actual: number, threshold: Threshold): boolean {
  switch (threshold.op) {
    case '<':
      return actual < threshold.value;
    case '<=':
      return actual <= threshold.value;
    case '>':
      return actual > threshold.value;
    case '>=':
      return actual >= threshold.value;
  }
}

function messageCounts(result: BenchResult): string[] {
  if (result.scenario === 'roundtrip') return [`${result.unanswered} unanswered`];
  const chat = result.scenario === 'fanout' ? result : result.scenario === 'mixed' ? result.chat : undefined;
  return chat ? [`${chat.lost} lost`, `${chat.duplicated} duplicated`, `${chat.crossRoom} cross-room`] : [];
}

/**
 * Failures that no threshold can excuse: a lost, duplicated or misrouted message, one the agent never answered,
 * or a client whose connection the server dropped.
 */
function integrity(result: BenchResult): string[] {
  const counts = [...messageCounts(result), `${result.disconnected ?? 0} clients disconnected by the server or a dead target`];
  return counts.filter((c) => !c.startsWith('0 '));
}

/**
 * Judges a result: passed when every threshold holds (with the scenario's default bounds on the metrics no
 * threshold names: rest and mixed fail on any error or non-2xx answer, connect on any failed attempt), nothing was
 * lost, duplicated or misrouted, no client was disconnected, and the run was not interrupted.
 */
export function judge(result: BenchResult, thresholds: readonly Threshold[], options: { interrupted?: boolean } = {}): BenchOutcome {
  const broken: BrokenThreshold[] = [];
  for (const threshold of [...thresholds, ...defaultThresholds(result.scenario, thresholds)]) {
    const actual = metricValue(result, threshold.metric) ?? Number.NaN;
    if (!holds(actual, threshold)) broken.push({ threshold: threshold.source, actual });
  }
  const failures = integrity(result);
  const interrupted = options.interrupted === true;
  return { passed: !interrupted && broken.length === 0 && failures.length === 0, broken, integrity: failures, interrupted, result };
}
