/** Fine buckets per doubling: a bucket spans a factor 2^(1/16) ≈ 1.044, so a percentile is off by at most 4.4%. */
const PER_DOUBLING = 16;
/** From 1 µs to one hour (2^32 µs > 3.6e9 µs); bucket 0 holds values below 1 µs. */
const BUCKETS = 32 * PER_DOUBLING + 1;
/** Display buckets of the run's histogram: 4 per doubling (factor ≈ 1.19). */
const DISPLAY_PER_DOUBLING = 4;

/** A timeline's counts, to be merged in another process: non-empty windows with their non-empty fine buckets. */
export interface TimelineData {
  windowSec: number;
  windows: { index: number; max: number; buckets: [number, number][] }[];
}

/** Latency of one time window, in ms. */
export interface TimelineWindow {
  /** Seconds from the run start to the start of the window. */
  second: number;
  count: number;
  p50: number;
  p99: number;
}

/** One bar of a latency histogram: `count` samples above the previous bar's `upToMs` and up to this one. */
export interface HistogramBucket {
  upToMs: number;
  count: number;
}

function bucketOf(ms: number): number {
  const us = ms * 1000;
  if (!(us >= 1)) return 0;
  return Math.min(BUCKETS - 1, Math.floor(Math.log2(us) * PER_DOUBLING) + 1);
}

/** The upper bound of fine bucket `i`, in ms. */
function upperMs(i: number): number {
  return i === 0 ? 0.001 : 2 ** (i / PER_DOUBLING) / 1000;
}

class Window {
  readonly counts = new Uint32Array(BUCKETS);
  count = 0;
  max = 0;

  record(ms: number): void {
    const i = bucketOf(ms);
    this.counts[i] = (this.counts[i] ?? 0) + 1;
    this.count += 1;
    this.max = Math.max(this.max, ms);
  }

  add(other: Window): void {
    for (let i = 0; i < BUCKETS; i += 1) this.counts[i] = (this.counts[i] ?? 0) + (other.counts[i] ?? 0);
    this.count += other.count;
    this.max = Math.max(this.max, other.max);
  }

  /** The upper bound of the bucket holding percentile `p`, clamped to the largest sample. */
  percentile(p: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i += 1) {
      seen += this.counts[i] ?? 0;
      if (seen >= rank) return Math.min(this.max, round(upperMs(i)));
    }
    return this.max;
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/**
 * Latencies per time window since the run start, each window a fixed array of log-spaced buckets (about 2 KB).
 * Memory is bounded: at most `maxWindows` windows; a sample beyond them merges neighbouring windows in pairs and
 * doubles the window width (so a run longer than `maxWindows` seconds gets 2-second windows, and so on).
 */
export class LatencyTimeline {
  private windowsList: (Window | undefined)[] = [];
  private widthSec = 1;
  private startAt = 0;

  constructor(private readonly maxWindows = 3600) {
    if (maxWindows < 2) throw new RangeError('a timeline needs at least 2 windows');
  }

  /** Sets the run start (performance.now()); samples are keyed by seconds since it. */
  start(at: number): void {
    this.startAt = at;
  }

  /** Seconds each window spans (1 until the run outlasts `maxWindows` seconds). */
  get windowSeconds(): number {
    return this.widthSec;
  }

  /** Records a latency of `latencyMs` observed at `at` (performance.now()). */
  record(at: number, latencyMs: number): void {
    const second = Math.max(0, Math.floor((at - this.startAt) / 1000));
    let index = Math.floor(second / this.widthSec);
    while (index >= this.maxWindows) {
      this.coarsen();
      index = Math.floor(second / this.widthSec);
    }
    let window = this.windowsList[index];
    if (!window) {
      window = new Window();
      this.windowsList[index] = window;
    }
    window.record(Math.max(0, latencyMs));
  }

  private coarsen(): void {
    const merged: (Window | undefined)[] = [];
    this.windowsList.forEach((window, i) => {
      if (!window) return;
      const target = merged[i >> 1];
      if (target) target.add(window);
      else merged[i >> 1] = window;
    });
    this.windowsList = merged;
    this.widthSec *= 2;
  }

  /** The counts, for `LatencyTimeline.fromData` elsewhere (windows keyed from the `start` time). */
  toData(): TimelineData {
    const windows: TimelineData['windows'] = [];
    this.windowsList.forEach((window, index) => {
      if (!window || window.count === 0) return;
      const buckets: [number, number][] = [];
      window.counts.forEach((count, bucket) => {
        if (count > 0) buckets.push([bucket, count]);
      });
      windows.push({ index, max: window.max, buckets });
    });
    return { windowSec: this.widthSec, windows };
  }

  /** A timeline holding `data`'s counts. */
  static fromData(data: TimelineData, maxWindows = 3600): LatencyTimeline {
    const timeline = new LatencyTimeline(maxWindows);
    timeline.widthSec = data.windowSec;
    for (const { index, max, buckets } of data.windows) {
      const window = new Window();
      for (const [bucket, count] of buckets) {
        if (bucket < 0 || bucket >= BUCKETS) throw new RangeError(`timeline bucket ${bucket} is out of range`);
        window.counts[bucket] = count;
        window.count += count;
      }
      window.max = max;
      timeline.windowsList[index] = window;
    }
    while (timeline.windowsList.length > maxWindows) timeline.coarsen();
    return timeline;
  }

  /** Adds the counts of a timeline started at the same time (its windows may be wider: the finer one is coarsened). */
  add(other: LatencyTimeline): void {
    const theirs = LatencyTimeline.fromData(other.toData(), this.maxWindows);
    while (this.widthSec < theirs.widthSec) this.coarsen();
    while (theirs.widthSec < this.widthSec) theirs.coarsen();
    theirs.windowsList.forEach((window, index) => {
      if (!window) return;
      const mine = this.windowsList[index];
      if (mine) mine.add(window);
      else this.windowsList[index] = window;
    });
    while (this.windowsList.length > this.maxWindows) this.coarsen();
  }

  /** The windows that saw at least one sample, in time order. */
  windows(): TimelineWindow[] {
    const out: TimelineWindow[] = [];
    this.windowsList.forEach((window, i) => {
      if (window && window.count > 0) out.push({ second: i * this.widthSec, count: window.count, p50: window.percentile(50), p99: window.percentile(99) });
    });
    return out;
  }

  /** The whole run's latencies over log-spaced buckets (4 per doubling), from the first non-empty to the last. */
  histogram(): HistogramBucket[] {
    const total = new Window();
    for (const window of this.windowsList) if (window) total.add(window);
    const step = PER_DOUBLING / DISPLAY_PER_DOUBLING;
    const buckets: HistogramBucket[] = [];
    for (let i = 0; i < BUCKETS; i += step) {
      let count = 0;
      const last = Math.min(BUCKETS - 1, i + step - 1);
      for (let j = i; j <= last; j += 1) count += total.counts[j] ?? 0;
      buckets.push({ upToMs: round(upperMs(last)), count });
    }
    const first = buckets.findIndex((b) => b.count > 0);
    if (first < 0) return [];
    const end = buckets.length - [...buckets].reverse().findIndex((b) => b.count > 0);
    return buckets.slice(first, end);
  }

  /** Bytes held by the bucket arrays. */
  get footprintBytes(): number {
    return this.windowsList.reduce((n, w) => n + (w ? w.counts.byteLength : 0), 0);
  }
}
