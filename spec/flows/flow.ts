import type { Profile, Profiles } from '../profiles.js';
import { levelIn } from '../profiles.js';

/**
 * How many times an expected event arrives: exactly once, a run of one or more, or never. `none` with
 * `event: '*'` means the actor receives no event at all.
 */
export type Quantity = 'once' | 'one-or-more' | 'none';

/**
 * One expected event in an actor's ordered sequence.
 * - `event`: a socket event spec id (`server.messageAck`), or `'*'` for any event (only with `none`).
 * - `match`: payload fields (dot paths) that must equal a literal, or a reference: `$name` (bound earlier),
 *   `$action.<path>` (what the step sent), `$response.<path>` (the REST response of the step), `$ctx.<name>`.
 * - `bind`: names payload fields for later expectations, e.g. `{ replyId: 'messageId' }`.
 * - `absent`: payload fields that must not be present.
 * - `contiguous`: for `one-or-more`, the field that counts 0, 1, 2… over the run.
 */
export interface Expectation {
  event: string;
  count: Quantity;
  match?: Record<string, string | number | boolean>;
  bind?: Record<string, string>;
  absent?: string[];
  contiguous?: string;
  /** Limits this expectation to some profiles (default: every profile of the flow). */
  profiles?: Profiles;
}

/** What an actor does in a step: emit a socket event, call a REST operation, connect or disconnect. */
export interface FlowAction {
  actor: string;
  kind: 'emit' | 'rest' | 'connect' | 'disconnect';
  /** The socket event or REST operation spec id (for emit and rest). */
  ref?: string;
  /** What to send, with `$ctx.*`, `$entity.<actor>`, `$uuid` and `$text` placeholders for the runner to fill. */
  payload?: unknown;
  /** For REST: path params and body templates. */
  params?: Record<string, string>;
  body?: unknown;
  /** Limits this action to some profiles (a profile's payload variant). */
  profiles?: Profiles;
}

export interface ActorExpectations {
  actor: string;
  /** In order; events of other names in between are ignored, extra events of these names are findings. */
  sequence: Expectation[];
}

export interface FlowStep {
  action: FlowAction;
  /** How long to wait for the expectations, in ms. */
  within: number;
  expect: ActorExpectations[];
}

/** A protocol flow: actors in a channel, the steps they take and what each must observe, per profile. */
export interface Flow {
  id: string;
  summary: string;
  profiles: Profiles;
  /** Actor name → its state before the first step. */
  actors: Record<string, 'connected' | 'joined' | 'not-connected'>;
  /** Whether an agent must be a participant of the channel. */
  agentInChannel?: boolean;
  steps: FlowStep[];
}

/** The flow as a profile sees it: actions and expectations of other profiles removed. */
export function flowIn(flow: Flow, profile: Profile): Flow | undefined {
  if (!levelIn(flow.profiles, profile)) return undefined;
  const keep = (p?: Profiles) => p === undefined || levelIn(p, profile) !== undefined;
  return {
    ...flow,
    steps: flow.steps
      .filter((step) => keep(step.action.profiles))
      .map((step) => ({
        ...step,
        expect: step.expect.map((a) => ({ ...a, sequence: a.sequence.filter((e) => keep(e.profiles)) })),
      })),
  };
}
