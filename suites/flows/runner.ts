import { randomUUID } from 'node:crypto';
import { evaluateStep, flowIn, type Flow, type FlowFinding, type FlowStep, type Profile } from '../../spec/index.js';
import { Actor } from './actors.js';
import { fill, type TemplateScope } from './template.js';
import type { Target } from '../http.js';
import { sleep, within } from '../timers.js';
import { restCall, type RestResult } from './rest-call.js';

export interface FlowTarget extends Target {
  /** How long to watch for silence and duplicates once a step's expectations hold. Default 150 ms. */
  settleMs?: number;
}

export interface StepRecord {
  index: number;
  action: unknown;
  response?: RestResult;
  timelines: Record<string, Actor['timeline']>;
  findings: FlowFinding[];
}

export interface FlowRun {
  flow: string;
  profile: Profile;
  steps: StepRecord[];
  findings: FlowFinding[];
  /** The entity id each actor connected with. */
  entities: Record<string, string>;
}

/** Silence that ends the setup of a flow. */
const SETUP_QUIET_MS = 60;

/** Waits until the step's expectations hold (then `settleMs` more, to catch extras), or until `within`. */
async function watch(step: FlowStep, profile: Profile, actors: Map<string, Actor>, scope: Parameters<typeof evaluateStep>[3], target: FlowTarget): Promise<FlowFinding[]> {
  const timelines = () => Object.fromEntries([...actors].map(([name, a]) => [name, a.timeline]));
  const deadline = Date.now() + step.within;
  const evaluate = () => evaluateStep(step, profile, timelines(), { ...scope, bound: {} });
  while (Date.now() < deadline && evaluate().length > 0 && !target.signal?.aborted) await sleep(15, target.signal);
  await sleep(Math.min(target.settleMs ?? 150, step.within), target.signal);
  return evaluate();
}

async function act(step: FlowStep, actor: Actor, target: FlowTarget, scope: TemplateScope): Promise<{ sent: unknown; response?: RestResult }> {
  const { action } = step;
  if (action.kind === 'connect') {
    await actor.connect(target.url, { socketApiKey: target.socketApiKey, timeoutMs: step.within, signal: target.signal });
    return { sent: undefined };
  }
  if (action.kind === 'disconnect') {
    actor.socket?.disconnect();
    return { sent: undefined };
  }
  if (action.kind === 'emit') {
    const sent = fill(action.payload, scope);
    const event = action.ref?.startsWith('client.message.') ? 'message' : (action.ref ?? '').replace(/^client\./, '');
    if (sent === undefined) actor.socket?.emit(event);
    else actor.socket?.emit(event, sent);
    return { sent: event === 'message' ? sent : { payload: sent } };
  }
  const params = fill(action.params ?? {}, scope) as Record<string, string>;
  const body = fill(action.body, scope);
  const response = await restCall(target, action.ref ?? '', params, body);
  return { sent: { params, body }, response };
}

/**
 * Runs one flow of the spec against a server, in a profile: connects the actors, joins those that start joined,
 * takes each step and checks what every actor observed. The channel and ids come from `ctx` (set up by the
 * caller through the protocol). Actors are disconnected at the end.
 */
export async function runFlow(flow: Flow, profile: Profile, target: FlowTarget, ctx: Record<string, unknown>, entities: Record<string, string> = {}): Promise<FlowRun> {
  const view = flowIn(flow, profile);
  const run: FlowRun = { flow: flow.id, profile, steps: [], findings: [], entities: {} };
  if (!view) return run;
  const actors = new Map(Object.keys(view.actors).map((name) => [name, new Actor(name, entities[name] ?? randomUUID())]));
  run.entities = Object.fromEntries([...actors].map(([name, a]) => [name, a.entityId]));
  try {
    for (const [name, actor] of actors) {
      const state = view.actors[name];
      if (state === 'not-connected') continue;
      await actor.connect(target.url, { socketApiKey: target.socketApiKey, timeoutMs: target.timeoutMs ?? 5000, signal: target.signal });
      if (state === 'joined') await within(actor.join(String(ctx.channelId), 2000), 2500, () => undefined);
    }
    // events of the setup (another actor's join, a late greeting) must not land in the first step
    await Promise.all([...actors.values()].map((a) => a.quiet(SETUP_QUIET_MS, 1000)));
    const entityIds = Object.fromEntries([...actors].map(([n, a]) => [n, a.entityId]));
    for (const [index, step] of view.steps.entries()) {
      for (const a of actors.values()) a.clear();
      const actor = actors.get(step.action.actor);
      if (!actor) throw new Error(`flow ${flow.id}: unknown actor ${step.action.actor}`);
      const scope: TemplateScope = { ctx, entities: entityIds, text: `eliza-wire ${flow.id} step ${index} ${randomUUID().slice(0, 8)}` };
      const { sent, response } = await act(step, actor, target, scope);
      const findings = await watch(step, profile, actors, { ctx, entities: entityIds, action: sent, response, bound: {} }, target);
      run.steps.push({ index, action: sent, response, timelines: Object.fromEntries([...actors].map(([n, a]) => [n, a.timeline])), findings });
      run.findings.push(...findings);
    }
  } finally {
    for (const a of actors.values()) a.close();
  }
  return run;
}
