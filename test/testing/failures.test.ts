import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connect, startMockServer, TestClientError, WaitForError, type StartedMockServer, type TestClient } from '../../testing/index.js';

const clients: TestClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

async function failure(promise: Promise<unknown>): Promise<WaitForError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(WaitForError);
  return error as WaitForError;
}

/** A payload as the error previews it: one line of JSON, cut to 80 characters. */
const preview = (payload: unknown) => {
  const json = JSON.stringify(payload);
  return json.length > 80 ? `${json.slice(0, 79)}…` : json;
};

describe('a failed waitFor lists what arrived', () => {
  let server: StartedMockServer;
  beforeAll(async () => {
    server = await startMockServer({ profile: 'elizaos-1.7', agent: 'silent' });
  });
  afterAll(() => server.close());

  it('names each received event with its time and a payload preview, marking the taken ones', async () => {
    const c = await connect({ url: server.url });
    clients.push(c);
    await c.join(server.agentId);
    await c.waitFor('room_joined');
    const error = await failure(c.waitFor('messageComplete', { timeout: 150 }));
    expect(error.code).toBe('WAIT_TIMEOUT');
    expect(error.received.map((r) => [r.event, r.taken])).toEqual([
      ['connect', false],
      ['authenticated', false],
      ['connection_established', false],
      ['channel_joined', true],
      ['room_joined', true],
    ]);
    expect(error.received.every((r, i, all) => r.at >= (all[i - 1]?.at ?? 0))).toBe(true);
    const joined = { message: `Socket ${c.socket.id} successfully joined channel ${server.agentId}.`, channelId: server.agentId, roomId: server.agentId };
    const authenticated = c.received('authenticated')[0];
    expect(error.message.replace(/\+\d+ ms/g, '+N ms')).toBe([
      "waitFor('messageComplete') timed out after 150 ms.",
      'Received since connect (5 events):',
      '  +N ms  connect',
      `  +N ms  authenticated ${preview({ entityId: c.entityId, timestamp: authenticated?.timestamp })}`,
      `  +N ms  connection_established ${preview({ message: 'Connected to Eliza Socket.IO server', socketId: c.socket.id })}`,
      `  +N ms  channel_joined ${preview(joined)}  [taken by an earlier wait]`,
      `  +N ms  room_joined ${preview(joined)}  [taken by an earlier wait]`,
    ].join('\n'));
  });

  it('marks events of the awaited name that the predicate turned down', async () => {
    const c = await connect({ url: server.url });
    clients.push(c);
    await c.join(server.agentId);
    c.send('hello');
    await c.waitFor('messageAck');
    const error = await failure(c.waitFor('messageBroadcast', (m) => m.text === 'goodbye', { timeout: 100 }));
    expect(error.message.split('\n')[0]).toBe("waitFor('messageBroadcast', predicate) timed out after 100 ms.");
    const lines = error.message.split('\n').filter((l) => l.includes('messageBroadcast {'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^ {2}\+\d+ ms {2}messageBroadcast \{"id":"[^"]+","senderId":".*… {2}\[predicate returned false\]$/);
  });

  it('rejects a pending wait when the server disconnects, and waitFor("disconnect") gets the reason', async () => {
    const c = await connect({ url: server.url });
    clients.push(c);
    const pending = failure(c.waitFor('messageAck', { timeout: 5000 }));
    server.mock.io.in(c.socket.id!).disconnectSockets(true);
    const error = await pending;
    expect(error.code).toBe('DISCONNECTED');
    expect(error.message).toMatch(/^waitFor\('messageAck'\): the socket disconnected \(io server disconnect\) before a matching event arrived\./);
    expect(await c.waitFor('disconnect')).toEqual({ reason: 'io server disconnect' });
    expect(() => c.send('late', { channelId: server.agentId })).toThrow(/send\(\): the socket is disconnected \(io server disconnect\)/);
  });
});

describe('clear errors', () => {
  let server: StartedMockServer;
  beforeAll(async () => {
    server = await startMockServer({ socketApiKey: 'socket-secret' });
  });
  afterAll(() => server.close());

  it('rejects waitFor after close, and a wait pending at close', async () => {
    const c = await connect({ url: server.url, apiKey: 'socket-secret' });
    const pending = failure(c.waitFor('messageAck'));
    await c.close();
    expect((await pending).message).toMatch(/^waitFor\('messageAck'\): the client was closed while waiting\./);
    await expect(c.waitFor('authenticated')).rejects.toMatchObject({ code: 'CLIENT_CLOSED', message: "waitFor('authenticated') after close(): this client is closed; wait before closing, or connect() a new one." });
    expect(() => c.send('x', { channelId: server.agentId })).toThrow('send() after close()');
    await c.close();
  });

  it('names the URL and the reason when nothing listens there', async () => {
    const error = await connect({ url: 'http://127.0.0.1:1', connectTimeout: 2000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TestClientError);
    expect(error).toMatchObject({ code: 'CONNECT_FAILED' });
    expect((error as Error).message).toMatch(/^connect\(\): could not reach http:\/\/127\.0\.0\.1:1 \(websocket\): websocket error \(.*ECONNREFUSED.*\)\. Is the server running at that URL\?$/);
  });

  it('names the URL, the server’s reason and the fix when the handshake is refused', async () => {
    await expect(connect({ url: server.url })).rejects.toMatchObject({
      code: 'CONNECT_REFUSED',
      message: `connect(): ${server.url} (websocket) refused the handshake: "Invalid or missing API Key"; pass the socket API key as connect({ apiKey })`,
    });
    await expect(connect({ url: server.url, apiKey: 'socket-secret', entityId: 'not-a-uuid' })).rejects.toMatchObject({
      code: 'CONNECT_REFUSED',
      message: expect.stringContaining('"Valid entityId required"; pass a UUID as connect({ entityId })'),
    });
  });

  it('rejects bad options and a send without a channel', async () => {
    await expect(connect({ url: 'not a url' })).rejects.toMatchObject({ code: 'BAD_OPTIONS', message: expect.stringContaining('absolute URL') });
    await expect(connect({ url: 'localhost:3000' })).rejects.toMatchObject({ code: 'BAD_OPTIONS', message: expect.stringContaining('must start with http://') });
    await expect(connect({ url: server.url, transport: 'carrier-pigeon' as 'polling' })).rejects.toMatchObject({ code: 'BAD_OPTIONS' });
    const c = await connect({ url: server.url, apiKey: 'socket-secret' });
    clients.push(c);
    expect(() => c.send('nowhere')).toThrow('send(): no channel: join(channelId) first, or pass send(text, { channelId }).');
  });

  it('fails a join the server answers with messageError', async () => {
    const c = await connect({ url: server.url, apiKey: 'socket-secret' });
    clients.push(c);
    await expect(c.join('')).rejects.toMatchObject({ code: 'JOIN_FAILED', message: `join(''): the server answered messageError {"error":"channelId is required for joining."}` });
  });
});
