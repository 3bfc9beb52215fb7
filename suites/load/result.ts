import { z } from 'zod';

/** One latency distribution, in milliseconds. */
export const LatencyStats = z.object({
  count: z.number().int().nonnegative(),
  mean: z.number().nonnegative(),
  p50: z.number().nonnegative(),
  p90: z.number().nonnegative(),
  p99: z.number().nonnegative(),
  p999: z.number().nonnegative().describe('p99.9'),
  max: z.number().nonnegative(),
});

/** How hard the load generator itself worked: if it lags its schedule, the figures measure it, not the server. */
export const GeneratorStats = z.object({
  cpuPercent: z.number().nonnegative().describe('user+system CPU of the generator process, in % of one core'),
  lagP50Ms: z.number().nonnegative().describe('median of how late sends ran behind their schedule'),
  lagP99Ms: z.number().nonnegative().describe('p99 of how late sends ran behind their schedule'),
  lagMaxMs: z.number().nonnegative(),
  lagSamples: z.number().int().nonnegative().describe('scheduled sends whose lag was measured'),
  rssMb: z.number().nonnegative(),
});

/** Delivery latency of one window of a run (1 s unless the run outlasted 3600 windows). */
export const TimelineWindow = z.object({
  second: z.number().int().nonnegative().describe('seconds from the run start to the start of the window'),
  count: z.number().int().nonnegative(),
  p50: z.number().nonnegative(),
  p99: z.number().nonnegative(),
});

/** One bar of a latency histogram over log-spaced buckets. */
export const HistogramBucket = z.object({
  upToMs: z.number().nonnegative().describe('upper bound of the bucket; its lower bound is the previous bucket\'s'),
  count: z.number().int().nonnegative(),
});

/** What it takes to merge results of several processes or machines (`--workers`, `bench merge`) exactly. */
export const MergeData = z.object({
  histograms: z.record(z.string(), z.string()).describe('the HDR histogram of each latency family (µs, HdrHistogram V2 compressed base64)'),
  timeline: z
    .object({
      windowSec: z.number().int().positive(),
      windows: z.array(z.object({ index: z.number().int().nonnegative(), max: z.number().nonnegative(), buckets: z.array(z.tuple([z.number().int(), z.number().int()])) })),
    })
    .describe('the counts behind `timeline`, per window of time since the start'),
});

const common = {
  target: z.string(),
  startedAt: z.string().describe('ISO time the measurement started (after any ramp)'),
  durationMs: z.number().nonnegative(),
  generator: GeneratorStats,
  generatorLimited: z.boolean().describe('CPU > 90% of one core, or lag p99 > 10 ms (lag p50 under 100 samples): the generator was the bottleneck'),
  workers: z.array(GeneratorStats).optional().describe('with --workers or merged results: each generator process (then `generator` is the busiest)'),
  timeline: z.array(TimelineWindow).optional().describe('the primary latency per window of time since the start (windows without samples left out)'),
  histogram: z.array(HistogramBucket).optional().describe('the primary latency over log-spaced buckets (4 per doubling)'),
  merge: MergeData.optional(),
  disconnected: z
    .number()
    .int()
    .nonnegative()
    .optional()
    .describe('sockets that lost their connection before the run closed them (server gone or kicked them); every one fails the run'),
};

/** Whether every message reached every member once, in its own room (fanout; mixed's chat). */
const deliveryCounts = {
  sent: z.number().int().nonnegative(),
  expected: z.number().int().nonnegative().describe('member deliveries expected (each member but the sender)'),
  delivered: z.number().int().nonnegative(),
  lost: z.number().int().nonnegative(),
  duplicated: z.number().int().nonnegative(),
  crossRoom: z.number().int().nonnegative(),
};

export const FanoutResult = z.object({
  scenario: z.literal('fanout'),
  ...common,
  config: z.object({
    clients: z.number().int(),
    rooms: z.number().int(),
    senders: z.number().int(),
    rate: z.number(),
    messages: z.number().int(),
    transport: z.enum(['websocket', 'polling']),
  }),
  ...deliveryCounts,
  throughput: z.object({ sentPerSec: z.number(), deliveriesPerSec: z.number() }),
  latency: z.object({
    delivery: LatencyStats.describe('scheduled send time to each member delivery'),
    completion: LatencyStats.describe('scheduled send time to the last member delivery of a message'),
    skew: LatencyStats.describe('first to last member delivery of a message'),
  }),
});

export const ConnectResult = z.object({
  scenario: z.literal('connect'),
  ...common,
  config: z.object({ clients: z.number().int(), rooms: z.number().int(), rate: z.number(), transport: z.enum(['websocket', 'polling']) }),
  attempted: z.number().int().nonnegative(),
  joined: z.number().int().nonnegative(),
  failures: z.record(z.string(), z.number().int()).describe('failed attempts by reason'),
  throughput: z.object({ connectsPerSec: z.number() }),
  latency: z.object({ connect: LatencyStats, joined: LatencyStats.describe('scheduled time to channel_joined') }),
});

export const RestResult = z.object({
  scenario: z.literal('rest'),
  ...common,
  config: z.object({ connections: z.number().int(), paths: z.array(z.string()) }),
  requests: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative().describe('connection errors and timeouts'),
  non2xx: z.record(z.string(), z.number().int()).describe('responses outside 2xx, by status'),
  throughput: z.object({ requestsPerSec: z.number() }),
  latency: z.object({ request: LatencyStats }),
});

export const RoundtripResult = z.object({
  scenario: z.literal('roundtrip'),
  ...common,
  config: z.object({ users: z.number().int(), rate: z.number(), messages: z.number().int(), transport: z.enum(['websocket', 'polling']), agentId: z.string() }),
  sent: z.number().int().nonnegative(),
  replied: z.number().int().nonnegative(),
  unanswered: z.number().int().nonnegative().describe('user messages without an agent reply by the end'),
  throughput: z.object({ repliesPerSec: z.number() }),
  latency: z.object({
    firstChunk: LatencyStats.describe('scheduled send time to the first messageStreamChunk'),
    reply: LatencyStats.describe("scheduled send time to the agent's messageBroadcast"),
    complete: LatencyStats.describe('scheduled send time to messageComplete (count 0 when the profile has none)'),
  }),
});

/** What one `bench --scenario mixed` run measured: chatting users at human rates plus REST readers. */
export const MixedResult = z.object({
  scenario: z.literal('mixed'),
  ...common,
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
  chat: z.object(deliveryCounts),
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

/** What one `bench` run measured. */
export const BenchResult = z.discriminatedUnion('scenario', [FanoutResult, ConnectResult, RestResult, RoundtripResult, MixedResult]);

export const BrokenThreshold = z.object({ threshold: z.string(), actual: z.number() });

/** A result and its verdict: passed when every threshold held and nothing was lost, duplicated or misrouted. */
export function outcomeOf<T extends z.ZodType>(result: T) {
  return z.object({
    passed: z.boolean(),
    broken: z.array(BrokenThreshold),
    integrity: z.array(z.string()).describe('why the run failed regardless of thresholds, e.g. "3 lost"'),
    interrupted: z
      .boolean()
      .optional()
      .describe('the run was stopped before its end (SIGINT, SIGTERM): `result` holds what was measured until then, and `passed` is false'),
    result,
  });
}

export const BenchOutcome = outcomeOf(BenchResult);

export type LatencyStats = z.infer<typeof LatencyStats>;
export type GeneratorStats = z.infer<typeof GeneratorStats>;
export type TimelineWindow = z.infer<typeof TimelineWindow>;
export type HistogramBucket = z.infer<typeof HistogramBucket>;
export type FanoutResult = z.infer<typeof FanoutResult>;
export type ConnectResult = z.infer<typeof ConnectResult>;
export type RestResult = z.infer<typeof RestResult>;
export type RoundtripResult = z.infer<typeof RoundtripResult>;
export type MixedResult = z.infer<typeof MixedResult>;
export type BenchResult = z.infer<typeof BenchResult>;
export type BrokenThreshold = z.infer<typeof BrokenThreshold>;
export type BenchOutcome = z.infer<typeof BenchOutcome>;

/** JSON Schema (draft 2020-12) of the `--json` output. */
export const benchOutcomeJsonSchema = z.toJSONSchema(BenchOutcome);
