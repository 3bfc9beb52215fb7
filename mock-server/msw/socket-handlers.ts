import { toSocketIo } from '@mswjs/socket.io-binding';
import { ws, type WebSocketHandler } from 'msw';
import type { MockCore } from '../context.js';
import { handshakeMiddleware } from '../socket/handshake.js';
import { onConnection } from '../socket/router.js';
import { decodeFrame } from './frames.js';
import { MswPeer, MswRooms } from './peer.js';

/** The binding's handshake announces a 25 s ping interval: a client without a ping for 30 s drops the connection. */
const PING_MS = 25_000;

type Connection = Parameters<typeof toSocketIo>[0];

/** MSW strips Socket.IO's `/socket.io/` from the client URL before matching, so the link names the origin only. */
function wsUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '').replace(/^http/, 'ws');
}

/** Runs the mock's handshake rules; refused, the client gets a CONNECT_ERROR packet and the connection closes. */
function admit(core: MockCore, connection: Connection, peer: MswPeer): void {
  handshakeMiddleware(() => core.ctx)(peer, (error) => {
    if (!error) return onConnection(core.ctx, peer);
    connection.client.send(`44${JSON.stringify({ message: error.message })}`);
    // A mocked client drops frames still queued when it closes: let the refusal arrive first.
    setTimeout(() => connection.client.close(), 0);
  });
}

function serveConnection(core: MockCore, rooms: MswRooms, connection: Connection, id: string): void {
  const io = toSocketIo(connection);
  let peer: MswPeer | undefined;
  let reason = 'transport close';
  const ping = setInterval(() => connection.client.send('2'), PING_MS);
  connection.client.addEventListener('message', (message) => {
    if (typeof message.data !== 'string') return core.ctx.logger.log('warn', 'msw socket: a binary frame was ignored (binary events are not served)');
    const frame = decodeFrame(message.data);
    if (frame.kind === 'connect' && !peer) {
      peer = new MswPeer(id, frame.auth, rooms, (event, payload) => io.client.emit(event, payload));
      admit(core, connection, peer);
    } else if (frame.kind === 'event') peer?.dispatch(frame.event, frame.args);
    else if (frame.kind === 'disconnect') reason = 'client namespace disconnect';
    else if (frame.kind === 'unsupported') core.ctx.logger.log('warn', `msw socket: ${frame.reason}; use the real mock (createMockServer) for this`);
  });
  connection.client.addEventListener('close', () => {
    clearInterval(ping);
    peer?.close(reason);
  });
}

/**
 * The Socket.IO endpoint (`<base>/socket.io/`, websocket transport) through MSW's WebSocket API: the mock's own
 * handshake rules, router, join, send and agent, with rooms kept here.
 */
export function socketHandlers(core: MockCore, baseUrl: string): { handlers: WebSocketHandler[]; rooms: MswRooms } {
  const rooms = new MswRooms();
  core.ctx.hub.rooms = rooms;
  let count = 0;
  const link = ws.link(wsUrl(baseUrl));
  const handler = link.addEventListener('connection', (connection) => {
    count += 1;
    serveConnection(core, rooms, connection, `msw-socket-${count}`);
  });
  return { handlers: [handler], rooms };
}
