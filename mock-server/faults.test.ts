import { describe, expect, it } from 'vitest';
import { Faults } from './faults.js';
import { IdSource } from './state/ids.js';

describe('Faults', () => {
  it('draws latency within the range, not always the same value', () => {
    const random = new IdSource(7);
    const faults = new Faults({ latency: { min: 50, max: 120 } }, () => random.random());
    const draws = Array.from({ length: 200 }, () => faults.latency());
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(50);
    expect(Math.max(...draws)).toBeLessThanOrEqual(120);
    expect(new Set(draws).size).toBeGreaterThan(20);
  });

  it('drops about the configured share of events, reproducibly for a seed', () => {
    const run = () => {
      const random = new IdSource(3);
      const faults = new Faults({ events: { messageBroadcast: { drop: 0.25 } } }, () => random.random());
      return Array.from({ length: 1000 }, () => faults.forEvent('messageBroadcast').drop);
    };
    const drops = run().filter(Boolean).length;
    expect(drops).toBeGreaterThan(200);
    expect(drops).toBeLessThan(300);
    expect(run()).toEqual(run());
  });

  it('applies `*` to every event and a named fault over it', () => {
    const faults = new Faults({ events: { '*': { delayMs: 10 }, messageAck: { delayMs: 99 } } }, () => 0.5);
    expect(faults.forEvent('channel_joined').delayMs).toBe(10);
    expect(faults.forEvent('messageAck').delayMs).toBe(99);
  });
});
