import type { Profile } from '../spec/index.js';
import type { AgentBehaviour } from './agent/behaviour.js';
import { systemClock, type Clock } from './clock.js';
import { Diagnostics } from './diagnostics.js';
import { MockEventBus } from './events.js';
import { Faults } from './faults.js';
import { createLogger, type Logger } from './logger.js';
import { resolveOptions, type MockServerOptions, type ResolvedOptions } from './options.js';
import type { RestOverride } from './rest/pipeline.js';
import { SocketHub, type OutgoingOverride } from './socket/hub.js';
import { IdSource } from './state/ids.js';
import { createState, type MockState } from './state/state.js';

/** What every handler, socket flow and agent turn works with. `state` is replaced on `reset()`. */
export interface MockContext {
  readonly profile: Profile;
  readonly options: ResolvedOptions;
  state: MockState;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly hub: SocketHub;
  readonly bus: MockEventBus;
  readonly faults: Faults;
  readonly diagnostics: Diagnostics;
  readonly agent: AgentBehaviour;
}

/** A per-test change of behaviour: a REST handler (`rest(...)`) or an outgoing socket event (`socketOut(...)`). */
export type Override = RestOverride | (OutgoingOverride & { kind: 'socket-out' });

/** The transport-free core of a mock: its context, the REST overrides, and `reset`/`use` over them. */
export interface MockCore {
  readonly ctx: MockContext;
  /** Consulted by every REST adapter (Express, MSW) before the spec's handler; first match wins. */
  readonly restOverrides: RestOverride[];
  reset(): void;
  use(...overrides: Override[]): void;
}

/** Builds the state, clock, logger, hub, faults and diagnostics of one mock, for any transport adapter. */
export function createMockCore(options: MockServerOptions = {}): MockCore {
  const resolved = resolveOptions(options);
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger({ level: resolved.logLevel, now: () => clock.now() });
  const bus = new MockEventBus();
  const random = new IdSource(resolved.seed + 1);
  const faults = new Faults(resolved.faults, () => random.random());
  const hub = new SocketHub(clock, faults, bus, { limits: resolved.socketBuffer, report: (...args) => ctx.diagnostics.report(...args) });
  if (resolved.validateResponses) hub.validateAgainst(resolved.profile, (line) => logger.log('error', line));
  const store = options.store ?? createState;
  const fresh = () => store({ seed: resolved.seed, agents: resolved.agents, now: clock.now(), maxMediaBytes: resolved.maxMediaBytes, retention: resolved.retention });
  const ctx: MockContext = { profile: resolved.profile, options: resolved, state: fresh(), clock, logger, hub, bus, faults, diagnostics: new Diagnostics(logger, bus, () => clock.now()), agent: resolved.agent };
  const restOverrides: RestOverride[] = [];
  return {
    ctx,
    restOverrides,
    reset() {
      ctx.state = fresh();
      restOverrides.length = 0;
      hub.overrides.length = 0;
      faults.clear(resolved.faults);
      ctx.diagnostics.clear();
      logger.clear();
    },
    use(...overrides) {
      for (const o of [...overrides].reverse()) {
        if (o.kind === 'rest') restOverrides.unshift(o);
        else hub.overrides.unshift(o);
      }
    },
  };
}

/** Replaces one operation's handler (aliases included), until `reset()`; `once` for the next request only. */
export function rest(operationId: string, handler: RestOverride['handler'], options: { once?: boolean } = {}): Override {
  return { kind: 'rest', operationId, handler, once: options.once };
}

/** Rewrites, drops (`null`) or multiplies (an array) an outgoing socket event, until `reset()`. */
export function socketOut(event: string, transform: OutgoingOverride['transform']): Override {
  return { kind: 'socket-out', event, transform };
}
