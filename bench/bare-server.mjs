import process from 'node:process';
// The baseline of `npm run bench`: a bare Express + Socket.IO server doing the least the protocol needs
// (join a room, broadcast to the others, the sender's copy and an ack; one JSON route). Prints READY <url>.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import express from 'express';
import { Server } from 'socket.io';

const app = express();
const agents = { success: true, data: { agents: [{ id: 'e11a0000-0000-4000-8000-000000000001', name: 'Eliza', characterName: 'Eliza', bio: 'An echo agent of the eliza-wire mock server.', status: 'active' }] } };
app.get('/api/agents', (_req, res) => res.json(agents));
const http = createServer(app);
const io = new Server(http, { transports: ['websocket', 'polling'] });
io.on('connection', (socket) => {
  socket.on('message', (data) => {
    if (data?.type === 1) {
      socket.join(data.payload.channelId);
      socket.emit('channel_joined', { channelId: data.payload.channelId });
    } else if (data?.type === 2) {
      const p = data.payload;
      const message = { id: randomUUID(), senderId: p.senderId, text: p.message, channelId: p.channelId, roomId: p.channelId, createdAt: Date.now() };
      socket.to(p.channelId).emit('messageBroadcast', message);
      socket.emit('messageBroadcast', { ...message, clientMessageId: p.messageId });
      socket.emit('messageAck', { clientMessageId: p.messageId, messageId: message.id });
    }
  });
});
http.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  process.stdout.write(`READY http://127.0.0.1:${http.address().port}\n`);
});
const stop = () => io.close(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
