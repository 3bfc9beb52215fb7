import { readFileSync } from 'node:fs';
import { DEFAULT_PROFILE, restOperations, socketEvents, type Level, type Profile } from '../spec/index.js';
import type { Check, CheckContext, Discovery } from './check.js';
import { discover } from './flows/setup.js';
import { HttpClient, causeOf, type Target } from './http.js';
import type { CheckResult, Coverage, Finding, Report } from './model.js';
import { PreflightError, preflight } from './preflight.js';
import { allChecks, selectChecks } from './registry.js';

/** Hooks a reporter may implement; every one is optional. */
export interface RunListener {
  onRunStart?(info: { target: string; profile: Profile; level: Level; checks: Check[] }): void;
  onCheckStart?(check: Check): void;
  onCheckEnd?(result: CheckResult): void;
  onRunEnd?(report: Report): void | Promise<void>;
}

export interface ConformanceOptions extends Target {
  profile?: Profile;
  /** The strictest level to run: MUST (default) runs MUST checks; SHOULD adds SHOULD; MAY runs all. */
  level?: Level;
  only?: string[];
  skip?: string[];
  /** Per request and per wait, in ms. Default 5000. */
  timeoutMs?: number;
  /** Checks run at once. Default 4. */
  concurrency?: number;
  seed?: number;
  listeners?: RunListener[];
  /** The checks to choose from (default: all). Tests hand in their own. */
  checks?: Check[];
}

/** The target could not be reached: the CLI exits 2. */
export class TargetUnreachableError extends Error {
  readonly code = 'ELIZA_WIRE_UNREACHABLE';
  constructor(url: string, reason: string) {
    super(`cannot reach ${url}: ${reason}`);
    this.name = 'TargetUnreachableError';
  }
}

function version(): string {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      return (JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { version: string }).version;
    } catch {
      // the source tree and dist/ differ by one level
    }
  }
  return '0.0.0';
}

/** `http://user:secret@host` → `http://host`: a report never carries credentials. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

async function runOne(check: Check, ctx: CheckContext): Promise<CheckResult> {
  const level = check.levels[ctx.profile] ?? 'MUST';
  const base = { id: check.id, title: check.title, domain: check.domain, level, specIds: check.specIds };
  const t0 = performance.now();
  const needed = check.requires === 'apiKey' ? ctx.target.apiKey : check.requires === 'socketApiKey' ? ctx.target.socketApiKey : 'ok';
  if (!needed) return { ...base, status: 'skipped', reason: `needs --${check.requires === 'apiKey' ? 'api-key' : 'socket-api-key'}`, durationMs: 0, findings: [] };
  let findings: Finding[];
  try {
    const outcome = await check.run(ctx);
    if (!Array.isArray(outcome)) return { ...base, status: 'skipped', reason: outcome.skip, durationMs: performance.now() - t0, findings: [] };
    findings = outcome.map((f) => ({ checkId: check.id, ...f }));
  } catch (error) {
    findings = [{ checkId: check.id, level, message: `the check could not run: ${(error as Error).message}${causeOf(error) ? ` (${causeOf(error)})` : ''}`, evidence: {}, reproduce: `eliza-wire check ${ctx.target.url} --only ${check.id}` }];
  }
  return { ...base, status: findings.length > 0 ? 'failed' : 'passed', durationMs: Math.round(performance.now() - t0), findings };
}

async function pool<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.max(1, Math.min(size, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  });
  await Promise.all(runners);
  return results;
}

function coverageOf(profile: Profile, http: HttpClient, sent: Set<string>, received: Set<string>): Coverage {
  const operations = Object.fromEntries([...http.called].sort(([a], [b]) => a.localeCompare(b)).map(([id, statuses]) => [id, [...statuses].sort()]));
  const missed = [
    ...restOperations.filter((o) => o.profiles[profile] && !http.called.has(o.id)).map((o) => o.id),
    ...socketEvents.filter((e) => e.profiles[profile] && (e.direction === 'client-to-server' ? !sent.has(e.id) : !received.has(e.event))).map((e) => e.id),
  ].sort();
  return { operations, sent: [...sent].sort(), received: [...received].sort(), missed };
}

/**
 * Runs the conformance checks against a server and returns the report. Throws `PreflightError` when the target
 * is not a reachable ElizaOS server (before any check), `UnknownCheckError` when --only/--skip match nothing; a finding is never thrown.
 */
export async function runConformance(options: ConformanceOptions): Promise<Report> {
  const profile = options.profile ?? DEFAULT_PROFILE;
  const level = options.level ?? 'MUST';
  const timeoutMs = options.timeoutMs ?? 5000;
  const target: Target = { url: options.url.replace(/\/$/, ''), apiKey: options.apiKey, socketApiKey: options.socketApiKey };
  const checks = selectChecks(options.checks ?? allChecks(), { profile, level, only: options.only, skip: options.skip });
  const checked = await preflight(target.url, { apiKey: target.apiKey, timeoutMs });
  if (!checked.ok) throw new PreflightError(checked);
  const http = new HttpClient(target, timeoutMs);
  const sent = new Set<string>();
  const received = new Set<string>();
  // once, before any check runs: a check that creates and starts an agent of its own must not become "the agent"
  const discovery: Promise<Discovery> = discover(target);
  discovery.catch(() => undefined);
  const ctx: CheckContext = {
    target, profile, level, timeoutMs, seed: options.seed ?? 1, http,
    discover: () => discovery,
    sawSocket: (s, r) => {
      s.forEach((x) => sent.add(x));
      r.forEach((x) => received.add(x));
    },
  };
  const listeners = options.listeners ?? [];
  const startedAt = new Date();
  listeners.forEach((l) => l.onRunStart?.({ target: redactUrl(target.url), profile, level, checks }));
  const results = await pool(checks, options.concurrency ?? 4, async (check) => {
    listeners.forEach((l) => l.onCheckStart?.(check));
    const result = await runOne(check, ctx);
    listeners.forEach((l) => l.onCheckEnd?.(result));
    return result;
  });
  const sorted = results.sort((a, b) => a.id.localeCompare(b.id));
  const count = (s: CheckResult['status']) => sorted.filter((r) => r.status === s).length;
  const report: Report = {
    tool: 'eliza-wire',
    version: version(),
    target: redactUrl(target.url),
    profile,
    level,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    summary: { passed: count('passed'), failed: count('failed'), skipped: count('skipped') },
    checks: sorted,
    coverage: coverageOf(profile, http, sent, received),
  };
  for (const l of listeners) await l.onRunEnd?.(report);
  return report;
}
