import { metricValue } from './metrics.js';
import type { BenchOutcome, BenchResult, BrokenThreshold } from './result.js';
import type { Threshold } from './thresholds.js';

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

/** Failures that no threshold can excuse: a lost, duplicated or misrouted message, or one the agent never answered. */
function integrity(result: BenchResult): string[] {
  if (result.scenario === 'roundtrip') return result.unanswered > 0 ? [`${result.unanswered} unanswered`] : [];
  const chat = result.scenario === 'fanout' ? result : result.scenario === 'mixed' ? result.chat : undefined;
  if (!chat) return [];
  const counts = [`${chat.lost} lost`, `${chat.duplicated} duplicated`, `${chat.crossRoom} cross-room`];
  return counts.filter((c) => !c.startsWith('0 '));
}

/** Judges a result: passed when every threshold holds and no delivery was lost, duplicated or misrouted. */
export function judge(result: BenchResult, thresholds: readonly Threshold[]): BenchOutcome {
  const broken: BrokenThreshold[] = [];
  for (const threshold of thresholds) {
    const actual = metricValue(result, threshold.metric) ?? Number.NaN;
    if (!holds(actual, threshold)) broken.push({ threshold: threshold.source, actual });
  }
  const failures = integrity(result);
  return { passed: broken.length === 0 && failures.length === 0, broken, integrity: failures, result };
}
