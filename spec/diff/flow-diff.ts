import { levelIn, type Profile } from '../profiles.js';
import { flowIn, type ActorExpectations, type Expectation, type Flow, type FlowAction, type FlowStep } from '../flows/flow.js';
import { change, levelChange, type ChangeSite, type SpecChange } from './change.js';

/** One side of a flow diff: the flows, the profile, and how a socket event spec id reads on the wire. */
export interface FlowSide {
  items: readonly Flow[];
  profile: Profile;
  wireName: (eventId: string) => string;
}

/** Flow changes: flows added or removed, steps added or removed, and per step the events each actor gets. */
export function diffFlows(a: FlowSide, b: FlowSide): SpecChange[] {
  const inA = new Map(a.items.filter((f) => levelIn(f.profiles, a.profile)).map((f) => [f.id, f]));
  const inB = new Map(b.items.filter((f) => levelIn(f.profiles, b.profile)).map((f) => [f.id, f]));
  const out: SpecChange[] = [];
  for (const [id, fa] of inA) {
    const site: ChangeSite = { area: 'flow', specId: id };
    const fb = inB.get(id);
    if (!fb) out.push(change(site, 'flow-removed', { summary: fa.summary }));
    else out.push(...diffFlow(site, fa, fb, a, b));
  }
  for (const [id, fb] of inB) if (!inA.has(id)) out.push(change({ area: 'flow', specId: id }, 'flow-added', { summary: fb.summary }));
  return out;
}

function describeAction(action: FlowAction): string {
  switch (action.kind) {
    case 'emit': return `${action.actor} emits ${action.ref ?? '?'}`;
    case 'rest': return `${action.actor} calls ${action.ref ?? '?'}`;
    case 'connect': return `${action.actor} connects`;
    case 'disconnect': return `${action.actor} disconnects`;
  }
}

/** Steps keyed by what they do (with an occurrence number for repeats), so a step left out of one profile aligns. */
function keyedSteps(flow: Flow): Map<string, { step: FlowStep; index: number }> {
  const out = new Map<string, { step: FlowStep; index: number }>();
  flow.steps.forEach((step, index) => {
    const base = describeAction(step.action);
    let key = base;
    for (let n = 2; out.has(key); n += 1) key = `${base} #${n}`;
    out.set(key, { step, index });
  });
  return out;
}

function diffFlow(site: ChangeSite, fa: Flow, fb: Flow, a: FlowSide, b: FlowSide): SpecChange[] {
  const out = levelChange(site, levelIn(fa.profiles, a.profile) ?? 'MAY', levelIn(fb.profiles, b.profile) ?? 'MAY');
  const stepsA = keyedSteps(flowIn(fa, a.profile) ?? fa);
  const stepsB = keyedSteps(flowIn(fb, b.profile) ?? fb);
  for (const [key, sa] of stepsA) {
    const sb = stepsB.get(key);
    if (!sb) out.push(change(site, 'flow-step-removed', { step: String(sa.index + 1), action: key }));
    else out.push(...diffStep(site, key, sa.step, sb.step, a, b));
  }
  for (const [key, sb] of stepsB) if (!stepsA.has(key)) out.push(change(site, 'flow-step-added', { step: String(sb.index + 1), action: key }));
  return out;
}

interface Expected {
  name: string;
  count: Expectation['count'];
}

function expected(list: readonly ActorExpectations[], actor: string, side: FlowSide): Expected[] {
  const sequence = list.find((x) => x.actor === actor)?.sequence ?? [];
  return sequence.map((e) => ({ name: e.event === '*' ? 'any event' : side.wireName(e.event), count: e.count }));
}

const COUNT_TEXT = { once: 'once', 'one-or-more': 'one or more times', none: 'never' } as const;

function diffStep(site: ChangeSite, action: string, sa: FlowStep, sb: FlowStep, a: FlowSide, b: FlowSide): SpecChange[] {
  const actors = [...new Set([...sa.expect, ...sb.expect].map((x) => x.actor))];
  return actors.flatMap((actor) => diffSequence(site, action, actor, expected(sa.expect, actor, a), expected(sb.expect, actor, b)));
}

function diffSequence(site: ChangeSite, action: string, actor: string, a: Expected[], b: Expected[]): SpecChange[] {
  const out: SpecChange[] = [];
  const params = (event: string, extra: Record<string, string> = {}) => ({ action, actor, event, ...extra });
  const comesA = a.filter((e) => e.count !== 'none');
  const comesB = b.filter((e) => e.count !== 'none');
  const names = (list: Expected[]) => list.map((e) => e.name);
  for (const e of comesA) {
    const other = comesB.find((x) => x.name === e.name);
    if (!other) out.push(change(site, b.some((x) => x.name === e.name && x.count === 'none') ? 'flow-event-now-forbidden' : 'flow-event-no-longer-comes', params(e.name)));
    else if (other.count !== e.count) out.push(change(site, 'flow-event-count-changed', params(e.name, { from: COUNT_TEXT[e.count], to: COUNT_TEXT[other.count] })));
  }
  for (const e of comesB) if (!names(comesA).includes(e.name)) out.push(change(site, 'flow-event-now-comes', params(e.name)));
  const common = (list: Expected[], other: Expected[]) => names(list).filter((n) => names(other).includes(n));
  const [orderA, orderB] = [common(comesA, comesB), common(comesB, comesA)];
  if (orderA.join('\u0000') !== orderB.join('\u0000')) {
    out.push(change(site, 'flow-order-changed', params(orderB.join(', '), { from: orderA.join(' → '), to: orderB.join(' → ') })));
  }
  return out;
}
