import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../spec/index.js';
import type { ResolvedConnect } from './connect-options.js';
import { TEST_CLIENT_ERROR_CODES, TestClientError } from './errors.js';

export type TypedSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The socket, not yet connected: no reconnection, one transport, a fresh Manager. */
export function createSocket(settings: ResolvedConnect): TypedSocket {
  return io(settings.url, {
    auth: { entityId: settings.entityId, ...(settings.apiKey ? { apiKey: settings.apiKey } : {}) },
    transports: [settings.transport],
    upgrade: false,
    reconnection: false,
    forceNew: true,
    autoConnect: false,
    timeout: settings.connectTimeout,
  });
}

/** The cause of a transport failure (ECONNREFUSED, a 404, …) as one phrase. */
function transportReason(error: Error & { description?: unknown }): string {
  const d = error.description as { message?: unknown; error?: { message?: unknown }; code?: unknown } | number | undefined;
  const detail = typeof d === 'number' ? `HTTP ${d}` : (d?.error?.message ?? d?.message ?? d?.code);
  return detail ? `${error.message} (${String(detail)})` : error.message;
}

const HINTS: [RegExp, string][] = [
  [/api key/i, 'pass the socket API key as connect({ apiKey })'],
  [/entityId/i, 'pass a UUID as connect({ entityId })'],
];

function connectTimeout(settings: ResolvedConnect): TestClientError {
  return new TestClientError(TEST_CLIENT_ERROR_CODES.connectTimeout, `connect(): no connection to ${settings.url} (${settings.transport}) within ${settings.connectTimeout} ms. Is it a Socket.IO server with path /socket.io/?`);
}

/** A `connect_error` as a TestClientError: refused by the server (middleware) or not reachable (transport). */
export function connectError(settings: ResolvedConnect, error: Error & { type?: unknown; description?: unknown }): TestClientError {
  const where = `${settings.url} (${settings.transport})`;
  if (error.message === 'timeout') return connectTimeout(settings);
  if (error.type === 'TransportError') {
    return new TestClientError(TEST_CLIENT_ERROR_CODES.connectFailed, `connect(): could not reach ${where}: ${transportReason(error)}. Is the server running at that URL?`, { cause: error });
  }
  const hint = HINTS.find(([pattern]) => pattern.test(error.message))?.[1];
  return new TestClientError(TEST_CLIENT_ERROR_CODES.connectRefused, `connect(): ${where} refused the handshake: "${error.message}"${hint ? `; ${hint}` : ''}`, { cause: error });
}

/** Connects; rejects with a TestClientError naming the URL and the reason. */
export function openSocket(settings: ResolvedConnect, socket: TypedSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: TestClientError) => {
      clearTimeout(timer);
      socket.off('connect', onConnect);
      socket.off('connect_error', onError);
      if (!error) return resolve();
      socket.disconnect();
      reject(error);
    };
    const onConnect = () => done();
    const onError = (error: Error) => done(connectError(settings, error));
    // socket.io's own `timeout` option covers the handshake; this one also covers a server that never answers the upgrade.
    const timer = setTimeout(() => done(connectTimeout(settings)), settings.connectTimeout + 50);
    socket.on('connect', onConnect);
    socket.on('connect_error', onError);
    socket.connect();
  });
}
