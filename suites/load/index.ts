/**
 * eliza-wire load scenarios: fanout (broadcast latency to every room member), connect (connect+join storm), rest
 * (read endpoints under load), roundtrip (a user message to the agent's reply) and mixed (a soak of chatting users
 * and REST readers). `runBench` runs one and judges it against thresholds.
 */
export { runBench, SCENARIOS } from './bench.js';
export { mergeResults } from './merge.js';
export { partition } from './partition.js';
export type { WorkerOptions } from './partition.js';
export { measurementStart } from './schedule.js';
export type { StartGate } from './schedule.js';
export type { BenchOptions, Scenario } from './bench.js';
export { runMixed, seededRandom } from './mixed.js';
export type { MixedOptions } from './mixed.js';
export { connectRamped, rampOffsets, rampRate } from './ramp.js';
export type { RampOptions } from './ramp.js';
export { runFanout } from './fanout.js';
export type { FanoutOptions } from './fanout.js';
export { runConnect } from './connect.js';
export type { ConnectOptions } from './connect.js';
export { runRoundtrip } from './roundtrip.js';
export type { RoundtripOptions } from './roundtrip.js';
export { prepareConversations } from './roundtrip-setup.js';
export type { Conversation, RoundtripSetup } from './roundtrip-setup.js';
export { ReplyTracker } from './reply-tracker.js';
export { runRest, REST_READ_PATHS } from './rest.js';
export type { RestOptions } from './rest.js';
export { LatencyHistogram } from './histogram.js';
export type { LatencySummary } from './histogram.js';
export { DeliveryTracker, parseMessageText } from './delivery-tracker.js';
export type { FanoutLayout } from './delivery-tracker.js';
export { runOpenSchedule } from './schedule.js';
export type { OpenSchedule } from './schedule.js';
export { defaultThresholds, parseThreshold, thresholdMetrics } from './thresholds.js';
export type { Threshold, ThresholdScenario } from './thresholds.js';
export { metricValue } from './metrics.js';
export { judge } from './outcome.js';
export { isGeneratorLimited, LAG_LIMIT_MS, CPU_LIMIT_PERCENT } from './generator.js';
export type { BenchProgress, ProgressCounts, ProgressListener } from './progress.js';
export { formatOutcome, formatProgress, formatProgressBar } from './table.js';
export { renderHtml, histogramSvg, timelineSvg } from './html.js';
export { LatencyTimeline } from './timeline.js';
export { LoadInterruptedError, LoadTargetError, LoadUsageError } from './errors.js';
export {
  BenchOutcome,
  BenchResult,
  BrokenThreshold,
  ConnectResult,
  FanoutResult,
  GeneratorStats,
  HistogramBucket,
  LatencyStats,
  MergeData,
  MixedResult,
  RestResult,
  RoundtripResult,
  TimelineWindow,
  benchOutcomeJsonSchema,
} from './result.js';
