import { readdir, readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROFILES, type Profile } from '../../spec/index.js';
import { connect, createChannel, startMockServer, type StartedMockServer, type TestClient } from '../../testing/index.js';
import { isRelease } from '../../spec/profiles.js';

const clients: TestClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

async function client(server: StartedMockServer, profile: Profile, options: { transport?: 'websocket' | 'polling' } = {}): Promise<TestClient> {
  const c = await connect({ url: server.url, profile, ...options });
  clients.push(c);
  return c;
}

describe.each(PROFILES)('against the mock (%s)', (profile) => {
  let server: StartedMockServer;
  beforeAll(async () => {
    server = await startMockServer({ profile, chunkSize: 4 });
  });
  afterAll(() => server.close());

  it('connects, joins, sends and gets the ack, its own broadcast and the echo reply', async () => {
    const alice = await client(server, profile);
    const channelId = await createChannel(server.url, { participants: [alice.entityId, server.agentId] });
    const joined = await alice.join(channelId);
    expect(joined).toMatchObject({ channelId, roomId: channelId });
    const sent = alice.send('hello there');
    const ack = await alice.waitFor('messageAck', (a) => a.clientMessageId === sent.clientMessageId);
    expect(ack).toMatchObject({ channelId, status: 'received_by_server_and_processing' });
    const own = await alice.waitFor('messageBroadcast', (m) => m.senderId === alice.entityId);
    expect(own).toMatchObject({ id: ack.messageId, text: 'hello there', clientMessageId: sent.clientMessageId });
    const reply = await alice.waitFor('messageBroadcast', (m) => m.senderId === server.agentId);
    expect(reply.text).toBe('echo: hello there');
    const chunks = alice.received('messageStreamChunk');
    expect(chunks.map((c) => c.chunk).join('')).toBe('echo: hello there');
    expect(chunks.every((c) => c.messageId === reply.id)).toBe(true);
  });

  it('works over polling too', async () => {
    const bob = await client(server, profile, { transport: 'polling' });
    const channelId = await createChannel(server.url, { participants: [bob.entityId, server.agentId] });
    await bob.join(channelId);
    bob.send('over polling');
    expect((await bob.waitFor('messageBroadcast', (m) => m.senderId === server.agentId)).text).toBe('echo: over polling');
  });

  it('builds the send payload of the profile: messageServerId in elizaos-1.7 only', async () => {
    const carol = await client(server, profile);
    const sent = carol.send('x', { channelId: server.agentId });
    expect(sent.payload).toMatchObject({ channelId: server.agentId, roomId: server.agentId, senderId: carol.entityId, message: 'x', messageId: sent.clientMessageId });
    expect('messageServerId' in sent.payload).toBe(isRelease(profile));
    await carol.waitFor('messageAck');
  });
});

describe('waitFor', () => {
  let server: StartedMockServer;
  beforeAll(async () => {
    server = await startMockServer({ profile: 'elizaos-1.7', agent: 'silent' });
  });
  afterAll(() => server.close());

  it('resolves with an event that arrived before the call', async () => {
    const c = await client(server, 'elizaos-1.7');
    await new Promise((r) => setTimeout(r, 50));
    expect(c.timeline().some((e) => e.event === 'authenticated')).toBe(true);
    expect(await c.waitFor('authenticated', { timeout: 10 })).toEqual({ entityId: c.entityId, timestamp: expect.any(Number) });
  });

  it('takes each event once: two waits get two events, in arrival order', async () => {
    const c = await client(server, 'elizaos-1.7');
    await c.join(server.agentId);
    const first = c.send('one');
    const second = c.send('two');
    const acks = [await c.waitFor('messageAck'), await c.waitFor('messageAck')];
    expect(acks.map((a) => a.clientMessageId)).toEqual([first.clientMessageId, second.clientMessageId]);
    await expect(c.waitFor('messageAck', { timeout: 100 })).rejects.toThrow(/timed out after 100 ms/);
  });

  it('filters with the predicate and leaves the others for later waits', async () => {
    const c = await client(server, 'elizaos-1.7');
    await c.join(server.agentId);
    const first = c.send('first');
    const second = c.send('second');
    const late = await c.waitFor('messageBroadcast', (m) => m.text === 'second');
    expect(late).toMatchObject({ clientMessageId: second.clientMessageId });
    const early = await c.waitFor('messageBroadcast');
    expect(early).toMatchObject({ text: 'first', clientMessageId: first.clientMessageId });
  });

  it('sees what emit() sends as is, e.g. a malformed payload and its messageError', async () => {
    const c = await client(server, 'elizaos-1.7');
    c.emit('message', { type: 2, payload: { channelId: 'not-a-uuid' } } as never);
    expect(await c.waitFor('messageError')).toEqual({ error: expect.stringContaining('For SEND_MESSAGE') });
    expect(c.timeline().filter((e) => e.direction === 'out')).toEqual([expect.objectContaining({ event: 'message', payload: { type: 2, payload: { channelId: 'not-a-uuid' } } })]);
  });

  it('rejects with the error a predicate throws', async () => {
    const c = await client(server, 'elizaos-1.7');
    await expect(c.waitFor('authenticated', () => {
      throw new Error('bad predicate');
    })).rejects.toThrow('bad predicate');
  });
});

describe('eliza-wire/testing', () => {
  it('imports no test framework, so vitest and jest users alike can load it', async () => {
    const files = (await readdir('testing')).filter((f) => f.endsWith('.ts'));
    const sources = await Promise.all(files.map((f) => readFile(`testing/${f}`, 'utf8')));
    const imports = sources.flatMap((src) => [...src.matchAll(/from '([^']+)'|import\('([^']+)'\)/g)].map((m) => m[1] ?? m[2]));
    expect(imports.filter((i) => !i?.startsWith('.') && !i?.startsWith('node:'))).toEqual(expect.arrayContaining(['socket.io-client']));
    expect(imports.filter((i) => /vitest|jest|mocha/.test(i ?? ''))).toEqual([]);
  });
});
