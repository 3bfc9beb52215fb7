import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { handshake, type ClientToServerEvents, type ServerToClientEvents } from '../spec/index.js';
import { createMockCore, type MockContext, type Override } from './context.js';
import type { MockEventBus } from './events.js';
import { createApp } from './http/app.js';
import type { MockServerOptions } from './options.js';
import { closeBounded, trackConnections } from './shutdown.js';
import { socketIoRooms } from './socket/hub.js';
import { attachSocketRouter } from './socket/router.js';
import type { MockState } from './state/state.js';

export { rest, socketOut } from './context.js';
export type { Override } from './context.js';

/** The handle `createMockServer` returns. */
export interface MockServer {
  /** Starts listening (default 127.0.0.1, port 0 = a free port) and resolves with the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  /**
   * Disconnects every socket and closes the server; resolves within about half a second whatever the connections
   * do (what has not ended by then is destroyed).
   */
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
  const core = createMockCore(options);
  const { ctx, restOverrides, reset } = core;
  const { logger, hub } = ctx;
  const resolved = ctx.options;
  const app = createApp(() => ctx, restOverrides, reset);
  const http = createServer(app);
  const open = trackConnections(http);
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, {
    path: handshake.path,
    cors: { origin: resolved.corsOrigin ?? '*', methods: ['GET', 'POST'], credentials: true },
    transports: ['websocket', 'polling'],
    ...handshake.serverOptions,
    maxHttpBufferSize: resolved.maxSocketMessageBytes,
  });
  hub.io = io;
  hub.rooms = socketIoRooms(io);
  attachSocketRouter(io, () => ctx);
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
      await closeBounded(io, http, open);
      url = undefined;
    },
    reset,
    use: core.use,
    get state() {
      return ctx.state;
    },
    events: ctx.bus,
    get url() {
      return url;
    },
    context: ctx,
    io,
    http,
  };
}
