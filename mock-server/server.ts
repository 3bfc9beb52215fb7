import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { handshake, type ClientToServerEvents, type ServerToClientEvents } from '../spec/index.js';
import { systemClock } from './clock.js';
import type { MockContext } from './context.js';
import { Diagnostics } from './diagnostics.js';
import { MockEventBus } from './events.js';
import { Faults } from './faults.js';
import { createApp } from './http/app.js';
import { createLogger } from './logger.js';
import { resolveOptions, type MockServerOptions } from './options.js';
import type { RestOverride } from './rest/adapter.js';
import { SocketHub, type OutgoingOverride } from './socket/hub.js';
import { attachSocketRouter } from './socket/router.js';
import { IdSource } from './state/ids.js';
import { createState, type MockState } from './state/state.js';

/** A per-test change of behaviour: a REST handler (`rest(...)`) or an outgoing socket event (`socketOut(...)`). */
export type Override = RestOverride | (OutgoingOverride & { kind: 'socket-out' });

/** The handle `createMockServer` returns. */
export interface MockServer {
  /** Starts listening (default 127.0.0.1, port 0 = a free port) and resolves with the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** Disconnects every socket and closes the server. */
  close(): Promise<void>;
  /** Back to the seeded state; overrides, faults and diagnostics are cleared. */
  reset(): void;
  /** Prepends overrides: the first that matches wins. */
  use(...overrides: Override[]): void;
  /** The current state (replaced by `reset()`). */
  readonly state: MockState;
  /** What the mock reports: requests, socket traffic, diagnostics, faults, agent replies, spec violations. */
  readonly events: MockEventBus;
  /** The URL once listening. */
  readonly url: string | undefined;
  readonly context: MockContext;
  readonly io: Server<ClientToServerEvents, ServerToClientEvents>;
  readonly http: HttpServer;
}

/**
 * A stateful mock of the ElizaOS server: every REST operation and socket event of the spec, in one profile.
 *
 * @example
 * const mock = createMockServer({ profile: 'documented' });
 * const url = await mock.listen();
 * // … point a client at url …
 * await mock.close();
 */
export function createMockServer(options: MockServerOptions = {}): MockServer {
  const resolved = resolveOptions(options);
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger({ level: resolved.logLevel, now: () => clock.now() });
  const bus = new MockEventBus();
  const random = new IdSource(resolved.seed + 1);
  const faults = new Faults(resolved.faults, () => random.random());
  const hub = new SocketHub(clock, faults, bus);
  const store = options.store ?? createState;
  const fresh = () => store({ seed: resolved.seed, agents: resolved.agents, now: clock.now(), maxMediaBytes: resolved.maxMediaBytes });
  const ctx: MockContext = {
    profile: resolved.profile,
    options: resolved,
    state: fresh(),
    clock,
    logger,
    hub,
    bus,
    faults,
    diagnostics: new Diagnostics(logger, bus, () => clock.now()),
    agent: resolved.agent,
  };
  const restOverrides: RestOverride[] = [];
  const reset = () => {
    ctx.state = fresh();
    restOverrides.length = 0;
    hub.overrides.length = 0;
    faults.clear(resolved.faults);
    ctx.diagnostics.clear();
    logger.clear();
  };
  const app = createApp(() => ctx, restOverrides, reset);
  const http = createServer(app);
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, {
    path: handshake.path,
    cors: { origin: resolved.corsOrigin ?? '*', methods: ['GET', 'POST'], credentials: true },
    transports: ['websocket', 'polling'],
    ...handshake.serverOptions,
  });
  hub.io = io as unknown as Server;
  attachSocketRouter(io as unknown as Server, () => ctx);
  let url: string | undefined;

  return {
    async listen(port = 0, host = '127.0.0.1') {
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => resolve());
      });
      const address = http.address() as AddressInfo;
      url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
      logger.log('info', `listening on ${url} (profile ${resolved.profile})`);
      return url;
    },
    async close() {
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      http.closeAllConnections();
      url = undefined;
    },
    reset,
    use(...overrides) {
      for (const o of [...overrides].reverse()) {
        if (o.kind === 'rest') restOverrides.unshift(o);
        else hub.overrides.unshift(o);
      }
    },
    get state() {
      return ctx.state;
    },
    events: bus,
    get url() {
      return url;
    },
    context: ctx,
    io,
    http,
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
