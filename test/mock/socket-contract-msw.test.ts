/**
 * The outgoing check is in the hub, so the MSW transport gets it too: a session through `setupServer` leaves no
 * violation in either profile, and a payload an override breaks is reported with its field path.
 * (How socket.io-client is made to run through MSW in Node: see test/msw/socket.test.ts.)
 */
import { setupServer } from 'msw/node';
import type { Socket } from 'socket.io-client';
import { WebSocket as WsWebSocket } from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AGENT, socketOut } from '../../mock-server/index.js';
import { createMswMock } from '../../mock-server/msw/index.js';

const BASE = 'http://eliza.contract.test';
const SERVER = '00000000-0000-0000-0000-000000000000';
const USER = '3d6a4adc-4bc3-43f4-aa52-2238f5eec649';

async function until(check: () => boolean, ms = 3000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return check();
}

describe.each(['elizaos-1.7', 'documented'] as const)('outgoing socket payloads through MSW (%s)', (profile) => {
  const mock = createMswMock({ profile, baseUrl: BASE, logLevel: 'silent', thinkMs: 0, validateResponses: true });
  const server = setupServer(...mock.handlers, ...mock.socketHandlers);
  const violations: { where: string; issues: string[] }[] = [];
  const open: Socket[] = [];
  let connect: () => Promise<{ socket: Socket; events: string[] }>;

  beforeAll(async () => {
    (globalThis as { WebSocket?: unknown }).WebSocket ??= WsWebSocket;
    server.listen({ onUnhandledRequest: 'error' });
    mock.events.on('violation', (v) => violations.push(v));
    const { io } = await import('socket.io-client');
    const { WebSocket: BrowserTransport } = await import('engine.io-client');
    connect = async () => {
      const socket = io(BASE, { transports: [BrowserTransport], auth: { entityId: USER }, forceNew: true, reconnection: false });
      open.push(socket);
      const events: string[] = [];
      socket.onAny((event: string) => events.push(event));
      expect(await until(() => events.includes('connection_established'))).toBe(true);
      return { socket, events };
    };
  });
  afterEach(() => {
    for (const socket of open.splice(0)) socket.disconnect();
    violations.length = 0;
    mock.reset();
  });
  afterAll(() => server.close());

  async function joinAndSend(): Promise<{ socket: Socket; events: string[] }> {
    const body = { name: 'msw', message_server_id: SERVER, participantCentralUserIds: [DEFAULT_AGENT.id, USER] };
    const created = await fetch(`${BASE}/api/messaging/channels`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const channelId = ((await created.json()) as { data: { id: string } }).data.id;
    const c = await connect();
    c.socket.emit('message', { type: 1, payload: { channelId, entityId: USER } });
    expect(await until(() => c.events.includes('channel_joined'))).toBe(true);
    c.socket.emit('message', { type: 2, payload: { channelId, senderId: USER, senderName: 'A', message: 'hello', messageServerId: SERVER, messageId: 'client-1' } });
    expect(await until(() => c.events.filter((e) => e === 'messageBroadcast').length === 2)).toBe(true);
    return c;
  }

  it('a join, a send and the agent reply leave no violation', async () => {
    await joinAndSend();
    expect(violations).toEqual([]);
  });

  it('reports a messageAck an override breaks, with the field path', async () => {
    mock.use(socketOut('messageAck', (payload) => ({ ...(payload as object), status: 3 })));
    await joinAndSend();
    expect(violations.map((v) => v.issues)).toEqual([[expect.stringMatching(/^server\.messageAck: status: /)]]);
    expect(violations[0]?.where).toMatch(new RegExp(`^socket messageAck to socket msw-socket-\\d+ \\(${profile.replace('.', '\\.')}\\)$`));
  });
});
