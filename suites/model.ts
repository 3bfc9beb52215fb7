import { z } from 'zod';
import { LEVELS, PROFILES, type Level, type Profile, type Profiles } from '../spec/index.js';

/** One HTTP exchange, as evidence: what was sent and what came back (secrets redacted). */
export const Exchange = z.strictObject({
  operationId: z.string().optional(),
  method: z.string(),
  url: z.string(),
  requestHeaders: z.record(z.string(), z.string()),
  requestBody: z.string().optional(),
  status: z.number().int(),
  responseHeaders: z.record(z.string(), z.string()),
  responseBody: z.string(),
  ms: z.number(),
});
export type Exchange = z.infer<typeof Exchange>;

/** What each socket of a check received, in order, with times since the step's action. */
export const TimelineEvent = z.strictObject({ event: z.string(), payload: z.unknown(), at: z.number() });

export const Evidence = z.strictObject({
  exchanges: z.array(Exchange).optional(),
  timelines: z.record(z.string(), z.array(TimelineEvent)).optional(),
  sent: z.unknown().optional(),
});
export type Evidence = z.infer<typeof Evidence>;

/** A conformance finding: data, with the check, the spec entry, the level, the evidence and how to reproduce it. */
export const Finding = z.strictObject({
  checkId: z.string(),
  specId: z.string().optional(),
  level: z.enum(LEVELS),
  message: z.string(),
  evidence: Evidence,
  reproduce: z.string(),
});
export type Finding = z.infer<typeof Finding>;

export const CheckStatus = z.enum(['passed', 'failed', 'skipped']);

export const CheckResult = z.strictObject({
  id: z.string(),
  title: z.string(),
  domain: z.string(),
  level: z.enum(LEVELS),
  specIds: z.array(z.string()),
  status: CheckStatus,
  /** Why a check was skipped (a needed option absent, nothing to test on this server). */
  reason: z.string().optional(),
  durationMs: z.number(),
  findings: z.array(Finding),
});
export type CheckResult = z.infer<typeof CheckResult>;

export const Coverage = z.strictObject({
  /** Spec ids of REST operations called, with the statuses seen. */
  operations: z.record(z.string(), z.array(z.number().int())),
  /** Socket events sent by the checks (client → server), by spec id. */
  sent: z.array(z.string()),
  /** Socket events received (server → client), by wire name. */
  received: z.array(z.string()),
  /** Spec entries of the profile that no check exercised. */
  missed: z.array(z.string()),
});
export type Coverage = z.infer<typeof Coverage>;

/** The report of a run: the same for every reporter; the JSON reporter writes it as is. */
export const Report = z.strictObject({
  tool: z.literal('eliza-wire'),
  version: z.string(),
  target: z.string(),
  profile: z.enum(PROFILES),
  level: z.enum(LEVELS),
  startedAt: z.string(),
  durationMs: z.number(),
  summary: z.strictObject({ passed: z.number().int(), failed: z.number().int(), skipped: z.number().int() }),
  checks: z.array(CheckResult),
  coverage: Coverage,
  /** Set when the run was stopped (SIGINT, SIGTERM) before every check finished: the report holds what had. */
  stopped: z.strictObject({ reason: z.literal('interrupted'), unfinished: z.array(z.string()) }).optional(),
});
export type Report = z.infer<typeof Report>;

/** The JSON Schema of the JSON report (draft 2020-12). */
export function reportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(Report, { target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
}

export type { Level, Profile, Profiles };
