import { build, decodeFromCompressedBase64, encodeIntoCompressedBase64, type Histogram } from 'hdr-histogram-js';

/** Latencies are recorded in microseconds, from 1 µs to one hour, with 3 significant digits. */
const HIGHEST_US = 3_600_000_000;

/** Percentiles of one latency distribution, in milliseconds. */
export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

/**
 * A latency histogram of fixed size: its memory does not grow with the number of samples (no auto-resize; values
 * above one hour are clamped), so a bench of any duration holds the same few hundred kilobytes per histogram.
 */
export class LatencyHistogram {
  private readonly histogram: Histogram = build({
    bitBucketSize: 32,
    autoResize: false,
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_US,
    numberOfSignificantValueDigits: 3,
  });

  /** A histogram from `encode()`'s text (another process's, or a saved run's). Throws RangeError on anything else. */
  static decode(text: string): LatencyHistogram {
    const out = new LatencyHistogram();
    let decoded: Histogram;
    try {
      decoded = decodeFromCompressedBase64(text, 32, false);
    } catch (error) {
      throw new RangeError(`not an encoded latency histogram: ${error instanceof Error ? error.message : String(error)}`);
    }
    out.histogram.add(decoded);
    decoded.destroy();
    return out;
  }

  /** The counts as compressed base64 (HdrHistogram's V2 encoding, values in µs), for merging elsewhere. */
  encode(): string {
    return encodeIntoCompressedBase64(this.histogram);
  }

  /** Adds another histogram's counts to this one. */
  add(other: LatencyHistogram): void {
    this.histogram.add(other.histogram);
  }

  /** Records one latency in milliseconds (negative values count as 0). */
  record(ms: number): void {
    const us = Math.round(ms * 1000);
    this.histogram.recordValue(Math.min(HIGHEST_US, Math.max(0, us)));
  }

  get count(): number {
    return this.histogram.totalCount;
  }

  /** Bytes held by the counts array; constant for the life of the histogram. */
  get footprintBytes(): number {
    return this.histogram.estimatedFootprintInBytes;
  }

  summary(): LatencySummary {
    const h = this.histogram;
    const max = h.totalCount === 0 ? 0 : h.maxValue / 1000;
    // a percentile is reported as the top of its bucket, which may lie above the largest sample: clamp to it
    const at = (p: number) => (h.totalCount === 0 ? 0 : Math.min(max, h.getValueAtPercentile(p) / 1000));
    return {
      count: h.totalCount,
      mean: h.totalCount === 0 ? 0 : round(h.mean / 1000),
      p50: at(50),
      p90: at(90),
      p99: at(99),
      p999: at(99.9),
      max,
    };
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
