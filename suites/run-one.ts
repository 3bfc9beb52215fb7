import type { Check, CheckContext } from './check.js';
import { causeOf } from './http.js';
import type { CheckResult, Finding } from './model.js';
import { race } from './timers.js';
import { levelIn } from '../spec/profiles.js';

/** A check's time limit: the run's per-check limit, plus the waits its spec sets (a flow's steps). */
export function limitOf(check: Check, checkTimeoutMs: number): number {
  return checkTimeoutMs + (check.waitsMs ?? 0);
}

/** How one check ended: its result, or `stopped` when the run stopped first (the result would not be its own). */
export type CheckEnd = { result: CheckResult } | 'stopped';

function needs(check: Check, ctx: CheckContext): string | undefined {
  if (check.requires === 'apiKey' && !ctx.target.apiKey) return 'needs --api-key';
  if (check.requires === 'socketApiKey' && !ctx.target.socketApiKey) return 'needs --socket-api-key';
  return undefined;
}

/**
 * Runs one check within its time limit, on a signal of its own: when the time is up (or the run stops) its
 * requests are aborted and its sockets closed, and its result says so. A throw is a finding, never thrown on.
 */
export async function runOne(check: Check, ctx: CheckContext): Promise<CheckEnd> {
  const level = levelIn(check.levels, ctx.profile) ?? 'MUST';
  const base = { id: check.id, title: check.title, domain: check.domain, level, specIds: check.specIds };
  const missing = needs(check, ctx);
  if (missing) return { result: { ...base, status: 'skipped', reason: missing, durationMs: 0, findings: [] } };
  const own = new AbortController();
  const signal = ctx.target.signal ? AbortSignal.any([own.signal, ctx.target.signal]) : own.signal;
  const target = { ...ctx.target, signal };
  const t0 = performance.now();
  const checkTimeoutMs = ctx.checkTimeoutMs ?? 6 * ctx.timeoutMs;
  const limitMs = limitOf(check, checkTimeoutMs);
  const how = await race(check.run({ ...ctx, target, http: ctx.http.withTarget(target) }), limitMs, ctx.target.signal ?? own.signal);
  own.abort();
  const durationMs = Math.round(performance.now() - t0);
  if (how === 'stopped') return 'stopped';
  const finding = (message: string): Finding => ({ checkId: check.id, level, message, evidence: {}, reproduce: `eliza-wire check ${ctx.target.url} --only ${check.id}` });
  let findings: Finding[];
  if (how === 'timeout') {
    const waits = check.waitsMs ? ` plus the ${check.waitsMs} ms its spec waits` : '';
    findings = [finding(`the check did not finish within ${limitMs} ms (--check-timeout ${checkTimeoutMs} ms${waits}); it was stopped`)];
  } else if ('error' in how) {
    const error = how.error as Error;
    findings = [finding(`the check could not run: ${error.message}${causeOf(error) ? ` (${causeOf(error)})` : ''}`)];
  } else if (!Array.isArray(how.value)) {
    return { result: { ...base, status: 'skipped', reason: how.value.skip, durationMs, findings: [] } };
  } else {
    findings = how.value.map((f) => ({ checkId: check.id, ...f }));
  }
  return { result: { ...base, status: findings.length > 0 ? 'failed' : 'passed', durationMs, findings } };
}
