/**
 * The diff of two servers: the spec's socket flows and REST reads run against both, results normalised
 * (ids numbered, volatile values masked) and compared.
 */
export { runDiff } from './run-diff.js';
export type { DiffOptions } from './run-diff.js';
export type { Difference, DiffReport, DiffSummary, DiffUnit } from './model.js';
export { Normaliser } from './normalise.js';
export type { NormaliserSeeds } from './normalise.js';
export { compareValues } from './compare.js';
export { compareEvents } from './align.js';
export { KnownDifference, KnownFileError, explain, parseKnown } from './known.js';
export { readOperations } from './reads.js';
export { formatConsole, summaryLine } from './console.js';
export { formatMarkdown } from './markdown.js';
