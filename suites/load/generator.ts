import type { LatencyHistogram } from './histogram.js';
import type { GeneratorStats } from './result.js';

export const LAG_LIMIT_MS = 10;
export const CPU_LIMIT_PERCENT = 90;

/** Starts measuring this process's CPU; call the returned function at the end for GeneratorStats. */
export function measureGenerator(lag: LatencyHistogram): () => GeneratorStats {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  return () => {
    const cpu = process.cpuUsage(cpu0);
    const wallUs = Math.max(1, (performance.now() - t0) * 1000);
    const summary = lag.summary();
    return {
      cpuPercent: Math.round(((cpu.user + cpu.system) / wallUs) * 1000) / 10,
      lagP50Ms: summary.p50,
      lagP99Ms: summary.p99,
      lagMaxMs: summary.max,
      lagSamples: summary.count,
      rssMb: Math.round(process.memoryUsage.rss() / 1048576),
    };
  };
}

/** Below this many lag samples p99 is just the maximum: one late timer (a GC pause, the first send) is not a verdict. */
export const MIN_LAG_SAMPLES = 100;

/** The generator, not the server, set the pace: its CPU was saturated, or its sends ran late (p99, or p50 on few samples). */
export function isGeneratorLimited(stats: GeneratorStats): boolean {
  const lag = stats.lagSamples >= MIN_LAG_SAMPLES ? stats.lagP99Ms : stats.lagP50Ms;
  return lag > LAG_LIMIT_MS || stats.cpuPercent > CPU_LIMIT_PERCENT;
}
