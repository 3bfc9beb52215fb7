import { afterEach, describe, expect, it } from 'vitest';
import { Actor } from '../../suites/flows/actors.js';
import { startMock, type Started } from './harness.js';

let s: Started | undefined;
const actors: Actor[] = [];
afterEach(async () => {
  for (const a of actors.splice(0)) a.close();
  await s?.mock.close();
  s = undefined;
});

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** Two actors joined to one new channel; the first sends a message. */
async function sendInChannel(started: Started): Promise<{ sender: Actor; member: Actor; channelId: string }> {
  const sender = new Actor('sender');
  const member = new Actor('member');
  actors.push(sender, member);
  const created = await started.request('POST', '/api/messaging/channels', { body: { name: 'faults', participantCentralUserIds: [sender.entityId, member.entityId], message_server_id: '00000000-0000-0000-0000-000000000000' } });
  const channelId = ((created.body as { data?: { id: string }; id?: string }).data?.id ?? (created.body as { id: string }).id);
  for (const a of [sender, member]) {
    await a.connect(started.url, { timeoutMs: 2000 });
    await a.join(channelId, 1000);
    a.clear();
  }
  sender.socket?.emit('message', { type: 2, payload: { channelId, senderId: sender.entityId, message: 'hi', messageServerId: '00000000-0000-0000-0000-000000000000', messageId: 'tmp-1' } });
  return { sender, member, channelId };
}

const until = async (check: () => boolean, ms = 2000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
};

describe('fault injection', () => {
  it('adds latency to REST responses (--latency 150)', async () => {
    s = await startMock('elizaos-1.7', { faults: { latency: { min: 150, max: 150 } } });
    const { ms, value } = await timed(() => s!.request('GET', '/api/agents'));
    expect(value.status).toBe(200);
    expect(ms).toBeGreaterThanOrEqual(140);
  });

  it('adds jitter within the range (--latency 50-120)', async () => {
    s = await startMock('documented', { faults: { latency: { min: 50, max: 120 } } });
    const times = [];
    for (let i = 0; i < 5; i += 1) times.push((await timed(() => s!.request('GET', '/api/server/ping'))).ms);
    for (const t of times) expect(t).toBeGreaterThanOrEqual(45);
  });

  it('fails REST requests at the error rate, in the profile envelope (--error-rate 1)', async () => {
    s = await startMock('documented', { faults: { errorRate: 1 } });
    const r = await s.request('GET', '/api/agents');
    expect(r).toMatchObject({ status: 500, body: { success: false, error: { code: 'INTERNAL_ERROR' } } });
    s.mock.context.faults.set({ errorRate: 0 });
    expect((await s.request('GET', '/api/agents')).status).toBe(200);
  });

  it('answers the status a request asks for (X-Mock-Status), per profile', async () => {
    s = await startMock('elizaos-1.7');
    const r = await s.request('GET', '/api/messaging/message-servers', { headers: { 'X-Mock-Status': '503' } });
    expect(r).toMatchObject({ status: 503, body: { success: false, error: { code: 503 } } });
    const e1 = await s.request('GET', '/api/agents', { headers: { 'X-Mock-Status': '404' } });
    expect(e1).toMatchObject({ status: 404, body: { success: false, error: { code: 'NOT_FOUND' } } });
  });

  it('delays a request by X-Mock-Delay', async () => {
    s = await startMock('elizaos-1.7');
    const { ms } = await timed(() => s!.request('GET', '/api/server/ping', { headers: { 'X-Mock-Delay': '200' } }));
    expect(ms).toBeGreaterThanOrEqual(190);
  });

  it('delays one socket event (messageAck) and not the others', async () => {
    s = await startMock('elizaos-1.7', { faults: { events: { messageAck: { delayMs: 300 } } } });
    const { sender } = await sendInChannel(s);
    await until(() => sender.timeline.some((e) => e.event === 'messageAck'));
    const broadcast = sender.timeline.find((e) => e.event === 'messageBroadcast');
    const ack = sender.timeline.find((e) => e.event === 'messageAck');
    expect(broadcast?.at).toBeLessThan(200);
    expect(ack?.at).toBeGreaterThanOrEqual(280);
  });

  it('drops a socket event (messageBroadcast drop=1)', async () => {
    s = await startMock('elizaos-1.7', { faults: { events: { messageBroadcast: { drop: 1 } } } });
    const { sender, member } = await sendInChannel(s);
    await until(() => sender.timeline.some((e) => e.event === 'messageAck'));
    await new Promise((r) => setTimeout(r, 150));
    expect(member.timeline.filter((e) => e.event === 'messageBroadcast')).toHaveLength(0);
    expect(sender.timeline.map((e) => e.event)).toEqual(['messageAck']);
  });

  it('duplicates a socket event (messageBroadcast duplicate=1)', async () => {
    s = await startMock('documented', { faults: { events: { messageBroadcast: { duplicate: 1 } } } });
    const { member } = await sendInChannel(s);
    await until(() => member.timeline.filter((e) => e.event === 'messageBroadcast').length >= 2);
    expect(member.timeline.filter((e) => e.event === 'messageBroadcast')).toHaveLength(2);
  });

  it('sets faults at run time through /__mock/faults (--control), and clears them', async () => {
    s = await startMock('elizaos-1.7', { control: true });
    const put = await s.request('PUT', '/__mock/faults', { body: { errorRate: 1, errorStatus: 502 } });
    expect(put.status).toBe(200);
    expect((await s.request('GET', '/api/agents')).status).toBe(502);
    expect((await s.request('DELETE', '/__mock/faults')).status).toBe(204);
    expect((await s.request('GET', '/api/agents')).status).toBe(200);
  });

  it('forces one socket, then all, to disconnect (/__mock/disconnect)', async () => {
    s = await startMock('elizaos-1.7', { control: true });
    const [a, b, c] = [new Actor('a'), new Actor('b'), new Actor('c')];
    actors.push(a, b, c);
    for (const x of [a, b, c]) await x.connect(s.url, { timeoutMs: 2000 });
    const one = await s.request('POST', '/__mock/disconnect', { body: { socketId: a.socket?.id } });
    expect(one.body).toEqual({ disconnected: 1 });
    await until(() => a.socket?.connected === false);
    expect([a.socket?.connected, b.socket?.connected, c.socket?.connected]).toEqual([false, true, true]);
    const all = await s.request('POST', '/__mock/disconnect', { body: {} });
    expect(all.body).toEqual({ disconnected: 2 });
    await until(() => b.socket?.connected === false && c.socket?.connected === false);
    expect([b.socket?.connected, c.socket?.connected]).toEqual([false, false]);
  });

  it('has no control routes unless asked for', async () => {
    s = await startMock('elizaos-1.7');
    expect((await s.request('GET', '/__mock/faults')).status).toBe(403);
  });
});
