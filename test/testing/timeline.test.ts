import { afterEach, describe, expect, it } from 'vitest';
import { connect, createChannel, startMockServer, type StartedMockServer, type TestClient, type TimelineEntry } from '../../testing/index.js';

let server: StartedMockServer | undefined;
let client: TestClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
});

/** `in:event` / `out:message(type)`, with runs of stream chunks folded into one. */
function names(timeline: TimelineEntry[]): string[] {
  return timeline
    .map((e) => (e.direction === 'out' ? `out:${e.event}(${(e.payload as { type: number }).type})` : `in:${e.event}`))
    .filter((name, i, all) => name !== 'in:messageStreamChunk' || all[i - 1] !== name);
}

async function conversation(profile: 'documented' | 'elizaos-1.7', last: (c: TestClient) => Promise<unknown>): Promise<TestClient> {
  server = await startMockServer({ profile, chunkSize: 3 });
  client = await connect({ url: server.url, profile });
  const channelId = await createChannel(server.url, { participants: [client.entityId, server.agentId] });
  await client.join(channelId);
  client.send('order please');
  await last(client);
  return client;
}

describe('timeline', () => {
  it('records every event in and out, in order, elizaos-1.7 (chunks, then the V2 reply)', async () => {
    const c = await conversation('elizaos-1.7', (c) => c.waitFor('messageBroadcast', (m) => m.senderId === server!.agentId));
    expect(names(c.timeline())).toEqual([
      'in:connect', 'in:authenticated', 'in:connection_established',
      'out:message(1)', 'in:channel_joined', 'in:room_joined',
      'out:message(2)', 'in:messageBroadcast', 'in:messageAck',
      'in:messageStreamChunk', 'in:messageBroadcast',
    ]);
    const t = c.timeline();
    expect(t.every((e, i) => e.at >= (t[i - 1]?.at ?? 0) && e.time >= (t[i - 1]?.time ?? 0))).toBe(true);
    expect(c.received('messageStreamChunk').map((chunk) => chunk.index)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('records the documented framing: disable_input, chunks, reply, messageComplete, enable_input', async () => {
    const c = await conversation('documented', (c) => c.waitFor('controlMessage', (m) => m.action === 'enable_input'));
    expect(names(c.timeline()).slice(6)).toEqual([
      'out:message(2)', 'in:messageBroadcast', 'in:messageAck',
      'in:controlMessage', 'in:messageStreamChunk', 'in:messageBroadcast', 'in:messageComplete', 'in:controlMessage',
    ]);
    const controls = c.received('controlMessage').map((m) => m.action);
    expect(controls).toEqual(['disable_input', 'enable_input']);
  });

  it('returns a copy: changing it does not change the record', async () => {
    server = await startMockServer();
    client = await connect({ url: server.url });
    const first = client.timeline();
    first.length = 0;
    expect(client.timeline().length).toBeGreaterThan(0);
  });
});
