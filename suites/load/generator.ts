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
      lagP99Ms: summary.p99,
      lagMaxMs: summary.max,
      rssMb: Math.round(process.memoryUsage.rss() / 1048576),
    };
  };
}

/** The generator, not the server, set the pace. */
export function isGeneratorLimited(stats: GeneratorStats): boolean {
  return stats.lagP99Ms > LAG_LIMIT_MS || stats.cpuPercent > CPU_LIMIT_PERCENT;
}
