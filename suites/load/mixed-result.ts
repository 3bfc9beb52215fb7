import { z } from 'zod';
import { outcomeOf, GeneratorStats, LatencyStats } from './result.js';

/** What one `bench --scenario mixed` run measured: chatting users at human rates plus REST readers. */
export const MixedResult = z.object({
  scenario: z.literal('mixed'),
  target: z.string(),
  startedAt: z.string().describe('ISO time the measurement started (after the ramp)'),
  durationMs: z.number().nonnegative(),
  generator: GeneratorStats,
  generatorLimited: z.boolean().describe('lag p99 > 10 ms or CPU > 90% of one core: the generator was the bottleneck'),
  config: z.object({
    users: z.number().int(),
    rooms: z.number().int(),
    thinkSec: z.number().describe('mean time between two messages of one user'),
    readers: z.number().int(),
    readerRate: z.number().describe('requests/s of one reader, at most'),
    durationSec: z.number(),
    rampSec: z.number(),
    seed: z.number().int(),
    transport: z.enum(['websocket', 'polling']),
  }),
  chat: z.object({
    sent: z.number().int().nonnegative(),
    expected: z.number().int().nonnegative().describe('member deliveries expected (each member but the sender)'),
    delivered: z.number().int().nonnegative(),
    lost: z.number().int().nonnegative(),
    duplicated: z.number().int().nonnegative(),
    crossRoom: z.number().int().nonnegative(),
  }),
  rest: z.object({
    requests: z.number().int().nonnegative(),
    errors: z.number().int().nonnegative().describe('connection errors and timeouts'),
    non2xx: z.record(z.string(), z.number().int()).describe('responses outside 2xx, by status'),
  }),
  throughput: z.object({ messagesPerSec: z.number(), deliveriesPerSec: z.number(), requestsPerSec: z.number() }),
  latency: z.object({
    delivery: LatencyStats.describe('scheduled send time to each member delivery'),
    completion: LatencyStats.describe('scheduled send time to the last member delivery of a message'),
    rest: LatencyStats.describe('one REST read, request to response body'),
  }),
});

/** A mixed result and its verdict, shaped like BenchOutcome. */
export const MixedOutcome = outcomeOf(MixedResult);

export type MixedResult = z.infer<typeof MixedResult>;
export type MixedOutcome = z.infer<typeof MixedOutcome>;

/** JSON Schema (draft 2020-12) of the `--json` output of a mixed run. */
export const mixedOutcomeJsonSchema = z.toJSONSchema(MixedOutcome);
