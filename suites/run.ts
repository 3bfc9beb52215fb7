import { readFileSync } from 'node:fs';
import { Agent } from 'undici';
import { DEFAULT_PROFILE, restOperations, socketEvents, type Level, type Profile } from '../spec/index.js';
import type { Check, CheckContext, Discovery } from './check.js';
import { discover } from './flows/setup.js';
import { HttpClient, type Target } from './http.js';
import type { CheckResult, Coverage, Report } from './model.js';
import { pool } from './pool.js';
import { PreflightError, preflight } from './preflight.js';
import { allChecks, selectChecks } from './registry.js';
import { runOne } from './run-one.js';
import { TargetLostError } from './target-lost.js';
import { levelIn } from '../spec/profiles.js';

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
  /** The most one check may take, in ms, plus the waits its spec sets (a flow's steps). Default 6 × timeoutMs. */
  checkTimeoutMs?: number;
  /** Checks run at once. Default 4. */
  concurrency?: number;
  seed?: number;
  listeners?: RunListener[];
  /** The checks to choose from (default: all). Tests hand in their own. */
  checks?: Check[];
  /**
   * Stops the run (e.g. on SIGINT): no further check starts, running ones are abandoned, and the report of what
   * had finished comes back with `stopped` set (listeners get it in `onRunEnd`).
   */
  signal?: AbortSignal;
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

function coverageOf(profile: Profile, http: HttpClient, sent: Set<string>, received: Set<string>): Coverage {
  const operations = Object.fromEntries([...http.called].sort(([a], [b]) => a.localeCompare(b)).map(([id, statuses]) => [id, [...statuses].sort()]));
  const missed = [
    ...restOperations.filter((o) => levelIn(o.profiles, profile) && !http.called.has(o.id)).map((o) => o.id),
    ...socketEvents.filter((e) => levelIn(e.profiles, profile) && (e.direction === 'client-to-server' ? !sent.has(e.id) : !received.has(e.event))).map((e) => e.id),
  ].sort();
  return { operations, sent: [...sent].sort(), received: [...received].sort(), missed };
}

/** Why the target counts as gone after a failed check, or undefined while it still answers. */
async function gone(target: Target, timeoutMs: number): Promise<string | undefined> {
  const checked = await preflight(target.url, { apiKey: target.apiKey, timeoutMs: Math.min(timeoutMs, 2000), dispatcher: target.dispatcher });
  return !checked.ok && checked.kind === 'unreachable' ? checked.found.replace(/^cannot reach \S+: /, '') : undefined;
}

function reportOf(ctx: { target: Target; profile: Profile; level: Level; startedAt: Date }, results: CheckResult[], coverage: Coverage, unfinished?: string[]): Report {
  const sorted = [...results].sort((a, b) => a.id.localeCompare(b.id));
  const count = (s: CheckResult['status']) => sorted.filter((r) => r.status === s).length;
  return {
    tool: 'eliza-wire',
    version: version(),
    target: redactUrl(ctx.target.url),
    profile: ctx.profile,
    level: ctx.level,
    startedAt: ctx.startedAt.toISOString(),
    durationMs: Date.now() - ctx.startedAt.getTime(),
    summary: { passed: count('passed'), failed: count('failed'), skipped: count('skipped') },
    checks: sorted,
    coverage,
    ...(unfinished ? { stopped: { reason: 'interrupted' as const, unfinished: [...unfinished].sort() } } : {}),
  };
}

/**
 * Runs the conformance checks against a server and returns the report. Throws `PreflightError` when the target
 * is not a reachable ElizaOS server (before any check), `TargetLostError` when it stops answering during the run,
 * `UnknownCheckError` when --only/--skip match nothing; a finding is never thrown. Every check runs within its
 * time limit (`checkTimeoutMs` plus the waits its spec sets). The run owns its connections: when it returns, no
 * socket, timer or keep-alive connection of it is left.
 */
export async function runConformance(options: ConformanceOptions): Promise<Report> {
  const profile = options.profile ?? DEFAULT_PROFILE;
  const level = options.level ?? 'MUST';
  const timeoutMs = options.timeoutMs ?? 5000;
  const checks = selectChecks(options.checks ?? allChecks(), { profile, level, only: options.only, skip: options.skip });
  const stop = new AbortController();
  const interrupt = () => stop.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', interrupt, { once: true });
  const agent = new Agent();
  const target: Target = { url: options.url.replace(/\/$/, ''), apiKey: options.apiKey, socketApiKey: options.socketApiKey, dispatcher: agent, signal: stop.signal, timeoutMs };
  try {
    const checked = await preflight(target.url, { apiKey: target.apiKey, timeoutMs, dispatcher: agent });
    if (!checked.ok) throw new PreflightError(checked);
    return await runChecks(checks, { ...options, profile, level, timeoutMs }, target, stop);
  } finally {
    options.signal?.removeEventListener('abort', interrupt);
    // what is still in flight is abandoned work (a stopped check, a discovery the server never answered):
    // close() would wait for it, destroy() ends it and every keep-alive socket now
    await agent.destroy();
  }
}

async function runChecks(checks: Check[], options: ConformanceOptions & { profile: Profile; level: Level; timeoutMs: number }, target: Target, stop: AbortController): Promise<Report> {
  const { profile, level, timeoutMs } = options;
  const http = new HttpClient(target, timeoutMs);
  const sent = new Set<string>();
  const received = new Set<string>();
  // once, before any check runs: a check that creates and starts an agent of its own must not become "the agent"
  const discovery: Promise<Discovery> = discover(target);
  discovery.catch(() => undefined);
  const ctx: CheckContext = {
    target, profile, level, timeoutMs, checkTimeoutMs: options.checkTimeoutMs ?? 6 * timeoutMs, seed: options.seed ?? 1, http,
    discover: () => discovery,
    sawSocket: (s, r) => {
      s.forEach((x) => sent.add(x));
      r.forEach((x) => received.add(x));
    },
  };
  const listeners = options.listeners ?? [];
  const startedAt = new Date();
  const finished: CheckResult[] = [];
  let lost: string | undefined;
  listeners.forEach((l) => l.onRunStart?.({ target: redactUrl(target.url), profile, level, checks }));
  await pool(checks, options.concurrency ?? 4, stop.signal, async (check) => {
    listeners.forEach((l) => l.onCheckStart?.(check));
    const end = await runOne(check, ctx);
    if (end === 'stopped' || stop.signal.aborted) return;
    // a failure may be the target dying under the check: then it is no result of the check's
    if (end.result.status === 'failed') {
      const why = await gone(target, timeoutMs);
      if (why !== undefined || stop.signal.aborted) {
        lost ??= why;
        stop.abort('target-gone');
        return;
      }
    }
    finished.push(end.result);
    listeners.forEach((l) => l.onCheckEnd?.(end.result));
  });
  if (lost !== undefined) throw new TargetLostError(redactUrl(target.url), lost, [...finished].sort((a, b) => a.id.localeCompare(b.id)), checks.length);
  const unfinished = stop.signal.aborted ? checks.filter((c) => !finished.some((r) => r.id === c.id)).map((c) => c.id) : undefined;
  const report = reportOf({ target, profile, level, startedAt }, finished, coverageOf(profile, http, sent, received), unfinished);
  for (const l of listeners) await l.onRunEnd?.(report);
  return report;
}
