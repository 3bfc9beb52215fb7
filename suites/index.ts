/**
 * eliza-wire/suites: conformance checks that talk to a URL. `runConformance` runs them and returns a report.
 */
export { runConformance, redactUrl } from './run.js';
export type { ConformanceOptions, RunListener } from './run.js';
export { preflight, preflightLine, PreflightError } from './preflight.js';
export { detectProfile, profileForVersion } from './detect-profile.js';
export type { DetectedProfile, DetectOptions } from './detect-profile.js';
export { TargetLostError } from './target-lost.js';
export type { PreflightOptions, PreflightProblem, PreflightResult } from './preflight.js';
export { allChecks, selectChecks, matchChecks, describeChecks, globToRegExp, UnknownCheckError } from './registry.js';
export type { CheckInfo } from './registry.js';
export type { Check, CheckContext, Discovery } from './check.js';
export { Report, CheckResult, Finding, Evidence, Exchange, Coverage, reportJsonSchema } from './model.js';
export { runFlow } from './flows/runner.js';
export type { FlowRun, FlowTarget } from './flows/runner.js';
export { prepareFlow, discover } from './flows/setup.js';
export { runDiff, formatConsole, formatMarkdown, parseKnown } from './diff/index.js';
export type { DiffOptions, DiffReport, DiffUnit, Difference, KnownDifference } from './diff/index.js';
