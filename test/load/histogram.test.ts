import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from '../../suites/load/index.js';

describe('LatencyHistogram', () => {
  it('keeps the same footprint after a million samples (bounded memory whatever the duration)', () => {
    const histogram = new LatencyHistogram();
    const before = histogram.footprintBytes;
    for (let i = 0; i < 1_000_000; i += 1) histogram.record((i % 10_000) / 10);
    expect(histogram.count).toBe(1_000_000);
    expect(histogram.footprintBytes).toBe(before);
    expect(before).toBeLessThan(1_000_000);
  });

  it('reports ordered percentiles in ms, never above the max, and clamps values out of range', () => {
    const histogram = new LatencyHistogram();
    for (let i = 1; i <= 1000; i += 1) histogram.record(i);
    histogram.record(-5);
    histogram.record(10 * 3_600_000);
    const s = histogram.summary();
    expect(s.count).toBe(1002);
    expect(s.p50).toBeCloseTo(500, -1);
    expect([s.p50 <= s.p90, s.p90 <= s.p99, s.p99 <= s.p999, s.p999 <= s.max]).toEqual([true, true, true, true]);
    expect(s.max).toBeCloseTo(3_600_000, -4);
  });
});
