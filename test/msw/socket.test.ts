/**
 * The Socket.IO part of eliza-wire/msw, driven by a real socket.io-client in Node against `setupServer`.
 *
 * What it takes in Node 20: MSW intercepts WebSocket by wrapping `globalThis.WebSocket`, which Node 20 lacks
 * (without `--experimental-websocket`), and socket.io-client's Node build does not use the global anyway (it opens
 * sockets with the `ws` package). So: (1) a global WebSocket is installed (`ws`'s class; MSW never constructs it for a
 * mocked connection), (2) `server.listen()` wraps it, (3) socket.io-client is imported after that, and (4) told to use
 * engine.io-client's browser transport (`WebSocket`), which reads `globalThis.WebSocket` when its module loads.
 */
import { setupServer } from 'msw/node';
import type { Socket } from 'socket.io-client';
import { WebSocket as WsWebSocket } from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AGENT } from '../../mock-server/index.js';
import { createMswMock } from '../../mock-server/msw/index.js';

const BASE = 'http://eliza.msw.test';
const SERVER = '00000000-0000-0000-0000-000000000000';
const USER_A = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const USER_B = '2c5f39cb-3ab2-42e3-994a-1127e4ddb538';

type Received = [string, unknown];

async function connector(): Promise<(entityId?: string) => Promise<{ socket: Socket; received: Received[] }>> {
  const { io } = await import('socket.io-client');
  const { WebSocket: BrowserTransport } = await import('engine.io-client');
  return (entityId) =>
    new Promise((resolve, reject) => {
      const socket = io(BASE, { transports: [BrowserTransport], auth: entityId ? { entityId } : {}, forceNew: true, reconnection: false });
      const received: Received[] = [];
      socket.onAny((event: string, payload: unknown) => received.push([event, payload]));
      socket.on('connect_error', reject);
      socket.once('connection_established', () => resolve({ socket, received }));
    });
}

async function until(check: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const names = (received: Received[]) => received.map(([e]) => e);

describe.each(['elizaos-1.7', 'documented'] as const)('Socket.IO through MSW (%s)', (profile) => {
  const mock = createMswMock({ profile, baseUrl: BASE, logLevel: 'silent', thinkMs: 0 });
  const server = setupServer(...mock.handlers, ...mock.socketHandlers);
  let connect: Awaited<ReturnType<typeof connector>>;
  const open: Socket[] = [];

  beforeAll(async () => {
    (globalThis as { WebSocket?: unknown }).WebSocket ??= WsWebSocket;
    server.listen({ onUnhandledRequest: 'error' });
    const raw = await connector();
    connect = async (entityId) => {
      const c = await raw(entityId);
      open.push(c.socket);
      return c;
    };
  });
  afterEach(() => {
    for (const s of open.splice(0)) s.disconnect();
    mock.reset();
  });
  afterAll(() => server.close());

  it('sends the profile\'s connection events', async () => {
    const { received } = await connect(USER_A);
    expect(names(received)).toEqual(['authenticated', 'connection_established']);
    expect(received[0]?.[1]).toMatchObject({ entityId: USER_A });
  });

  it('joins, broadcasts to the other members once, acks the sender and streams the echo reply', async () => {
    const created = await fetch(`${BASE}/api/messaging/channels`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'msw', message_server_id: SERVER, participantCentralUserIds: [DEFAULT_AGENT.id, USER_A, USER_B] }),
    });
    const channelId = ((await created.json()) as { data: { id: string } }).data.id;
    const a = await connect(USER_A);
    const b = await connect(USER_B);
    const outsider = await connect(USER_B);
    for (const member of [a, b]) member.socket.emit('message', { type: 1, payload: { channelId, entityId: USER_A } });
    await until(() => names(a.received).includes('channel_joined') && names(b.received).includes('channel_joined'));
    a.socket.emit('message', { type: 2, payload: { channelId, senderId: USER_A, senderName: 'A', message: 'hello', messageServerId: SERVER, messageId: 'client-1' } });
    await until(() => b.received.filter(([e]) => e === 'messageBroadcast').length === 2);
    const broadcastsToB = b.received.filter(([e]) => e === 'messageBroadcast').map(([, p]) => p as { text: string; senderId: string });
    expect(broadcastsToB.map((p) => p.text)).toEqual(['hello', 'echo: hello']);
    expect(broadcastsToB[1]?.senderId).toBe(DEFAULT_AGENT.id);
    expect(a.received.find(([e]) => e === 'messageAck')?.[1]).toMatchObject({ clientMessageId: 'client-1', channelId });
    expect(names(b.received)).toContain('messageStreamChunk');
    if (profile === 'documented') expect(names(b.received)).toContain('messageComplete');
    expect(names(outsider.received).filter((e) => e === 'messageBroadcast')).toEqual([]);
  });

  it('refuses a handshake without entityId as the profile does', async () => {
    if (profile === 'documented') {
      const { received } = await connect();
      expect(names(received)).toEqual(['connection_established']);
      return;
    }
    await expect(connect()).rejects.toThrow('Valid entityId required');
  });
});
