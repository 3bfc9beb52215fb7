import type { LatencyHistogram } from './histogram.js';
import type { MergeData, TimelineWindow, HistogramBucket } from './result.js';
import type { LatencyTimeline } from './timeline.js';
import type { z } from 'zod';

/** The charts of a result and the counts that merge it exactly with others. */
export interface Recorded {
  timeline: TimelineWindow[];
  histogram: HistogramBucket[];
  merge: z.infer<typeof MergeData>;
}

/**
 * What every result carries besides its summaries: the primary latency over time and as a histogram (for the
 * HTML report), and every latency family's HDR histogram with the timeline's counts (for `--workers` and
 * `bench merge`). `histograms` is keyed like the result's `latency`.
 */
export function recorded(histograms: Record<string, LatencyHistogram>, timeline: LatencyTimeline): Recorded {
  const encoded = Object.fromEntries(Object.entries(histograms).map(([family, histogram]) => [family, histogram.encode()]));
  return { timeline: timeline.windows(), histogram: timeline.histogram(), merge: { histograms: encoded, timeline: timeline.toData() } };
}
