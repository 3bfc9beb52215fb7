import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { REDIS, needService } from '../helpers/service.js';
import { clusterKey, startNode, until, type Node } from './helpers/redis-mocks.js';
import { startRedis, type RedisServer } from './helpers/redis-server.js';

const NIL = '00000000-0000-0000-0000-000000000000';
const hasRedis = needService(REDIS);
const nodes: Node[] = [];
const servers: RedisServer[] = [];
afterEach(async () => {
  await Promise.all(nodes.splice(0).map((n) => n.stop()));
  await Promise.all(servers.splice(0).map((r) => r.stop()));
});

/** docs/scaling.md states this bound: Redis back, the instances agree within it (reconnect backoff ≤ 2 s, then one exchange). */
const AGREE_WITHIN_MS = 3000;

async function createChannel(node: Node, name: string): Promise<string> {
  const r = await node.request('POST', '/api/messaging/channels', { name, message_server_id: NIL, participantCentralUserIds: [randomUUID()], type: 'GROUP', metadata: {} });
  expect(r.status).toBe(201);
  return (r.body as { data: { id: string } }).data.id;
}

describe.runIf(hasRedis)('two --redis mocks when Redis blinks', () => {
  it('B reads what A wrote while Redis was down (and A what B wrote) once Redis is back on the same port', async () => {
    const redis = await startRedis();
    servers.push(redis);
    const key = clusterKey();
    const a = await startNode(redis.url, key, { agent: 'silent' });
    const b = await startNode(redis.url, key, { agent: 'silent' });
    nodes.push(a, b);
    const before = await createChannel(a, 'before the blink');
    expect(await until(() => b.mock.state.channels.has(before))).toBe(true);

    // writes as Redis goes (sent on a connection that is dying) and after it went (queued by the client)
    const stopping = redis.stop();
    const onA = await createChannel(a, 'written on A as Redis went down');
    await stopping;
    const onB = await createChannel(b, 'written on B while Redis was down');
    await a.request('PATCH', `/api/messaging/channels/${before}`, { name: 'renamed on A while down' });
    await new Promise((r) => setTimeout(r, 1000));

    servers.push(await startRedis(undefined, redis.port));
    const t0 = Date.now();
    expect(await until(() => b.mock.state.channels.has(onA) && a.mock.state.channels.has(onB) && b.mock.state.channels.get(before)?.name === 'renamed on A while down', AGREE_WITHIN_MS + 2000)).toBe(true);
    expect(Date.now() - t0).toBeLessThan(AGREE_WITHIN_MS);
    expect((await b.request('GET', `/api/messaging/channels/${onA}/details`)).status).toBe(200);

    // and writes flow one by one again
    const after = await createChannel(b, 'after the blink');
    expect(await until(() => a.mock.state.channels.has(after))).toBe(true);
  }, 30_000);
});
