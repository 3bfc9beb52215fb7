import type { Profile } from '../spec/index.js';
import type { AgentBehaviour } from './agent/behaviour.js';
import type { Clock } from './clock.js';
import type { Diagnostics } from './diagnostics.js';
import type { MockEventBus } from './events.js';
import type { Faults } from './faults.js';
import type { Logger } from './logger.js';
import type { ResolvedOptions } from './options.js';
import type { SocketHub } from './socket/hub.js';
import type { MockState } from './state/state.js';

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
