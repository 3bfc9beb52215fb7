import { randomUUID } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AGENT } from '../../mock-server/index.js';
import { startRedis, type RedisServer } from './helpers/redis-server.js';
import { REDIS, needService } from '../helpers/service.js';
import { clusterKey, startNode, until, type Node } from './helpers/redis-mocks.js';

const NIL = '00000000-0000-0000-0000-000000000000';
const hasRedis = needService(REDIS);
let redis: RedisServer | undefined;
const nodes: Node[] = [];
const sockets: Socket[] = [];

beforeAll(async () => {
  if (hasRedis) redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await Promise.all(nodes.splice(0).map((n) => n.stop()));
});

async function cluster(size: number, key = clusterKey()): Promise<Node[]> {
  const started: Node[] = [];
  for (let i = 0; i < size; i += 1) started.push(await startNode(redis!.url, key, { agent: 'silent' }));
  nodes.push(...started);
  return started;
}

/** A websocket client that joined `channelId`, recording every messageBroadcast it gets. */
async function member(url: string, channelId: string): Promise<{ socket: Socket; broadcasts: Record<string, unknown>[] }> {
  const socket = connect(url, { forceNew: true, transports: ['websocket'], auth: { entityId: randomUUID() } });
  sockets.push(socket);
  const broadcasts: Record<string, unknown>[] = [];
  socket.on('messageBroadcast', (data: Record<string, unknown>) => broadcasts.push(data));
  const joined = new Promise((resolve) => socket.once('channel_joined', resolve));
  socket.on('connect', () => socket.emit('message', { type: 1, payload: { channelId, messageServerId: NIL } }));
  await joined;
  return { socket, broadcasts };
}

const data = (body: unknown) => (body as { data: Record<string, unknown> }).data;

async function createChannel(node: Node, participants: string[]): Promise<string> {
  const r = await node.request('POST', '/api/messaging/channels', { name: 'Cluster room', message_server_id: NIL, participantCentralUserIds: participants, type: 'GROUP', metadata: {} });
  expect(r.status).toBe(201);
  return data(r.body).id as string;
}

describe.runIf(hasRedis)('two mocks behind one Redis', () => {
  it('delivers a message sent on B to a member connected to A exactly once', async () => {
    const [a, b] = await cluster(2);
    const channelId = randomUUID();
    const onA = await member(a!.url, channelId);
    const alsoOnB = await member(b!.url, channelId);
    const sender = await member(b!.url, channelId);
    const senderId = randomUUID();
    sender.socket.emit('message', { type: 2, payload: { channelId, senderId, senderName: 'Bo', message: 'across', messageServerId: NIL, messageId: randomUUID() } });
    expect(await until(() => onA.broadcasts.length > 0 && alsoOnB.broadcasts.length > 0)).toBe(true);
    await new Promise((r) => setTimeout(r, 300)); // room for a duplicate to show up
    expect(onA.broadcasts.map((m) => m.text)).toEqual(['across']);
    expect(alsoOnB.broadcasts.map((m) => m.text)).toEqual(['across']);
    expect(sender.broadcasts.map((m) => m.text)).toEqual(['across']);
    // The message is stored once, under the same id, on both.
    const id = onA.broadcasts[0]!.id as string;
    expect(a!.mock.state.messages.get(id)?.content).toBe('across');
    expect(b!.mock.state.messages.get(id)?.content).toBe('across');
  });

  it('reads on B what REST wrote on A: a channel, its message, an agent', async () => {
    const [a, b] = await cluster(2);
    const user = randomUUID();
    const channelId = await createChannel(a!, [user, DEFAULT_AGENT.id]);
    const posted = await a!.request('POST', `/api/messaging/channels/${channelId}/messages`, { author_id: user, content: 'kept on A', message_server_id: NIL });
    expect(posted.status).toBe(201);
    const agent = await a!.request('POST', '/api/agents', { characterJson: { name: 'Replicated', bio: ['made on A'] } });
    expect(agent.status).toBe(201);
    const agentId = (data(agent.body).id ?? (data(agent.body).character as Record<string, unknown> | undefined)?.id) as string;
    expect(await until(async () => (await b!.request('GET', `/api/agents/${agentId}`)).status === 200)).toBe(true);
    const channel = await b!.request('GET', `/api/messaging/channels/${channelId}/details`);
    expect(channel.status).toBe(200);
    expect(JSON.stringify(channel.body)).toContain('Cluster room');
    const messages = await b!.request('GET', `/api/messaging/channels/${channelId}/messages`);
    expect(JSON.stringify(messages.body)).toContain('kept on A');
    expect(data((await b!.request('GET', `/api/agents/${agentId}`)).body)).toMatchObject({ name: 'Replicated' });
  });

  it('gives a late third instance the existing state, then keeps it in step', async () => {
    const key = clusterKey();
    const [a] = await cluster(1, key);
    const user = randomUUID();
    const channelId = await createChannel(a!, [user]);
    await a!.request('DELETE', `/api/agents/${DEFAULT_AGENT.id}`);
    const [c] = await cluster(1, key);
    expect(c!.mock.state.channels.get(channelId)?.participants).toEqual([user]);
    expect(c!.mock.state.agents.has(DEFAULT_AGENT.id)).toBe(a!.mock.state.agents.has(DEFAULT_AGENT.id));
    await c!.request('PATCH', `/api/messaging/channels/${channelId}`, { name: 'Renamed on C' });
    expect(await until(() => a!.mock.state.channels.get(channelId)?.name === 'Renamed on C')).toBe(true);
  });

  it('resets every instance when one resets', async () => {
    const [a, b, c] = await cluster(3);
    const channelId = await createChannel(a!, [randomUUID()]);
    expect(await until(() => b!.mock.state.channels.has(channelId) && c!.mock.state.channels.has(channelId))).toBe(true);
    b!.mock.reset();
    expect(await until(() => !a!.mock.state.channels.has(channelId) && !c!.mock.state.channels.has(channelId))).toBe(true);
    expect(b!.mock.state.channels.has(channelId)).toBe(false);
    expect(a!.mock.state.summary()).toEqual(b!.mock.state.summary());
    // After the reset, writes flow again.
    const next = await createChannel(c!, [randomUUID()]);
    expect(await until(() => a!.mock.state.channels.has(next) && b!.mock.state.channels.has(next))).toBe(true);
  });

  it('generates different ids on instances started with the same seed', async () => {
    const [a, b] = await cluster(2);
    const [x, y] = [a!.mock.state.ids.uuid(), b!.mock.state.ids.uuid()];
    expect(x).not.toBe(y);
    expect(x.slice(-8)).not.toBe(y.slice(-8));
  });
});
