import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_AGENT } from '../../mock-server/index.js';
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

function record(socket: Socket): { event: string; data: Record<string, unknown> }[] {
  const events: { event: string; data: Record<string, unknown> }[] = [];
  socket.onAny((event: string, data: Record<string, unknown>) => events.push({ event, data }));
  return events;
}

describe('a client written like the seeds’ minimal client (documented)', () => {
  it('joins with roomId, sends the exact seed payload and gets the echo reply and messageComplete', async () => {
    s = await startMock('documented');
    const entityId = randomUUID();
    const roomId = DEFAULT_AGENT.id; // "This should match the agent/channel ID"
    const socket = io(s.url, { forceNew: true, reconnection: true, reconnectionDelay: 1000, reconnectionAttempts: 5, timeout: 20000, transports: ['polling', 'websocket'] });
    sockets.push(socket);
    const received: Record<string, unknown>[] = [];
    let complete = false;
    socket.on('connect', () => socket.emit('message', { type: 1, payload: { roomId, entityId } }));
    socket.on('messageBroadcast', (data: Record<string, unknown>) => {
      if (data.roomId === roomId || data.channelId === roomId) received.push(data);
    });
    socket.on('messageComplete', () => {
      complete = true;
    });
    await until(() => socket.connected);
    await new Promise((r) => setTimeout(r, 50));
    socket.emit('message', { type: 2, payload: { senderId: entityId, senderName: 'Extension User', message: 'Hello from extension!', roomId, messageId: randomUUID(), source: 'extension', attachments: [], metadata: {} } });
    expect(await until(() => complete)).toBe(true);
    expect(received.map((d) => d.text)).toEqual(['Hello from extension!', 'echo: Hello from extension!']);
    expect(received[1]).toMatchObject({ senderName: 'Eliza', senderId: DEFAULT_AGENT.id, channelId: roomId, roomId });
    expect(s.mock.context.diagnostics.all().map((d) => d.code)).toContain('roomId-without-channelId');
  });
});

describe('a client written like the 1.7.2 web UI (elizaos-1.7)', () => {
  it('gets the events the real server sends, in the same order (reference §6 trace)', async () => {
    s = await startMock('elizaos-1.7', { chunkSize: 4 });
    const entityId = randomUUID();
    const created = await s.request('POST', '/api/messaging/channels', { body: { name: 'DM', message_server_id: NIL, participantCentralUserIds: [entityId, DEFAULT_AGENT.id], type: 'DM', metadata: {} } });
    const channelId = (created.body as { data: { id: string } }).data.id;
    const socket = io(s.url, { auth: { entityId }, autoConnect: true, reconnection: true, forceNew: true });
    sockets.push(socket);
    const events = record(socket);
    await until(() => events.some((e) => e.event === 'connection_established'));
    socket.emit('message', { type: 1, payload: { channelId, roomId: channelId, entityId } });
    await until(() => events.some((e) => e.event === 'room_joined'));
    const tempId = randomUUID();
    socket.emit('message', { type: 2, payload: { senderId: entityId, senderName: 'user', message: 'hello there', channelId, roomId: channelId, messageServerId: NIL, messageId: tempId, source: 'client_chat', attachments: [], metadata: { channelType: 'DM', isDm: true, targetUserId: DEFAULT_AGENT.id } } });
    await until(() => events.filter((e) => e.event === 'messageBroadcast').length === 2);
    await new Promise((r) => setTimeout(r, 100));
    const names = events.map((e) => e.event).filter((name, i, all) => name !== 'messageStreamChunk' || all[i - 1] !== 'messageStreamChunk');
    expect(names).toEqual(['authenticated', 'connection_established', 'channel_joined', 'room_joined', 'messageBroadcast', 'messageAck', 'messageStreamChunk', 'messageBroadcast']);
    const [own, reply] = events.filter((e) => e.event === 'messageBroadcast');
    expect(own?.data.clientMessageId).toBe(tempId);
    const chunks = events.filter((e) => e.event === 'messageStreamChunk');
    expect(chunks.map((c) => c.data.chunk).join('')).toBe('echo: hello there');
    expect(reply?.data).toMatchObject({ id: chunks[0]?.data.messageId, roomId: channelId, serverId: NIL, text: 'echo: hello there', source: 'agent_response' });
    expect(reply?.data).not.toHaveProperty('channelId');
    expect(s.violations).toEqual([]);
  });
});

describe('three sockets: two members and one outsider', () => {
  it.each(['elizaos-1.7', 'documented'] as const)('each member receives each broadcast exactly once, the outsider none (%s)', async (profile) => {
    s = await startMock(profile);
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const created = await s.request('POST', '/api/messaging/channels', { body: { name: 'three', message_server_id: NIL, participantCentralUserIds: ids.slice(0, 2) } });
    const channelId = (created.body as { data: { id: string } }).data.id;
    const [a, b, outsider] = ids.map((entityId) => io(s!.url, { auth: { entityId }, transports: ['websocket'], forceNew: true }));
    sockets.push(a!, b!, outsider!);
    const logs = [a!, b!, outsider!].map(record);
    await until(() => logs.every((l) => l.some((e) => e.event === 'connection_established')));
    for (const socket of [a!, b!]) socket.emit('message', { type: 1, payload: { channelId } });
    await until(() => logs.slice(0, 2).every((l) => l.some((e) => e.event === 'channel_joined')));
    for (let i = 0; i < 10; i += 1) {
      const [sender, senderId] = i % 2 === 0 ? [a!, ids[0]] : [b!, ids[1]];
      sender.emit('message', { type: 2, payload: { channelId, senderId, message: `m${i}`, messageServerId: NIL, messageId: `c${i}` } });
    }
    const texts = (log: (typeof logs)[number]) => log.filter((e) => e.event === 'messageBroadcast').map((e) => e.data.text as string);
    await until(() => texts(logs[0]!).length === 10 && texts(logs[1]!).length === 10);
    await new Promise((r) => setTimeout(r, 150));
    const expected = Array.from({ length: 10 }, (_, i) => `m${i}`);
    expect(texts(logs[0]!).sort()).toEqual(expected.sort());
    expect(texts(logs[1]!).sort()).toEqual(expected.sort());
    expect(logs[2]!.filter((e) => e.event !== 'authenticated' && e.event !== 'connection_established')).toEqual([]);
    expect(s.violations).toEqual([]);
  });
});

describe('log subscription and client diagnostics', () => {
  it('streams the mock’s own log entries to subscribers', async () => {
    s = await startMock('elizaos-1.7');
    const socket = io(s.url, { auth: { entityId: randomUUID() }, transports: ['websocket'], forceNew: true });
    sockets.push(socket);
    const events = record(socket);
    await until(() => socket.connected);
    socket.emit('subscribe_logs');
    await until(() => events.some((e) => e.event === 'log_subscription_confirmed'));
    s.mock.context.logger.log('warn', 'a line from the mock');
    await until(() => events.some((e) => e.event === 'log_stream'));
    expect(events.find((e) => e.event === 'log_stream')?.data).toMatchObject({ type: 'log_entry', payload: { level: 40, msg: expect.stringContaining('a line from the mock') } });
  });

  it('lists client mistakes at /__mock/diagnostics and logs one line each', async () => {
    const lines: string[] = [];
    s = await startMock('elizaos-1.7', { control: true, logLevel: 'warn', logger: undefined });
    s.mock.context.logger.subscribe((e) => lines.push(e.msg));
    const socket = io(s.url, { auth: { entityId: randomUUID() }, transports: ['websocket'], forceNew: true });
    sockets.push(socket);
    await until(() => socket.connected);
    const channelId = randomUUID();
    socket.emit('message', { type: 2, payload: { roomId: channelId, senderId: randomUUID(), message: 'x', serverId: NIL } });
    socket.emit('sendMessage', { text: 'x' });
    socket.emit('message', { type: 2, payload: { channelId } });
    await until(() => s!.mock.context.diagnostics.all().length >= 5);
    const listed = (await s.request('GET', '/__mock/diagnostics')).body as { diagnostics: { code: string; message: string }[] };
    expect(listed.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['serverId-instead-of-messageServerId', 'roomId-without-channelId', 'send-without-join', 'wrong-event-name', 'send-missing-fields']));
    expect(listed.diagnostics.find((d) => d.code === 'send-without-join')?.message).toMatch(/join first to receive broadcasts/);
    expect(lines.filter((l) => l.startsWith('client mistake [')).length).toBe(listed.diagnostics.length);
  });
});

describe('the V5 broadcast of a REST post (elizaos-1.7)', () => {
  it('carries the source the request named: none from ingest-external without source_type, eliza_gui from a channel post', async () => {
    s = await startMock('elizaos-1.7');
    const out: Record<string, unknown>[] = [];
    s.mock.events.on('socket:out', (e) => {
      if (e.event === 'messageBroadcast') out.push(e.payload as Record<string, unknown>);
    });
    const channelId = randomUUID();
    const ingest = (extra: Record<string, unknown>) =>
      s!.request('POST', '/api/messaging/ingest-external', { body: { channel_id: channelId, message_server_id: NIL, author_id: randomUUID(), content: 'from outside', ...extra } });
    expect((await ingest({})).status).toBe(202);
    expect((await ingest({ source_type: 'discord' })).status).toBe(202);
    const posted = await s.request('POST', `/api/messaging/channels/${channelId}/messages`, { body: { author_id: randomUUID(), content: 'from the gui', message_server_id: NIL } });
    expect(posted.status).toBe(201);
    expect(await until(() => out.length >= 3)).toBe(true);
    expect(out.map((b) => ('source' in b ? b.source : '(none)'))).toEqual(['(none)', 'discord', 'eliza_gui']);
    expect(s.violations).toEqual([]);
  });
});
