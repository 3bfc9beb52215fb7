/**
 * Every payload the mock emits is checked against the active profile's spec (validateResponses, as REST responses
 * are): a whole session leaves no violation in either profile, and a payload a handler breaks is reported with the
 * event, where it went, the spec entry it came nearest to and the field path.
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_AGENT, socketOut } from '../../mock-server/index.js';
import { startMock, type Started } from './harness.js';

const NIL = '00000000-0000-0000-0000-000000000000';
let s: Started | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await s?.mock.close();
  s = undefined;
});

const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return check();
};

async function connect(started: Started, entityId: string): Promise<{ socket: Socket; events: string[] }> {
  const socket = io(started.url, { auth: { entityId }, forceNew: true, reconnection: false, transports: ['websocket'] });
  sockets.push(socket);
  const events: string[] = [];
  socket.onAny((event: string) => events.push(event));
  expect(await until(() => events.includes('connection_established'))).toBe(true);
  return { socket, events };
}

async function channel(started: Started, entityId: string): Promise<string> {
  const body = { name: 'contract', message_server_id: NIL, participantCentralUserIds: [entityId, DEFAULT_AGENT.id], type: 'DM', metadata: {} };
  const created = await started.request('POST', '/api/messaging/channels', { body });
  return (created.body as { data: { id: string } }).data.id;
}

function sendPayload(entityId: string, channelId: string, message: string) {
  return { senderId: entityId, senderName: 'user', message, channelId, roomId: channelId, messageServerId: NIL, messageId: randomUUID(), source: 'client_chat', attachments: [], metadata: {} };
}

describe.each(['elizaos-1.7', 'documented'] as const)('outgoing socket payloads fit the spec (%s)', (profile) => {
  it('a session of joins, sends, agent replies, REST posts, channel changes, logs and errors leaves no violation', async () => {
    s = await startMock(profile, { chunkSize: 4 });
    const [a, b] = [randomUUID(), randomUUID()];
    const channelId = await channel(s, a);
    const one = await connect(s, a);
    const two = await connect(s, b);
    for (const c of [one, two]) c.socket.emit('message', { type: 1, payload: { channelId, roomId: channelId, entityId: a } });
    expect(await until(() => one.events.includes('channel_joined') && two.events.includes('channel_joined'))).toBe(true);
    one.socket.emit('message', { type: 2, payload: sendPayload(a, channelId, 'hello there') });
    expect(await until(() => one.events.filter((e) => e === 'messageBroadcast').length >= 2)).toBe(true);
    one.socket.emit('typing', { roomId: channelId, userId: a, isTyping: true });
    one.socket.emit('message', { type: 1, payload: {} });
    one.socket.emit('message', { type: 2, payload: { message: 'no ids' } });
    one.socket.emit('sendMessage', {});
    one.socket.emit('subscribe_logs');
    one.socket.emit('update_log_filters', { level: 'info' });
    await s.request('POST', `/api/messaging/channels/${channelId}/messages`, { body: { author_id: a, content: 'over REST', message_server_id: NIL } });
    await s.request('PATCH', `/api/messaging/channels/${channelId}`, { body: { name: 'renamed' } });
    await s.request('DELETE', `/api/messaging/channels/${channelId}/messages`);
    one.socket.emit('unsubscribe_logs');
    expect(await until(() => one.events.filter((e) => e === 'log_subscription_confirmed').length === 2)).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    const presence = profile === 'documented' ? ['userJoined', 'controlMessage', 'messageComplete'] : [];
    const sent = ['authenticated', 'channel_joined', 'room_joined', 'messageBroadcast', 'messageAck', 'messageStreamChunk', 'messageError', 'log_filters_updated', 'channelUpdated', 'channelCleared', ...presence];
    expect(new Set(one.events)).toEqual(new Set([...sent, 'connection_established', 'log_subscription_confirmed']));
    one.socket.disconnect();
    if (profile === 'documented') expect(await until(() => two.events.includes('userLeft') && two.events.includes('userTyping'))).toBe(true);
    expect(s.violations).toEqual([]);
  });

  it('reports a payload a handler breaks, with the event, its target and the field path', async () => {
    s = await startMock(profile);
    s.mock.use(socketOut('messageAck', (payload) => ({ ...(payload as object), messageId: 42 })));
    const a = randomUUID();
    const channelId = await channel(s, a);
    const one = await connect(s, a);
    one.socket.emit('message', { type: 1, payload: { channelId, roomId: channelId, entityId: a } });
    expect(await until(() => one.events.includes('channel_joined'))).toBe(true);
    one.socket.emit('message', { type: 2, payload: sendPayload(a, channelId, 'hi') });
    expect(await until(() => one.events.includes('messageAck'))).toBe(true);
    expect(s.violations).toEqual([
      { where: `socket messageAck to socket ${one.socket.id} (${profile})`, issues: ['server.messageAck: messageId: Invalid input: expected string, received number'] },
    ]);
  });
});

describe('an event with several variants (messageBroadcast in elizaos-1.7)', () => {
  it('passes a payload that fits one variant and reports the nearest variant of one that fits none', async () => {
    s = await startMock('elizaos-1.7');
    s.mock.use(socketOut('messageBroadcast', (payload) => ({ ...(payload as object), senderName: 7 })));
    const a = randomUUID();
    const channelId = await channel(s, a);
    const one = await connect(s, a);
    one.socket.emit('message', { type: 1, payload: { channelId, roomId: channelId, entityId: a } });
    expect(await until(() => one.events.includes('channel_joined'))).toBe(true);
    one.socket.emit('message', { type: 2, payload: sendPayload(a, channelId, 'hi') });
    expect(await until(() => s!.violations.length > 0)).toBe(true);
    expect(s.violations[0]?.issues).toEqual(['server.messageBroadcast.v1: senderName: Invalid input: expected string, received number']);
  });
});

describe('client events are dispatched by spec id, only those of the profile', () => {
  it("elizaos-1.7 has no 'typing' entry: nobody hears of it and nothing is diagnosed (1.7.2 has no listener)", async () => {
    s = await startMock('elizaos-1.7');
    const [a, b] = [randomUUID(), randomUUID()];
    const channelId = await channel(s, a);
    const one = await connect(s, a);
    const two = await connect(s, b);
    for (const c of [one, two]) c.socket.emit('message', { type: 1, payload: { channelId, roomId: channelId, entityId: a } });
    expect(await until(() => one.events.includes('channel_joined') && two.events.includes('channel_joined'))).toBe(true);
    one.socket.emit('typing', { roomId: channelId, userId: a, isTyping: true });
    one.socket.emit('subscribe_logs');
    expect(await until(() => one.events.includes('log_subscription_confirmed'))).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(two.events).not.toContain('userTyping');
    expect(s.mock.context.diagnostics.all()).toEqual([]);
    expect(s.violations).toEqual([]);
  });

  it('documented: typing with no userId from a socket without entityId is refused, not announced without one', async () => {
    s = await startMock('documented');
    const channelId = await channel(s, randomUUID());
    const socket = io(s.url, { forceNew: true, reconnection: false, transports: ['websocket'] });
    sockets.push(socket);
    const errors: unknown[] = [];
    socket.on('messageError', (e: unknown) => errors.push(e));
    await until(() => socket.connected);
    socket.emit('typing', { roomId: channelId, isTyping: true });
    expect(await until(() => errors.length > 0)).toBe(true);
    expect(errors[0]).toEqual({ error: 'typing needs a userId when the handshake gave no entityId', code: 'VALIDATION_ERROR' });
    expect(s.violations).toEqual([]);
  });
});
