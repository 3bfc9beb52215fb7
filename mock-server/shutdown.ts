/**
 * How the mock closes, bounded whatever its connections are doing. In order: stop accepting; tell every socket.io
 * client goodbye (a disconnect packet, then the engine closes each transport); close keep-alive connections as
 * they fall idle; after a short grace, destroy whatever is left (half-sent requests, websockets whose peer stopped
 * reading, upgraded sockets the HTTP server no longer tracks). Nothing here waits for a peer or for Redis.
 */
import type { Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';
import type { Server } from 'socket.io';

/** How long clients get to take their goodbye before their connections are destroyed. */
export const CLOSE_GRACE_MS = 300;
const IDLE_SWEEP_MS = 25;

/** Every TCP connection of `http`, upgraded ones included (the server forgets those once upgraded). */
export function trackConnections(http: HttpServer): Set<Socket> {
  const open = new Set<Socket>();
  http.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  return open;
}

function untilEmpty(open: Set<Socket>, http: HttpServer, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const end = Date.now() + ms;
    const sweep = () => {
      http.closeIdleConnections();
      if (open.size === 0 || Date.now() >= end) return resolve();
      // not unref'd: an awaited close() whose only pending work is this sweep would end the process unresolved (exit 0, the exit code lost)
      setTimeout(sweep, IDLE_SWEEP_MS);
    };
    sweep();
  });
}

/** Closes `io` and `http` within about `graceMs`, destroying the connections that did not end by themselves. */
export async function closeBounded(io: Server, http: HttpServer, open: Set<Socket>, graceMs = CLOSE_GRACE_MS): Promise<void> {
  const closed = new Promise<void>((resolve) => (http.listening ? http.close(() => resolve()) : resolve()));
  // a disconnect packet to each socket.io client, then its engine connection closes once that is written
  io.disconnectSockets(true);
  await untilEmpty(open, http, graceMs / 2);
  // engine connections that never joined a namespace; io.close() also closes the adapter, which may wait on a
  // peer (Redis down): not awaited, and its second http.close() only reports that the server already stopped
  void io.close().catch(() => undefined);
  await untilEmpty(open, http, graceMs / 2);
  http.closeAllConnections();
  for (const socket of open) socket.destroy();
  await closed;
}
