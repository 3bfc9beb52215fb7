import type { Flow } from '../../spec/index.js';
import { runFlow, type FlowRun } from '../flows/runner.js';
import { prepareFlow, type FlowFixture } from '../flows/setup.js';
import { maskNonce } from './nonce.js';
import type { Normaliser } from './normalise.js';
import { errorCapture, type Capture, type Side } from './side.js';

/** A flow's result as the diff compares it: per step, what was sent, the REST answer and each actor's events. */
export interface FlowResult {
  steps: {
    sent: unknown;
    response?: { status: number; body: unknown };
    events: Record<string, { event: string; payload: unknown }[]>;
  }[];
}

type Step = FlowResult['steps'][number];

export const isFlowResult = (v: unknown): v is FlowResult => typeof v === 'object' && v !== null && Array.isArray((v as FlowResult).steps);

function resultOf(run: FlowRun): FlowResult {
  return {
    steps: run.steps.map((s) => ({
      sent: maskNonce(s.action, s.action),
      ...(s.response ? { response: maskNonce({ status: s.response.status, body: s.response.body }, s.action) as Step['response'] } : {}),
      // the times of arrival are left out: they differ on every run
      events: Object.fromEntries(Object.entries(s.timelines).map(([actor, t]) => [actor, t.map((e) => ({ event: e.event, payload: maskNonce(e.payload, s.action) }))])),
    })),
  };
}

/** Normalises a flow's result in the order things happened (what was sent, the answer, the events), so ids are numbered in that order. */
export function normaliseFlow(result: FlowResult, normaliser: Normaliser): FlowResult {
  return {
    steps: result.steps.map((s) => {
      const sent = normaliser.normalise(s.sent);
      const response = s.response ? (normaliser.normalise(s.response) as Step['response']) : undefined;
      const events = Object.fromEntries(Object.keys(s.events).sort().map((actor) => [actor, s.events[actor]?.map((e) => ({ event: e.event, payload: normaliser.normalise(e.payload) })) ?? []]));
      return { sent, ...(response ? { response } : {}), events };
    }),
  };
}

function namesOf(fixture: FlowFixture): Capture['named'] {
  const named: Capture['named'] = {};
  for (const key of ['channelId', 'messageServerId', 'agentId', 'messageId']) {
    const value = fixture.ctx[key];
    if (typeof value === 'string') named[value] = key;
  }
  for (const [actor, id] of Object.entries(fixture.entities)) named[id] = `entity:${actor}`;
  return named;
}

/** Runs one flow on one side (set up through the protocol, cleaned up after); a failure is captured, not thrown. */
export async function captureFlow(flow: Flow, side: Side): Promise<Capture> {
  const target = { url: side.url, apiKey: side.apiKey, socketApiKey: side.socketApiKey };
  try {
    const fixture = await prepareFlow(target, flow);
    try {
      const run = await runFlow(flow, side.profile, target, fixture.ctx, fixture.entities);
      return { value: resultOf(run), named: namesOf(fixture) };
    } finally {
      await fixture.cleanup();
    }
  } catch (error) {
    return errorCapture(error);
  }
}
