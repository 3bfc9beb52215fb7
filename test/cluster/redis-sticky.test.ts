import { randomUUID } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RedisServer } from './helpers/redis-server.js';
import { REDIS, needService } from '../helpers/service.js';
import { clusterKey, startNode, until, type Node } from './helpers/redis-mocks.js';
import { startStickyProxy, type StickyProxy, type Stickiness } from './helpers/sticky-proxy.js';

const NIL = '00000000-0000-0000-0000-000000000000';
const hasRedis = needService(REDIS);
let redis: RedisServer | undefined;
let nodes: Node[] = [];
let proxy: StickyProxy | undefined;
const sockets: Socket[] = [];

beforeAll(async () => {
  if (hasRedis) redis = await startRedis();
});
afterAll(() => redis?.stop());
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await proxy?.close();
  await Promise.all(nodes.splice(0).map((n) => n.stop()));
});

async function behindProxy(stickiness: Stickiness): Promise<string> {
  const key = clusterKey();
  nodes = [await startNode(redis!.url, key, { agent: 'silent' }), await startNode(redis!.url, key, { agent: 'silent' })];
  proxy = await startStickyProxy(nodes.map((n) => n.url), stickiness);
  return proxy.url;
}

interface Client { socket: Socket; texts: string[]; errors: string[] }

function client(url: string, transports: ('polling' | 'websocket')[], channelId: string, upgrade = false): Client {
  const socket = connect(url, { forceNew: true, transports, upgrade, reconnection: false, auth: { entityId: randomUUID() } });
  sockets.push(socket);
  const c: Client = { socket, texts: [], errors: [] };
  socket.on('messageBroadcast', (m: { text: string }) => c.texts.push(m.text));
  socket.on('connect', () => socket.emit('message', { type: 1, payload: { channelId, messageServerId: NIL } }));
  socket.on('connect_error', (e: Error) => c.errors.push(e.message));
  socket.on('disconnect', (reason: string) => c.errors.push(reason));
  return c;
}

async function exchange(url: string, transports: ('polling' | 'websocket')[], upgrade = false): Promise<Client[]> {
  const channelId = randomUUID();
  const clients = [0, 1, 2, 3].map(() => client(url, transports, channelId, upgrade));
  const joined = await until(() => clients.every((c) => c.socket.connected), 3000);
  if (!joined) return clients;
  await new Promise((r) => setTimeout(r, 200)); // the joins land
  clients[0]!.socket.emit('message', { type: 2, payload: { channelId, senderId: randomUUID(), message: 'through the balancer', messageServerId: NIL } });
  await until(() => clients.every((c) => c.texts.length > 0));
  await new Promise((r) => setTimeout(r, 200));
  return clients;
}

describe.runIf(hasRedis)('two --redis mocks behind a load balancer', () => {
  it('serves websocket clients with plain round-robin: each connection stays on its backend', async () => {
    const url = await behindProxy('round-robin');
    const clients = await exchange(url, ['websocket']);
    expect(clients.map((c) => c.texts)).toEqual(clients.map(() => ['through the balancer']));
    expect(proxy!.hits.every((h) => h > 0)).toBe(true); // both backends had members
  });

  it('breaks polling clients under round-robin: the next request of a session reaches the other backend', async () => {
    const url = await behindProxy('round-robin');
    const clients = await exchange(url, ['polling']);
    expect(clients.some((c) => !c.socket.connected || c.errors.length > 0)).toBe(true);
  });

  it('serves polling clients with a sticky rule on the engine.io sid, upgrades included', async () => {
    const url = await behindProxy('sid');
    for (const upgrade of [false, true]) {
      const clients = await exchange(url, ['polling', 'websocket'], upgrade);
      expect(clients.map((c) => c.errors)).toEqual(clients.map(() => []));
      expect(clients.map((c) => c.texts)).toEqual(clients.map(() => ['through the balancer']));
    }
    expect(proxy!.hits.every((h) => h > 0)).toBe(true);
  });
});
