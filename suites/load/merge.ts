import { LoadUsageError } from './errors.js';
import { isGeneratorLimited } from './generator.js';
import { LatencyHistogram } from './histogram.js';
import { recorded } from './recorded.js';
import type { BenchResult, GeneratorStats } from './result.js';
import { LatencyTimeline } from './timeline.js';

/*
 * Merging the results of several generators that ran at the same time against one server (`--workers`, or
 * `bench merge` over machines): counts and rates add up, latencies come from the merged HDR histograms (never from
 * averaging percentiles), and each latency was taken on one process's clock.
 */

type Json = unknown;

/** Config values that describe every part alike (the same think time, transport…): they must agree, not add up. */
const SHARED = new Set(['transport', 'agentId', 'paths', 'thinkSec', 'readerRate', 'durationSec', 'rampSec', 'seed']);

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Numbers add up, records merge key by key (counts by reason or status), shared values must be equal. */
function combine(values: Json[], key: string, where: string): Json {
  const first = values[0];
  if (SHARED.has(key) || typeof first === 'string' || Array.isArray(first)) {
    const text = JSON.stringify(first);
    const other = values.find((v) => JSON.stringify(v) !== text);
    if (other !== undefined) throw new LoadUsageError(`cannot merge results whose ${where} differ (${text} and ${JSON.stringify(other)})`, 'merge runs of one scenario with the same settings');
    return first;
  }
  if (typeof first === 'number') return values.reduce<number>((sum, v) => sum + (typeof v === 'number' ? v : 0), 0);
  if (isRecord(first)) {
    const keys = [...new Set(values.flatMap((v) => (isRecord(v) ? Object.keys(v) : [])))];
    return Object.fromEntries(keys.map((k) => [k, combine(values.map((v) => (isRecord(v) ? (v[k] ?? zeroLike(values, k)) : undefined)), k, `${where}.${k}`)]));
  }
  return first;
}

/** A missing count (a failure reason one worker never saw) counts 0. */
function zeroLike(values: Json[], key: string): Json {
  const sample = values.find((v) => isRecord(v) && key in v);
  return isRecord(sample) && typeof sample[key] === 'number' ? 0 : undefined;
}

function mergedHistograms(results: readonly BenchResult[]): Record<string, LatencyHistogram> {
  const families = Object.keys(results[0]?.latency ?? {});
  return Object.fromEntries(
    families.map((family) => {
      const merged = new LatencyHistogram();
      for (const result of results) {
        const encoded = result.merge?.histograms[family];
        if (encoded === undefined) throw new LoadUsageError(`a ${result.scenario} result has no histogram for ${family}`, 'merge results written by this version of eliza-wire (their JSON carries "merge")');
        merged.add(LatencyHistogram.decode(encoded));
      }
      return [family, merged];
    }),
  );
}

function mergedTimeline(results: readonly BenchResult[]): LatencyTimeline {
  const timeline = new LatencyTimeline();
  for (const result of results) if (result.merge) timeline.add(LatencyTimeline.fromData(result.merge.timeline));
  return timeline;
}

/** The busiest generator stands for them all; RSS is the largest one process needed. */
function busiest(stats: readonly GeneratorStats[]): GeneratorStats {
  const max = (pick: (g: GeneratorStats) => number) => Math.max(0, ...stats.map(pick));
  return {
    cpuPercent: max((g) => g.cpuPercent),
    lagP50Ms: max((g) => g.lagP50Ms),
    lagP99Ms: max((g) => g.lagP99Ms),
    lagMaxMs: max((g) => g.lagMaxMs),
    lagSamples: stats.reduce((n, g) => n + g.lagSamples, 0),
    rssMb: max((g) => g.rssMb),
  };
}

const VOLATILE = new Set(['scenario', 'target', 'startedAt', 'durationMs', 'generator', 'generatorLimited', 'workers', 'timeline', 'histogram', 'merge', 'latency']);

/**
 * One result from several that ran side by side (same scenario and settings, each generator owning whole rooms or
 * conversations): counts, rates and config sizes add up; latencies come from the merged HDR histograms.
 * Throws LoadUsageError when they cannot be merged.
 *
 * @example
 * const total = mergeResults([workerA.result, workerB.result]);
 */
export function mergeResults(results: readonly BenchResult[]): BenchResult {
  const first = results[0];
  if (!first) throw new LoadUsageError('nothing to merge', 'give at least one result');
  const other = results.find((r) => r.scenario !== first.scenario);
  if (other) throw new LoadUsageError(`cannot merge a ${first.scenario} result with a ${other.scenario} result`, 'merge results of one scenario');
  if (results.length === 1) return first;
  const rest: Record<string, Json> = {};
  for (const key of Object.keys(first)) {
    if (VOLATILE.has(key)) continue;
    rest[key] = combine(results.map((r) => (r as Record<string, Json>)[key]), key, key);
  }
  const generators = results.flatMap((r) => r.workers ?? [r.generator]);
  const generator = busiest(generators);
  const targets = [...new Set(results.map((r) => r.target))];
  const histograms = mergedHistograms(results);
  return {
    ...rest,
    scenario: first.scenario,
    target: targets.join(', '),
    startedAt: results.map((r) => r.startedAt).sort()[0] ?? first.startedAt,
    durationMs: Math.max(...results.map((r) => r.durationMs)),
    generator,
    generatorLimited: generators.some((g) => isGeneratorLimited(g)),
    workers: generators,
    latency: Object.fromEntries(Object.entries(histograms).map(([family, h]) => [family, h.summary()])),
    ...recorded(histograms, mergedTimeline(results)),
  } as BenchResult;
}
