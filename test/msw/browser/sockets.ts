/**
 * The Socket.IO part of the page: socket.io-client's browser build over the page's `WebSocket`, which MSW has
 * wrapped, so the connection is served by `createMswMock`'s link. Imported only after the worker has started.
 */
import { io, type Socket } from 'socket.io-client';
import type { Received, SocketRun, SocketScript } from './page-api.js';

function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (check()) return resolve();
      if (Date.now() > end) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(poll, 10);
    };
    poll();
  });
}

function connect(origin: string, entityId: string): Promise<{ socket: Socket; received: Received[] }> {
  return new Promise((resolve, reject) => {
    const socket = io(origin, { transports: ['websocket'], auth: { entityId }, forceNew: true, reconnection: false });
    const received: Received[] = [];
    socket.onAny((event: string, payload: unknown) => received.push([event, payload]));
    socket.on('connect_error', reject);
    socket.once('connection_established', () => resolve({ socket, received }));
  });
}

const count = (received: Received[], event: string) => received.filter(([e]) => e === event).length;

/** connect → join → send → the echo agent's reply, with two members in the channel. */
export async function runSockets(script: SocketScript, origin: string, log: (line: string) => void): Promise<SocketRun> {
  const a = await connect(origin, script.userA);
  const b = await connect(origin, script.userB);
  for (const [member, entityId] of [[a, script.userA], [b, script.userB]] as const) {
    member.socket.emit('message', { type: 1, payload: { channelId: script.channelId, entityId } });
  }
  await until(() => count(a.received, 'channel_joined') === 1 && count(b.received, 'channel_joined') === 1, 'channel_joined');
  const message = { channelId: script.channelId, senderId: script.userA, senderName: 'A', message: script.text, messageServerId: script.serverId, messageId: 'browser-1' };
  a.socket.emit('message', { type: 2, payload: message });
  await until(() => count(b.received, 'messageBroadcast') === 2, 'the echo reply');
  for (const member of [a, b]) member.socket.disconnect();
  log(`socket a: ${a.received.map(([e]) => e).join(', ')}`);
  log(`socket b: ${b.received.map(([e]) => e).join(', ')}`);
  return { a: a.received, b: b.received };
}
