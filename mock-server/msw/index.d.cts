/**
 * eliza-wire/msw for CommonJS consumers (`require`, or TypeScript with `module: nodenext` in a CommonJS package).
 * msw ships separate CommonJS and ESM declarations, and the handler classes of one do not type-check as the
 * other's, so `setupServer(...mock.handlers)` from `msw/node` would not compile against the ESM face. This is
 * the ESM face with the handlers typed as `require('msw')` resolves them; at run time it is the same module.
 * Hand-written: the build copies it next to index.d.ts (package.json "build"); test/package checks it compiles.
 */
import type { HttpHandler, WebSocketHandler } from 'msw';
import type { MswMock as EsmMswMock, MswMockOptions } from './index.js';

export * from './index.js';

export type MswMock = Omit<EsmMswMock, 'handlers' | 'socketHandlers'> & {
  /** One `http` handler per REST operation of the profile, then the catch-all for unknown `/api/*` routes. */
  readonly handlers: HttpHandler[];
  /** The Socket.IO endpoint (websocket transport) through `ws.link`; needs a global `WebSocket`. */
  readonly socketHandlers: WebSocketHandler[];
};

/** The mock server as MSW handlers over one mock's state (see index.ts). */
export declare function createMswMock(options?: MswMockOptions): MswMock;
