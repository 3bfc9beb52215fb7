import { describe, expect, it } from 'vitest';
import { payloadProblem } from './limits.js';

const deep = (levels: number): unknown => JSON.parse('['.repeat(levels) + ']'.repeat(levels));

describe('payloadProblem', () => {
  it('accepts exactly maxDepth levels and refuses one more, naming the option and the flag', () => {
    expect(payloadProblem({ a: { b: 1 } }, { maxDepth: 2 })).toBeUndefined();
    const problem = payloadProblem({ a: { b: {} } }, { maxDepth: 2 });
    expect(problem?.code).toBe('PAYLOAD_TOO_DEEP');
    expect(problem?.message).toMatch(/deeper than 2 levels.*maxPayloadDepth.*--max-payload-depth/);
  });

  it('walks 100,000 levels without overflowing its own stack', () => {
    expect(payloadProblem(deep(100_000), { maxDepth: 64 })?.code).toBe('PAYLOAD_TOO_DEEP');
  });

  it('ends on a cyclic object (reported as too deep)', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(payloadProblem(cyclic, { maxDepth: 64 })?.code).toBe('PAYLOAD_TOO_DEEP');
  });

  it('refuses binary only when asked, and skips functions (an ack callback)', () => {
    const value = { payload: { message: new Uint8Array([1]) }, ack: () => undefined };
    expect(payloadProblem(value, { maxDepth: 64 })).toBeUndefined();
    expect(payloadProblem(value, { maxDepth: 64, binary: 'refuse' })?.code).toBe('BINARY_NOT_ACCEPTED');
    expect(payloadProblem([1, 'two', null, { three: [3] }], { maxDepth: 64, binary: 'refuse' })).toBeUndefined();
  });
});
