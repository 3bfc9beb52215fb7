import type { Profile } from '../profiles.js';
import { schemaIn } from '../socket/event.js';
import { socketEvents } from '../socket/index.js';
import { nearestVariantIssues } from '../validate.js';
import type { Expectation, FlowStep } from './flow.js';

/** One event a socket received. */
export interface ObservedEvent {
  event: string;
  payload: unknown;
  /** Milliseconds since the step's action. */
  at: number;
}

/** What `$…` references resolve against. */
export interface FlowScope {
  ctx: Record<string, unknown>;
  entities: Record<string, string>;
  action?: unknown;
  response?: unknown;
  /** Values bound by earlier expectations (`bind`); filled in as the step is evaluated. */
  bound: Record<string, unknown>;
}

export interface FlowFinding {
  actor: string;
  event: string;
  message: string;
}

/** Reads a dot path (`updates.name`) from a value. */
export function readPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

const SCOPED = /^\$(ctx|entity|action|response)\.(.+)$/;

/** Resolves a template value; `known: false` when it names a binding not made yet. */
function resolve(value: unknown, scope: FlowScope): { known: boolean; value: unknown } {
  if (typeof value !== 'string' || !value.startsWith('$')) return { known: true, value };
  const scoped = SCOPED.exec(value);
  if (scoped) {
    const [, where, path = ''] = scoped;
    if (where === 'ctx') return { known: true, value: readPath(scope.ctx, path) };
    if (where === 'entity') return { known: true, value: scope.entities[path] };
    return { known: true, value: readPath(where === 'action' ? scope.action : scope.response, path) };
  }
  const name = value.slice(1);
  return name in scope.bound ? { known: true, value: scope.bound[name] } : { known: false, value: undefined };
}

function wireName(specId: string): string {
  const entry = socketEvents.find((e) => e.id === specId);
  if (!entry) throw new Error(`flow references unknown socket event ${specId}: use an id from socketEvents`);
  return entry.event;
}

/**
 * Why an observed event is not one this expectation speaks of (name, schema, the fields it selects on), or
 * undefined when it is. The schema reason names the nearest variant's failing field paths.
 */
function rejection(exp: Expectation, observed: ObservedEvent, profile: Profile, scope: FlowScope): string | undefined {
  if (observed.event !== wireName(exp.event)) return 'another event';
  const entry = socketEvents.find((e) => e.id === exp.event);
  const schema = entry && schemaIn(entry, profile);
  if (schema && !schema.safeParse(observed.payload).success) {
    const nearest = nearestVariantIssues(schema, observed.payload);
    const variant = nearest.variant === undefined ? '' : ` (nearest variant #${nearest.variant + 1})`;
    const shown = nearest.issues.slice(0, 4).join('; ');
    const more = nearest.issues.length > 4 ? `; ${nearest.issues.length - 4} more` : '';
    return `its payload does not fit the ${profile} schema${variant}: ${shown}${more}`;
  }
  for (const [path, want] of Object.entries(exp.match ?? {})) {
    const ref = resolve(want, scope);
    const got = readPath(observed.payload, path);
    if (ref.known && got !== ref.value) return `${path} is ${JSON.stringify(got)}, expected ${String(want)} = ${JSON.stringify(ref.value)}`;
  }
  return undefined;
}

function claims(exp: Expectation, observed: ObservedEvent, profile: Profile, scope: FlowScope): boolean {
  return rejection(exp, observed, profile, scope) === undefined;
}

/** For events of the expected name that did not count: why, one clause each (at most three). */
function nearMisses(exp: Expectation, timeline: ObservedEvent[], profile: Profile, scope: FlowScope): string {
  if (exp.event === '*') return '';
  const misses = timeline.filter((o) => o.event === wireName(exp.event)).map((o) => ({ o, why: rejection(exp, o, profile, scope) })).filter((m) => m.why !== undefined);
  if (misses.length === 0) return '';
  const shown = misses.slice(0, 3).map((m) => `${m.o.event}@${m.o.at}ms did not count: ${m.why}`);
  return ` (${shown.join('; ')}${misses.length > 3 ? `; ${misses.length - 3} more` : ''})`;
}

function checkClaimed(actor: string, exp: Expectation, observed: ObservedEvent, scope: FlowScope): FlowFinding[] {
  const findings: FlowFinding[] = [];
  for (const [path, want] of Object.entries(exp.match ?? {})) {
    const got = readPath(observed.payload, path);
    const ref = resolve(want, scope);
    // a binding an earlier expectation failed to make: that failure is the finding, not this comparison
    if (!ref.known) continue;
    const expected = ref.value;
    if (got !== expected) findings.push({ actor, event: exp.event, message: `${path} is ${JSON.stringify(got)}, expected ${String(want)} = ${JSON.stringify(expected)}` });
  }
  for (const path of exp.absent ?? []) {
    if (readPath(observed.payload, path) !== undefined) findings.push({ actor, event: exp.event, message: `${path} must be absent, got ${JSON.stringify(readPath(observed.payload, path))}` });
  }
  return findings;
}

function bind(exp: Expectation, observed: ObservedEvent, scope: FlowScope): void {
  for (const [name, path] of Object.entries(exp.bind ?? {})) scope.bound[name] = readPath(observed.payload, path);
}

function describe(timeline: ObservedEvent[]): string {
  return timeline.length === 0 ? 'nothing arrived' : `arrived: ${timeline.map((o) => `${o.event}@${o.at}ms`).join(', ')}`;
}

function checkNone(actor: string, exp: Expectation, timeline: ObservedEvent[]): FlowFinding[] {
  const hits = exp.event === '*' ? timeline : timeline.filter((o) => o.event === wireName(exp.event));
  return hits.length === 0 ? [] : [{ actor, event: exp.event, message: `expected no ${exp.event === '*' ? 'event' : exp.event}; ${describe(hits)}` }];
}

function checkRun(actor: string, exp: Expectation, run: ObservedEvent[]): FlowFinding[] {
  if (!exp.contiguous) return [];
  const got = run.map((o) => readPath(o.payload, exp.contiguous ?? ''));
  const ok = got.every((value, i) => value === i);
  return ok ? [] : [{ actor, event: exp.event, message: `${exp.contiguous} must run 0..${run.length - 1} without gaps, got [${got.join(', ')}]` }];
}

/** Walks one actor's ordered sequence over its timeline. */
function evaluateActor(actor: string, sequence: Expectation[], timeline: ObservedEvent[], profile: Profile, scope: FlowScope): FlowFinding[] {
  const findings: FlowFinding[] = [];
  let cursor = -1;
  for (const exp of sequence) {
    if (exp.count === 'none') {
      findings.push(...checkNone(actor, exp, timeline));
      continue;
    }
    const claimed = timeline.map((o, i) => ({ o, i })).filter(({ o }) => claims(exp, o, profile, scope));
    const after = claimed.filter(({ i }) => i > cursor);
    if (after.length === 0) {
      const early = claimed.length > 0 ? ' (it arrived, but out of order)' : '';
      findings.push({ actor, event: exp.event, message: `expected ${exp.event} ${exp.count}${early}; ${describe(timeline)}${early ? '' : nearMisses(exp, timeline, profile, scope)}` });
      continue;
    }
    const run = exp.count === 'once' ? after.slice(0, 1) : after;
    const first = run[0];
    if (!first) continue;
    findings.push(...checkClaimed(actor, exp, first.o, scope), ...checkRun(actor, exp, run.map((r) => r.o)));
    bind(exp, first.o, scope);
    if (exp.count === 'once' && claimed.length > 1) {
      findings.push({ actor, event: exp.event, message: `expected ${exp.event} exactly once, it arrived ${claimed.length} times` });
    }
    cursor = run[run.length - 1]?.i ?? cursor;
  }
  return findings;
}

/**
 * Checks what each actor observed after a step against the step's expectations in a profile (use `flowIn` first).
 * Returns one finding per broken expectation; an empty list means the step conforms.
 */
export function evaluateStep(
  step: FlowStep,
  profile: Profile,
  timelines: Record<string, ObservedEvent[]>,
  scope: FlowScope,
): FlowFinding[] {
  return step.expect.flatMap((a) => evaluateActor(a.actor, a.sequence, timelines[a.actor] ?? [], profile, scope));
}
