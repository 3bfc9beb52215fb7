import { randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../../mock-server/index.js';
import { startCluster, type StartedCluster } from './helpers/cluster.js';

const NIL = '00000000-0000-0000-0000-000000000000';

interface Member { socket: Socket; texts: string[] }

/** `promise`, or an error naming the step that did not happen within 5 s. */
function within<T>(promise: Promise<T>, step: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`not ${step} within 5 s`)), 5000)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** One client that joined `channelId` (and, when it may, upgraded to websocket), recording broadcast texts. */
async function member(url: string, agent: Agent, transports: string[], channelId: string, i: number): Promise<Member> {
  // engine.io-client types `agent` as string | boolean; in Node it takes an http.Agent (polling and websocket alike)
  const options = { forceNew: true, agent, transports, reconnection: false, timeout: 5000, auth: { entityId: randomUUID() } };
  const socket = io(url, options as unknown as Parameters<typeof io>[1]);
  const texts: string[] = [];
  socket.on('messageBroadcast', (data: { text?: string }) => texts.push(String(data.text)));
  const joined = new Promise<void>((resolve, reject) => {
    socket.once('channel_joined', () => resolve());
    socket.once('connect_error', (error) => reject(new Error(`client ${i}: ${error.message}`)));
  });
  socket.once('connect', () => socket.emit('message', { type: 1, payload: { channelId, messageServerId: NIL } }));
  await within(joined, `client ${i} joined`);
  if (transports.includes('websocket') && socket.io.engine.transport.name !== 'websocket') await within(new Promise((r) => socket.io.engine.once('upgrade', r)), `client ${i} upgraded`);
  return { socket, texts };
}

/**
 * 8 socket.io clients over one keep-alive agent of 3 sockets, as a browser's connection pool shares connections
 * across tabs: each joins channel A (first four) or B (last four). Polling clients start all at once. Clients that
 * upgrade start one after the other: a websocket request waits in the agent's queue like any other, so 8 pending
 * long-polls on 3 sockets would hold every upgrade back until the next ping (25 s) against one process too (a
 * browser keeps websockets out of its pool). Each upgrade takes a keep-alive connection that carried polling.
 */
async function members(url: string, agent: Agent, transports: string[], channels: [string, string]): Promise<Member[]> {
  const channelOf = (i: number) => channels[i < 4 ? 0 : 1];
  if (!transports.includes('websocket')) return Promise.all(Array.from({ length: 8 }, (_, i) => member(url, agent, transports, channelOf(i), i)));
  const all: Member[] = [];
  for (let i = 0; i < 8; i += 1) all.push(await member(url, agent, transports, channelOf(i), i));
  return all;
}

/**
 * What each of the 8 clients sees when a speaker in A and one in B send a message; every client is closed after.
 * The speakers are websocket clients outside the pool: a message sent through it would wait behind 3 pending
 * long-polls until the next ping, against one process as well.
 */
async function scenario(url: string, transports: string[]): Promise<{ texts: string[][]; transports: string[] }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 3 });
  const channels: [string, string] = [randomUUID(), randomUUID()];
  const all: Member[] = [];
  try {
    all.push(...(await members(url, agent, transports, channels)));
    const say = (m: Member, channelId: string, text: string) => m.socket.emit('message', { type: 2, payload: { channelId, senderId: randomUUID(), senderName: 'T', message: text, messageServerId: NIL, messageId: randomUUID() } });
    const speakers = await Promise.all(channels.map((c, i) => member(url, new Agent(), ['websocket'], c, 8 + i)));
    all.push(...speakers);
    say(speakers[0]!, channels[0], 'to A');
    say(speakers[1]!, channels[1], 'to B');
    const end = Date.now() + 5000;
    while (all.slice(0, 8).some((m) => m.texts.length < 1) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300)); // room for a stray or duplicate broadcast
    const pooled = all.slice(0, 8);
    return { texts: pooled.map((m) => m.texts.filter((t) => t.startsWith('to ')).sort()), transports: pooled.map((m) => m.socket.io.engine.transport.name) };
  } finally {
    for (const { socket } of all) socket.disconnect();
    agent.destroy();
  }
}

const expected = [...Array.from({ length: 4 }, () => ['to A']), ...Array.from({ length: 4 }, () => ['to B'])];

describe('eliza-wire mock --cluster 2 with clients that share keep-alive connections', () => {
  let cluster: StartedCluster;
  let single: MockServer;
  let singleUrl: string;
  beforeAll(async () => {
    single = createMockServer({ logLevel: 'silent', thinkMs: 0 });
    [cluster, singleUrl] = await Promise.all([startCluster(2), single.listen(0, '127.0.0.1')]);
  }, 40_000);
  afterAll(async () => {
    if (cluster?.child.exitCode === null) cluster.child.kill('SIGKILL');
    await single?.close();
  });

  it('connects, joins and delivers to 8 polling clients over 3 shared sockets, as one process does', async () => {
    const alone = await scenario(singleUrl, ['polling']);
    expect(alone.texts).toEqual(expected);
    const clustered = await scenario(cluster.url, ['polling']);
    expect(clustered).toEqual(alone);
  }, 30_000);

  it('upgrades those clients to websocket through the shared sockets and still delivers each broadcast once', async () => {
    const alone = await scenario(singleUrl, ['polling', 'websocket']);
    expect(alone).toEqual({ texts: expected, transports: Array(8).fill('websocket') });
    const clustered = await scenario(cluster.url, ['polling', 'websocket']);
    expect(clustered).toEqual(alone);
  }, 30_000);

  it('still runs both workers (the sessions spread over them)', async () => {
    const workers = new Set<number>();
    for (let i = 0; i < 4; i += 1) workers.add(Number((await fetch(`${cluster.url}/api/agents`)).headers.get('x-mock-worker')));
    expect([...workers].sort()).toEqual([1, 2]);
  });
});
