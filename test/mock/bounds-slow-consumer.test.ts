import { randomUUID } from 'node:crypto';
import type { Socket as NetSocket } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer, type MockServerOptions } from '../../mock-server/index.js';

const NIL = '00000000-0000-0000-0000-000000000000';
const PAD = 'x'.repeat(10 * 1024);

let mock: MockServer | undefined;
const clients: Socket[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  await mock?.close();
  mock = undefined;
});

async function client(url: string): Promise<Socket> {
  const socket = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { entityId: randomUUID() } });
  clients.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

async function joined(url: string, channelId: string): Promise<Socket> {
  const socket = await client(url);
  await new Promise<void>((resolve) => {
    socket.once('channel_joined', () => resolve());
    socket.emit('message', { type: 1, payload: { channelId, messageServerId: NIL } });
  });
  return socket;
}

/** Stops reading: the client's TCP socket is paused, so the server's writes pile up (a stalled tab or process). */
function stall(socket: Socket): void {
  const tcp = (socket.io.engine as unknown as { transport: { ws?: { _socket?: NetSocket } } }).transport.ws?._socket;
  if (!tcp) throw new Error('no TCP socket under the websocket client');
  tcp.pause();
}

const until = async (done: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!done() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return done();
};

/** A room of two readers, one stalled member and a sender; sends 10 KB messages in rounds until `stop()` holds or `max` went. */
async function floodRoom(options: MockServerOptions, max: number, stop: () => boolean) {
  mock = createMockServer({ logLevel: 'silent', agent: 'silent', ...options });
  const url = await mock.listen(0, '127.0.0.1');
  const channelId = randomUUID();
  const sender = await joined(url, channelId);
  const readers = [await joined(url, channelId), await joined(url, channelId)];
  const stalled = await joined(url, channelId);
  const received = readers.map(() => 0);
  readers.forEach((r, i) => r.on('messageBroadcast', () => (received[i] = (received[i] ?? 0) + 1)));
  stall(stalled);
  let sent = 0;
  while (sent < max && !stop()) {
    for (let i = 0; i < 100; i += 1) sender.emit('message', { type: 2, payload: { channelId, senderId: randomUUID(), message: `${sent + i} ${PAD}`, messageServerId: NIL } });
    sent += 100;
    await until(() => received.every((n) => n >= sent));
  }
  return { sender, readers, stalled, received, sent, channelId };
}

describe('a socket that stops reading', () => {
  it('is dropped once its queue passes the limit, with a diagnostic naming it; the other members keep receiving', async () => {
    const diagnostics: { code: string; message: string; socketId?: string }[] = [];
    const disconnects: { socketId: string; reason: string }[] = [];
    const stalledId = { id: '' };
    const dropped = () => disconnects.some((d) => d.socketId === stalledId.id);
    const room = floodRoom({ socketBuffer: { maxPackets: 200 } }, 6000, () => diagnostics.some((d) => d.code === 'slow-consumer'));
    await until(() => mock !== undefined);
    mock?.events.on('diagnostic', (d) => diagnostics.push(d));
    mock?.events.on('socket:disconnect', (d) => disconnects.push(d));
    const { sender, readers, stalled, received, sent, channelId } = await room;
    stalledId.id = stalled.id ?? '';
    expect(await until(dropped)).toBe(true);
    const report = diagnostics.filter((d) => d.code === 'slow-consumer');
    expect(report).toHaveLength(1);
    expect(report[0]?.socketId).toBe(stalled.id);
    expect(report[0]?.message).toContain(`socket ${stalled.id} stopped reading`);
    expect(report[0]?.message).toMatch(/packets \(limit 200\)/);
    expect(mock?.io.sockets.sockets.has(stalled.id ?? '')).toBe(false);
    expect(sent).toBeLessThan(6000);
    // the others got everything before, and keep getting what comes after
    expect(received).toEqual([sent, sent]);
    for (let i = 0; i < 20; i += 1) sender.emit('message', { type: 2, payload: { channelId, senderId: randomUUID(), message: `after ${i}`, messageServerId: NIL } });
    expect(await until(() => received.every((n) => n === sent + 20))).toBe(true);
    expect(readers.every((r) => r.connected)).toBe(true);
  });

  it('a byte limit drops it too', async () => {
    const diagnostics: { code: string; message: string; socketId?: string }[] = [];
    let droppedOnce = false;
    const room = floodRoom({ socketBuffer: { maxBytes: 1024 * 1024 } }, 6000, () => droppedOnce);
    await until(() => mock !== undefined);
    mock?.events.on('diagnostic', (d) => {
      diagnostics.push(d);
      if (d.code === 'slow-consumer') droppedOnce = true;
    });
    const { stalled } = await room;
    expect(diagnostics.filter((d) => d.code === 'slow-consumer').map((d) => d.socketId)).toEqual([stalled.id]);
    expect(diagnostics.find((d) => d.code === 'slow-consumer')?.message).toMatch(/bytes \(limit 1048576\)/);
    expect(await until(() => !mock?.io.sockets.sockets.has(stalled.id ?? ''))).toBe(true);
  });

  it('with the limits at 0 (no bound), it is kept however much waits for it', async () => {
    const diagnostics: string[] = [];
    const room = floodRoom({ socketBuffer: { maxPackets: 0, maxBytes: 0 } }, 2000, () => false);
    await until(() => mock !== undefined);
    mock?.events.on('diagnostic', (d) => diagnostics.push(d.code));
    const { stalled, received, sent } = await room;
    expect(received).toEqual([sent, sent]);
    expect(diagnostics).not.toContain('slow-consumer');
    expect(mock?.io.sockets.sockets.has(stalled.id ?? '')).toBe(true);
    const conn = mock?.io.sockets.sockets.get(stalled.id ?? '')?.conn as unknown as { writeBuffer: unknown[] };
    expect(conn.writeBuffer.length).toBeGreaterThan(200);
  });
});
