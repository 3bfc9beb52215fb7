import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_AGENT, type Diagnostic } from '../../mock-server/index.js';
import { Diagnostics } from '../../mock-server/diagnostics.js';
import { MockEventBus } from '../../mock-server/events.js';
import { entityUuid } from '../../mock-server/socket/entity-id.js';
import { createLogger } from '../../mock-server/logger.js';
import type { MockServerOptions } from '../../mock-server/options.js';
import type { Profile } from '../../spec/index.js';
import { startMock, type Started } from './harness.js';

const NIL = '00000000-0000-0000-0000-000000000000';
let s: Started | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await s?.mock.close();
  s = undefined;
});

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return check();
};

/** A mock whose warning lines land in `lines` (the real logger, its output redirected). */
async function start(profile: Profile, options: MockServerOptions = {}): Promise<{ lines: string[] }> {
  const lines: string[] = [];
  s = await startMock(profile, { logger: createLogger({ level: 'warn', write: (l) => lines.push(l) }), ...options });
  return { lines };
}

async function connect(auth: Record<string, unknown> = { entityId: randomUUID() }): Promise<{ socket: Socket; events: { event: string; data: Record<string, unknown> }[] }> {
  const socket = io(s!.url, { auth, transports: ['websocket'], forceNew: true, reconnection: false });
  sockets.push(socket);
  const events: { event: string; data: Record<string, unknown> }[] = [];
  socket.onAny((event: string, data: Record<string, unknown>) => events.push({ event, data }));
  await until(() => socket.connected);
  return { socket, events };
}

const diagnostics = (code?: string): Diagnostic[] => s!.mock.context.diagnostics.all().filter((d) => !code || d.code === code);
const listed = async () => (await s!.request('GET', '/__mock/diagnostics')).body as { diagnostics: Diagnostic[]; total: number };

describe('a field that is present but invalid', () => {
  it('is reported as invalid with the value and the rule, not as missing (documented messageError)', async () => {
    await start('documented');
    const { socket, events } = await connect();
    socket.emit('message', { type: 2, payload: { channelId: 'general', message: 'hi' } });
    expect(await until(() => events.some((e) => e.event === 'messageError'))).toBe(true);
    const error = events.find((e) => e.event === 'messageError')!.data;
    expect(error.error).toBe('For SEND_MESSAGE: channelId "general" is invalid: it must be a UUID, the id of the channel; senderId is required (a non-empty string)');
    expect(error.details).toEqual({ missing: ['senderId'], invalid: [{ field: 'channelId', value: 'general', rule: 'a UUID, the id of the channel' }] });
  });

  it('keeps 1.7.2’s "required" text on the wire, and the diagnostic says present-but-invalid with value and rule (elizaos-1.7)', async () => {
    const { lines } = await start('elizaos-1.7');
    const { socket, events } = await connect();
    socket.emit('message', { type: 2, payload: { channelId: randomUUID(), senderId: 'user-1', message: 'hi', messageServerId: NIL } });
    expect(await until(() => events.some((e) => e.event === 'messageError'))).toBe(true);
    expect(events.map((e) => e.data)).toContainEqual({ error: 'For SEND_MESSAGE: channelId, messageServerId (message_server_id), senderId (author_id), and message are required.' });
    const [d] = diagnostics('send-invalid-fields');
    expect(d?.message).toContain('senderId "user-1" is invalid: it must be a UUID, the same id as the handshake auth.entityId (present, but not valid');
    expect(d?.details).toEqual({ invalid: [{ field: 'senderId', value: 'user-1', rule: 'a UUID, the same id as the handshake auth.entityId' }] });
    expect(diagnostics('send-missing-fields')).toEqual([]);
    expect(lines.some((l) => l.includes('[send-invalid-fields]'))).toBe(true);
  });

  it('names the handshake’s invalid auth.entityId with its value', async () => {
    await start('elizaos-1.7');
    const socket = io(s!.url, { auth: { entityId: 'my-extension-id' }, transports: ['websocket'], forceNew: true, reconnection: false });
    sockets.push(socket);
    const refused = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(refused.message).toBe('Valid entityId required');
    expect(diagnostics('handshake-entity-id')[0]).toMatchObject({
      message: expect.stringContaining('auth.entityId "my-extension-id" is invalid: it must be a UUID'),
      details: { invalid: [{ field: 'auth.entityId', value: 'my-extension-id', rule: 'a UUID' }] },
    });
  });

  it('names a join’s channelId that is not a string, with its value', async () => {
    await start('documented');
    const { socket, events } = await connect();
    socket.emit('message', { type: 1, payload: { channelId: 42 } });
    expect(await until(() => events.some((e) => e.event === 'messageError'))).toBe(true);
    expect(events.find((e) => e.event === 'messageError')!.data.error).toMatch(/^For ROOM_JOINING: channelId 42 is invalid: it must be a non-empty string/);
    expect(diagnostics('join-invalid-channel')[0]?.details).toEqual({ invalid: [{ field: 'channelId', value: 42, rule: expect.any(String) }] });
  });
});

describe("the seeds' non-UUID ids (documented)", () => {
  it('are accepted, and what the mock stores and serves back keeps the spec’s UUID shape', async () => {
    await start('documented');
    const { socket, events } = await connect({});
    socket.emit('message', { type: 1, payload: { roomId: DEFAULT_AGENT.id, entityId: 'my-extension-id' } });
    socket.emit('message', { type: 2, payload: { senderId: 'my-extension-id', message: 'hi', roomId: DEFAULT_AGENT.id } });
    expect(await until(() => events.some((e) => e.data.text === 'echo: hi'))).toBe(true);
    const stored = entityUuid('my-extension-id');
    expect(stored).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(entityUuid('my-extension-id')).toBe(stored);
    expect(entityUuid('my-extension-id2')).not.toBe(stored);
    expect(events.find((e) => e.data.text === 'hi')?.data.senderId).toBe(stored);
    expect(diagnostics('id-not-uuid')[0]?.details).toMatchObject({ field: 'senderId', value: 'my-extension-id', stored });
    for (const path of ['messages', 'participants', 'details']) expect((await s!.request('GET', `/api/messaging/channels/${DEFAULT_AGENT.id}/${path}`)).status).toBe(200);
    expect(s!.violations).toEqual([]);
  });
});

describe('an agent that is not a participant', () => {
  it.each(['elizaos-1.7', 'documented'] as const)('is diagnosed at join and send, naming the channel, the agent and a route that works (%s)', async (profile) => {
    await start(profile);
    const entityId = randomUUID();
    const created = await s!.request('POST', '/api/messaging/channels', { body: { name: 'no agent', message_server_id: NIL, participantCentralUserIds: [entityId] } });
    const channelId = (created.body as { data: { id: string } }).data.id;
    const { socket, events } = await connect({ entityId });
    socket.emit('message', { type: 1, payload: { channelId } });
    expect(await until(() => diagnostics('agent-not-participant').length === 1)).toBe(true);
    expect(diagnostics('agent-not-participant')[0]!.message).toContain(`channel ${channelId} has no agent among its 1 participant(s): messages you send there get your own broadcast and then silence`);
    const send = (text: string) => socket.emit('message', { type: 2, payload: { channelId, senderId: entityId, message: text, messageServerId: NIL } });
    send('anyone?');
    expect(await until(() => events.some((e) => e.event === 'messageBroadcast'))).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(events.filter((e) => e.event === 'messageBroadcast').map((e) => e.data.text)).toEqual(['anyone?']);
    const hint = diagnostics('agent-not-participant').at(-1)!.message;
    expect(hint).toContain(`agent Eliza (${DEFAULT_AGENT.id})`);
    const route = /Add the agent: (POST) (\S+) (\{.*?\})/.exec(hint)!;
    expect(route.slice(1, 3)).toEqual(['POST', `/api/messaging/channels/${channelId}/agents`]);
    expect((await s!.request(route[1]!, route[2]!, { body: JSON.parse(route[3]!) })).status).toBe(201);
    send('now?');
    expect(await until(() => events.some((e) => e.data.text === 'echo: now?'))).toBe(true);
  });

  it('says, when the join names the agent’s id (the seeds’ advice), how to create a channel with the agent: that request works (elizaos-1.7)', async () => {
    await start('elizaos-1.7');
    const entityId = randomUUID();
    const { socket, events } = await connect({ entityId });
    socket.emit('message', { type: 1, payload: { roomId: DEFAULT_AGENT.id } });
    expect(await until(() => diagnostics('agent-not-participant').length === 1)).toBe(true);
    const create = /Create a channel with the agent \((POST) (\S+) (\{.*?\})\) and join that/.exec(diagnostics('agent-not-participant')[0]!.message)!;
    const created = await s!.request(create[1]!, create[2]!, { body: JSON.parse(create[3]!) });
    expect(created.status).toBe(201);
    const channelId = (created.body as { data: { id: string } }).data.id;
    socket.emit('message', { type: 1, payload: { channelId } });
    socket.emit('message', { type: 2, payload: { channelId, senderId: entityId, message: 'there?', messageServerId: NIL } });
    expect(await until(() => events.some((e) => e.data.text === 'echo: there?'))).toBe(true);
  });

  it('says when the agent participates but is stopped, and how to start it', async () => {
    await start('elizaos-1.7');
    const entityId = randomUUID();
    const created = await s!.request('POST', '/api/messaging/channels', { body: { name: 'stopped', message_server_id: NIL, participantCentralUserIds: [entityId, DEFAULT_AGENT.id] } });
    const channelId = (created.body as { data: { id: string } }).data.id;
    expect((await s!.request('POST', `/api/agents/${DEFAULT_AGENT.id}/stop`)).status).toBe(200);
    const { socket, events } = await connect({ entityId });
    socket.emit('message', { type: 1, payload: { channelId } });
    expect(await until(() => diagnostics('agent-not-running').length === 1)).toBe(true);
    const startRoute = /start it with (POST) (\S+)/.exec(diagnostics('agent-not-running')[0]!.message)!;
    expect((await s!.request(startRoute[1]!, startRoute[2]!)).status).toBe(200);
    socket.emit('message', { type: 2, payload: { channelId, senderId: entityId, message: 'up?', messageServerId: NIL } });
    expect(await until(() => events.some((e) => e.data.text === 'echo: up?'))).toBe(true);
  });
});

describe('a flood of one mistake', () => {
  it('prints a bounded number of lines and keeps a bounded list, counting every report (50,000 unknown events)', async () => {
    let offset = 0;
    const { lines } = await start('elizaos-1.7', { clock: { now: () => Date.now() + offset, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) } });
    const { socket } = await connect();
    let received = 0;
    s!.mock.events.on('socket:in', () => (received += 1));
    for (let i = 0; i < 50_000; i += 1) socket.emit('chat', { text: i });
    for (let i = 0; i < 100; i += 1) socket.emit(`chat-${i}`, {});
    expect(await until(() => received === 50_100, 60_000)).toBe(true);
    const mistakes = () => lines.filter((l) => l.includes('client mistake [wrong-event-name]'));
    expect(mistakes().length).toBe(5);
    const body = await listed();
    expect(body.total).toBe(50_100);
    expect(body.diagnostics.length).toBeLessThanOrEqual(5);
    expect(body.diagnostics[0]).toMatchObject({ code: 'wrong-event-name', message: expect.stringContaining("unknown event 'chat'"), count: 50_000 });
    expect(body.diagnostics.reduce((n, d) => n + d.count, 0)).toBe(50_100);
    // The window ends (the clock moves on 10 s): one line with the count, then the next mistake prints again.
    offset = 10_000;
    socket.emit('chat', {});
    expect(await until(() => mistakes().length === 7)).toBe(true);
    expect(mistakes()[5]).toMatch(/client mistake \[wrong-event-name\]: … 50,095 more like this in the last 10 s$/);
    expect(mistakes()[6]).toContain("unknown event 'chat'");
  }, 90_000);

  it('prints the count when the window runs out, even if the mistake stops', async () => {
    const lines: string[] = [];
    const d = new Diagnostics(createLogger({ level: 'warn', write: (l) => lines.push(l) }), new MockEventBus(), Date.now, { windowMs: 100 });
    for (let i = 0; i < 1000; i += 1) d.report('send-without-join', 'same mistake', 'socket-1');
    expect(lines).toHaveLength(1);
    expect(await until(() => lines.length === 2, 2000)).toBe(true);
    expect(lines[1]).toMatch(/\[send-without-join\]: … 999 more like this in the last 0\.1 s$/);
    expect(d.all()).toEqual([expect.objectContaining({ message: 'same mistake', count: 1000 })]);
  });
});
