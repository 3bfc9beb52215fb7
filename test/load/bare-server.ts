// A bare Socket.IO reference server for the load tests (like bench/bare-server.mjs): join a room, broadcast to the
// others, the sender's own copy with clientMessageId. Faults: drop every nth broadcast, or leak every nth into
// another room.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';

export interface BareServerFaults {
  /** Drop the room broadcast of every nth message (the sender still gets its copy). */
  dropEvery?: number;
  /** Also deliver every nth message into another room. */
  wrongRoomEvery?: number;
}

export interface BareServer {
  url: string;
  close: () => Promise<void>;
}

interface SendPayload {
  channelId: string;
  senderId: string;
  message: string;
  messageId: string;
}

export async function startBareServer(faults: BareServerFaults = {}): Promise<BareServer> {
  // it answers the ping like ElizaOS, so that bench's preflight takes it for a server to load
  const http = createServer((req, res) => {
    if (req.url === '/api/server/ping') res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ pong: true, timestamp: Date.now() }));
  });
  const io = new Server(http, { transports: ['websocket', 'polling'] });
  const rooms = new Set<string>();
  let count = 0;
  const broadcast = (socket: Socket, p: SendPayload) => {
    count += 1;
    const message = { id: randomUUID(), senderId: p.senderId, text: p.message, channelId: p.channelId, roomId: p.channelId, createdAt: Date.now() };
    if (!(faults.dropEvery && count % faults.dropEvery === 0)) socket.to(p.channelId).emit('messageBroadcast', message);
    const other = [...rooms].find((r) => r !== p.channelId);
    if (faults.wrongRoomEvery && count % faults.wrongRoomEvery === 0 && other) io.to(other).emit('messageBroadcast', message);
    socket.emit('messageBroadcast', { ...message, clientMessageId: p.messageId });
  };
  io.on('connection', (socket) => {
    socket.on('message', (data: { type?: number; payload: SendPayload }) => {
      if (data?.type === 1) {
        rooms.add(data.payload.channelId);
        void socket.join(data.payload.channelId);
        socket.emit('channel_joined', { channelId: data.payload.channelId });
      } else if (data?.type === 2) broadcast(socket, data.payload);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => void io.close(() => resolve())) };
}
