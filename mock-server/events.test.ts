import { describe, expect, it } from 'vitest';
import { MockEventBus } from './events.js';

const fault = { kind: 'latency' };

describe('MockEventBus', () => {
  it('calls listeners in the order they were added, and stops calling one after its unsubscribe', () => {
    const bus = new MockEventBus();
    const calls: string[] = [];
    const off = bus.on('fault', () => calls.push('a'));
    bus.on('fault', (payload) => calls.push(`b:${payload.kind}`));
    bus.emit('fault', fault);
    off();
    bus.emit('fault', fault);
    expect(calls).toEqual(['a', 'b:latency', 'b:latency']);
  });

  it('calls a once listener a single time', () => {
    const bus = new MockEventBus();
    let calls = 0;
    bus.once('fault', () => (calls += 1));
    bus.emit('fault', fault);
    bus.emit('fault', fault);
    expect(calls).toBe(1);
  });

  it('still runs, for the current emit, a listener removed by an earlier one', () => {
    const bus = new MockEventBus();
    const calls: string[] = [];
    let offB = () => {};
    bus.on('fault', () => {
      calls.push('a');
      offB();
    });
    offB = bus.on('fault', () => calls.push('b'));
    bus.emit('fault', fault);
    bus.emit('fault', fault);
    expect(calls).toEqual(['a', 'b', 'a']);
  });
});
