import type { HttpHandler, WebSocketHandler } from 'msw';
import { createMockCore, type MockContext, type Override } from '../context.js';
import type { MockEventBus } from '../events.js';
import type { MockServerOptions } from '../options.js';
import type { MockState } from '../state/state.js';
import { restHandlers } from './rest-handlers.js';
import { socketHandlers } from './socket-handlers.js';

/** Options of `createMswMock`: the mock server's, plus where the handlers answer. */
export interface MswMockOptions extends MockServerOptions {
  /** The origin the handlers answer for (REST at `<baseUrl>/api/…`, Socket.IO at `ws://…/socket.io/`). Default `http://localhost:3000`. */
  baseUrl?: string;
}

/** The handle `createMswMock` returns: MSW handlers over one mock's state, and the mock's controls. */
export interface MswMock {
  /** One `http` handler per REST operation of the profile, then the catch-all for unknown `/api/*` routes. */
  readonly handlers: HttpHandler[];
  /** The Socket.IO endpoint (websocket transport) through `ws.link`; needs a global `WebSocket`. */
  readonly socketHandlers: WebSocketHandler[];
  /** Back to the seeded state; overrides, faults and diagnostics are cleared. Open sockets stay open. */
  reset(): void;
  /** Prepends overrides (`rest(...)`, `socketOut(...)`): the first that matches wins. */
  use(...overrides: Override[]): void;
  /** The current state (replaced by `reset()`). */
  readonly state: MockState;
  readonly events: MockEventBus;
  readonly baseUrl: string;
  readonly context: MockContext;
}

/**
 * The mock server as MSW handlers: the same state, handlers, middlewares and socket router as `createMockServer`,
 * with no port. Works with `setupServer` (msw/node) and `setupWorker` (msw/browser).
 *
 * @example
 * const mock = createMswMock({ profile: 'documented', baseUrl: 'http://localhost:3000' });
 * const server = setupServer(...mock.handlers, ...mock.socketHandlers);
 * server.listen({ onUnhandledRequest: 'error' });
 * afterEach(() => mock.reset());
 */
export function createMswMock(options: MswMockOptions = {}): MswMock {
  const { baseUrl = 'http://localhost:3000', ...mockOptions } = options;
  const core = createMockCore(mockOptions);
  const sockets = socketHandlers(core, baseUrl);
  return {
    handlers: restHandlers(core, baseUrl),
    socketHandlers: sockets.handlers,
    reset: core.reset,
    use: core.use,
    get state() {
      return core.ctx.state;
    },
    events: core.ctx.bus,
    baseUrl,
    context: core.ctx,
  };
}
