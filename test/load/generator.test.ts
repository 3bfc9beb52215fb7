import { describe, expect, it } from 'vitest';
import { isGeneratorLimited, type GeneratorStats } from '../../suites/load/index.js';

const stats = (over: Partial<GeneratorStats>): GeneratorStats => ({ cpuPercent: 20, lagP50Ms: 0.2, lagP99Ms: 1, lagMaxMs: 2, lagSamples: 1000, rssMb: 90, ...over });

describe('isGeneratorLimited', () => {
  it('is true when the sends ran late at p99, or the CPU was saturated', () => {
    expect(isGeneratorLimited(stats({}))).toBe(false);
    expect(isGeneratorLimited(stats({ lagP99Ms: 25 }))).toBe(true);
    expect(isGeneratorLimited(stats({ cpuPercent: 95 }))).toBe(true);
  });

  it('on fewer than 100 samples judges the median lag: one late timer is not the generator saturating', () => {
    expect(isGeneratorLimited(stats({ lagSamples: 30, lagP99Ms: 40, lagMaxMs: 40 }))).toBe(false);
    expect(isGeneratorLimited(stats({ lagSamples: 30, lagP50Ms: 15, lagP99Ms: 40 }))).toBe(true);
  });
});
