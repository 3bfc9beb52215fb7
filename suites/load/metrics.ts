import type { BenchResult, LatencyStats } from './result.js';

function latencyValue(stats: LatencyStats, name: string): number | undefined {
  if (name === 'p99.9') return stats.p999;
  if (name === 'p50' || name === 'p90' || name === 'p99' || name === 'max' || name === 'mean') return stats[name];
  return undefined;
}

function split(metric: string): { family: string; name: string } {
  const match = /^(completion|skew|connect|firstChunk|complete|rest)\.(.+)$/.exec(metric);
  return match?.[1] && match[2] ? { family: match[1], name: match[2] } : { family: '', name: metric };
}

function primaryLatency(result: BenchResult, family: string): LatencyStats | undefined {
  if (result.scenario === 'fanout') return family === 'completion' ? result.latency.completion : family === 'skew' ? result.latency.skew : result.latency.delivery;
  if (result.scenario === 'connect') return family === 'connect' ? result.latency.connect : result.latency.joined;
  if (result.scenario === 'roundtrip') return family === 'firstChunk' ? result.latency.firstChunk : family === 'complete' ? result.latency.complete : result.latency.reply;
  if (result.scenario === 'mixed') return family === 'completion' ? result.latency.completion : family === 'rest' ? result.latency.rest : result.latency.delivery;
  return result.latency.request;
}

function countValue(result: BenchResult, name: string): number | undefined {
  const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);
  if (result.scenario === 'fanout') {
    const values: Record<string, number> = { lost: result.lost, duplicated: result.duplicated, crossRoom: result.crossRoom, rate: result.throughput.deliveriesPerSec };
    return values[name];
  }
  if (result.scenario === 'connect') return ({ failures: sum(result.failures), rate: result.throughput.connectsPerSec } as Record<string, number>)[name];
  if (result.scenario === 'roundtrip') return ({ unanswered: result.unanswered, rate: result.throughput.repliesPerSec } as Record<string, number>)[name];
  if (result.scenario === 'mixed') {
    const { lost, duplicated, crossRoom } = result.chat;
    const values: Record<string, number> = { lost, duplicated, crossRoom, errors: result.rest.errors, non2xx: sum(result.rest.non2xx), rate: result.throughput.deliveriesPerSec, restRate: result.throughput.requestsPerSec };
    return values[name];
  }
  return ({ errors: result.errors, non2xx: sum(result.non2xx), rate: result.throughput.requestsPerSec } as Record<string, number>)[name];
}

/**
 * The value of a threshold metric in a result: latencies in ms (fanout: per delivery unless prefixed completion.
 * or skew.; connect: time to joined unless prefixed connect.; roundtrip: to the reply unless prefixed
 * firstChunk. or complete.; mixed: per chat delivery unless prefixed completion. or rest.), counts, and `rate`
 * (deliveries, connects or requests per second; mixed: chat deliveries, with `restRate` for its REST reads).
 */
export function metricValue(result: BenchResult, metric: string): number | undefined {
  const { family, name } = split(metric);
  const stats = primaryLatency(result, family);
  const latency = stats ? latencyValue(stats, name) : undefined;
  return latency ?? countValue(result, name);
}
