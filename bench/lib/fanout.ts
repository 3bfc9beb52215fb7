import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';

const NIL = '00000000-0000-0000-0000-000000000000';

export interface FanoutOptions {
  url: string;
  clients: number;
  rooms: number;
  /** Messages per second over all rooms. */
  rate: number;
  seconds: number;
  transport: 'websocket' | 'polling';
}

export interface FanoutResult {
  /** Delivery latencies (ms) from each message's scheduled send time to its arrival at each other member. */
  latencies: number[];
  expected: number;
  delivered: number;
  duplicates: number;
}

async function connectAll(url: string, count: number, transport: FanoutOptions['transport']): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from({ length: Math.min(50, count - i) }, () => io(url, { auth: { entityId: randomUUID() }, transports: [transport], forceNew: true, reconnection: false }));
    await Promise.all(batch.map((s) => new Promise<void>((resolve, reject) => {
      s.once('connect', () => resolve());
      s.once('connect_error', reject);
    })));
    sockets.push(...batch);
  }
  return sockets;
}

/** Connects `clients` sockets (kept open for the caller to measure) and resolves when all are connected. */
export async function openSockets(url: string, clients: number, transport: FanoutOptions['transport'] = 'websocket'): Promise<Socket[]> {
  return connectAll(url, clients, transport);
}

async function joinRooms(sockets: Socket[], rooms: string[]): Promise<void> {
  await Promise.all(sockets.map((s, i) => new Promise<void>((resolve) => {
    const channelId = rooms[i % rooms.length] ?? '';
    s.once('channel_joined', () => resolve());
    s.emit('message', { type: 1, payload: { channelId, roomId: channelId } });
  })));
}

/**
 * Broadcast fan-out: `clients` sockets over `rooms` rooms, one sender per room, messages sent on an open schedule
 * (each at its due time); every other member's arrival is timed from the scheduled time, on this process's clock.
 */
export async function fanout(options: FanoutOptions): Promise<FanoutResult> {
  const sockets = await connectAll(options.url, options.clients, options.transport);
  const rooms = Array.from({ length: options.rooms }, () => randomUUID());
  await joinRooms(sockets, rooms);
  const latencies: number[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  const senders = rooms.map((_, r) => sockets[r]);
  sockets.forEach((s, i) => {
    const isSender = i < options.rooms;
    s.on('messageBroadcast', (m: { text: string; clientMessageId?: string }) => {
      if (isSender && m.clientMessageId) return;
      const now = performance.now();
      const [key, at] = m.text.split('@');
      const id = `${key}:${i}`;
      if (seen.has(id)) duplicates += 1;
      seen.add(id);
      latencies.push(now - Number(at));
    });
  });
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const t0 = performance.now() + 100;
  for (let n = 0; n < total; n += 1) {
    const due = t0 + n * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const r = n % options.rooms;
    const sender = senders[r];
    const senderId = randomUUID();
    sender?.emit('message', { type: 2, payload: { channelId: rooms[r], senderId, message: `m${n}@${due}`, messageServerId: NIL, messageId: `c${n}` } });
  }
  const perRoom = options.clients / options.rooms;
  const expected = total * (perRoom - 1);
  const deadline = performance.now() + 5000;
  while (latencies.length < expected && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  for (const s of sockets) s.disconnect();
  return { latencies, expected, delivered: latencies.length, duplicates };
}
