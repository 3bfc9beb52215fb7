/**
 * eliza-wire/spec/diff: what changed between two profiles, for a client. Pure data to data: a structural diff of
 * the REST operations, socket events, handshake and flows, each change under a rule with a stable id and a level.
 */
export { diffSpecs, failsOn } from './diff.js';
export type { DiffSide, SpecDiff, FailOn } from './diff.js';
export { DIFF_RULES, CHANGE_LEVELS } from './rules.js';
export type { DiffRule, DiffRuleId, ChangeLevel } from './rules.js';
export type { SpecChange, ChangeArea } from './change.js';
export { currentSpec } from './spec-data.js';
export type { SpecData, HandshakeData } from './spec-data.js';
export { shapeOf, describeShape } from './shape.js';
export type { Shape, Side } from './shape.js';
