import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerOfSessionId } from '../../mock-server/cluster/worker.js';
import { run } from '../../bin/program.js';
import { startCluster, type StartedCluster } from './helpers/cluster.js';

const NIL = '00000000-0000-0000-0000-000000000000';

function exited(child: ChildProcess, ms: number): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** Pids whose parent is `pid`, read from /proc (what the test sees, not what the process says). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((d) => {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
    } catch {
      return false; // gone while we looked
    }
  }).map(Number);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Connects a client and returns it once it landed on `worker` (round-robin: the next connection goes to the next one). */
async function clientOn(url: string, worker: number, transport: 'websocket' | 'polling'): Promise<Socket> {
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const socket = io(url, { auth: { entityId: randomUUID() }, transports: [transport], forceNew: true, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${transport} client not connected in 5 s`)), 5000);
      socket.once('connect', () => resolve(clearTimeout(timer)));
      socket.once('connect_error', reject);
    });
    if (workerOfSessionId(socket.io.engine.id) === worker) return socket;
    socket.disconnect();
  }
  throw new Error(`no ${transport} client landed on worker ${worker} in 8 connections`);
}

function join(socket: Socket, channelId: string): Promise<void> {
  return new Promise((resolve) => {
    socket.once('channel_joined', () => resolve());
    socket.emit('message', { type: 1, payload: { channelId, roomId: channelId } });
  });
}

/** Every messageBroadcast a socket receives, by text. */
function record(socket: Socket): string[] {
  const texts: string[] = [];
  socket.on('messageBroadcast', (m: { text: string }) => texts.push(m.text));
  return texts;
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

/** One HTTP request on a connection of its own, answered by whichever worker the primary picks. */
function send(url: string, method: string, path: string, body?: unknown): Promise<{ status: number; worker: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(`${url}${path}`, { method, agent: false, headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {} }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, worker: Number(res.headers['x-mock-worker']), body: JSON.parse(text || 'null') }));
    });
    req.once('error', reject);
    req.end(payload);
  });
}

/** Sends the request until worker `worker` answers it (the others' answers are thrown away: only reads use this). */
async function readOn(url: string, worker: number, path: string): Promise<{ status: number; body: unknown }> {
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const answer = await send(url, 'GET', path);
    if (answer.worker === worker) return answer;
  }
  throw new Error(`worker ${worker} never answered GET ${path}`);
}

describe('eliza-wire mock --cluster 2 (a real process)', () => {
  let cluster: StartedCluster;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    cluster = await startCluster(2);
  }, 40_000);
  afterAll(() => {
    for (const s of sockets) s.disconnect();
    if (cluster.child.exitCode === null) cluster.child.kill('SIGKILL');
  });

  it('runs two worker processes that answer over HTTP and name themselves in X-Mock-Worker', async () => {
    expect(cluster.workers.map((w) => w.id)).toEqual([1, 2]);
    // the workers are the primary's own children (tsx, which runs the sources here, may add its esbuild service)
    expect(childrenOf(cluster.child.pid ?? 0)).toEqual(expect.arrayContaining(cluster.workers.map((w) => w.pid)));
    const workers = new Set<number>();
    for (let i = 0; i < 4; i += 1) {
      const answer = await send(cluster.url, 'GET', '/api/agents');
      expect(answer.status).toBe(200);
      workers.add(answer.worker);
    }
    expect([...workers].sort()).toEqual([1, 2]);
  });

  it('delivers a broadcast sent on worker 1 to a member on worker 2 exactly once, and nothing to an outsider', async () => {
    const sender = await clientOn(cluster.url, 1, 'websocket');
    const member = await clientOn(cluster.url, 2, 'websocket');
    const outsider = await clientOn(cluster.url, 2, 'websocket');
    sockets.push(sender, member, outsider);
    const channelId = randomUUID();
    await Promise.all([join(sender, channelId), join(member, channelId)]);
    const [atMember, atSender, atOutsider] = [record(member), record(sender), record(outsider)];
    sender.emit('message', { type: 2, payload: { channelId, senderId: randomUUID(), message: 'across workers', messageServerId: NIL, messageId: 'c1' } });
    await until(() => atMember.length > 0 && atSender.length > 0);
    await new Promise((r) => setTimeout(r, 300)); // a duplicate or a stray copy would arrive within this
    expect(atMember).toEqual(['across workers']);
    expect(atSender).toEqual(['across workers']);
    expect(atOutsider).toEqual([]);
  });

  it('serves polling clients on both workers: every request of a session reaches the worker that holds it', async () => {
    const sender = await clientOn(cluster.url, 2, 'polling');
    const member = await clientOn(cluster.url, 1, 'polling');
    sockets.push(sender, member);
    const channelId = randomUUID();
    await Promise.all([join(sender, channelId), join(member, channelId)]);
    const atMember = record(member);
    for (let i = 0; i < 5; i += 1) sender.emit('message', { type: 2, payload: { channelId, senderId: randomUUID(), message: `poll ${i}`, messageServerId: NIL } });
    await until(() => atMember.length >= 5);
    await new Promise((r) => setTimeout(r, 300));
    expect(atMember).toEqual(['poll 0', 'poll 1', 'poll 2', 'poll 3', 'poll 4']);
    expect([workerOfSessionId(sender.io.engine.id), workerOfSessionId(member.io.engine.id)]).toEqual([2, 1]);
    expect(sender.connected && member.connected).toBe(true);
  });

  it('reads on worker 2 a channel created through worker 1 (REST state is replicated)', async () => {
    // a unique name per attempt: workers with one seed and no replication would draw the same channel ids
    let created: { status: number; worker: number; body: unknown } | undefined;
    for (let attempt = 0; attempt < 8 && created?.worker !== 1; attempt += 1) {
      created = await send(cluster.url, 'POST', '/api/messaging/channels', { name: `shared ${randomUUID()}`, participantCentralUserIds: [randomUUID()], message_server_id: NIL });
    }
    expect(created?.status).toBe(201);
    const channel = (created?.body as { data: { id: string; name: string } }).data;
    const read = await readOn(cluster.url, 2, `/api/messaging/channels/${channel.id}/details`);
    expect(read.status).toBe(200);
    expect((read.body as { data: { id: string; name: string } }).data).toMatchObject({ id: channel.id, name: channel.name });
  });

  it('stops every worker on SIGTERM and exits 0, leaving no process behind', async () => {
    const pids = cluster.workers.map((w) => w.pid);
    expect(pids.every(alive)).toBe(true);
    cluster.child.kill('SIGTERM');
    expect(await exited(cluster.child, 6000)).toBe(0);
    expect(cluster.output()).toContain('"event":"closed","signal":"SIGTERM"');
    await until(() => !pids.some(alive), 2000);
    expect(pids.filter(alive)).toEqual([]);
  });
});

describe('eliza-wire mock --cluster: failures', () => {
  it('stops the cluster and exits 1 naming the worker when one dies (nothing restarts)', async () => {
    const cluster = await startCluster(2);
    const [dead, other] = cluster.workers;
    process.kill(dead?.pid ?? 0, 'SIGKILL');
    expect(await exited(cluster.child, 6000)).toBe(1);
    expect(cluster.output()).toContain(`cluster worker ${dead?.id} (pid ${dead?.pid}) exited (SIGKILL)`);
    await until(() => !alive(other?.pid ?? 0), 2000);
    expect(alive(other?.pid ?? 0)).toBe(false);
  }, 40_000);

  it.each(['0', '33', 'two'])('rejects --cluster %s with exit 2 and a hint', async (value) => {
    const err: string[] = [];
    const code = await run(['mock', '--cluster', value], { stdout: () => undefined, stderr: (t) => err.push(t), writeFile: async () => undefined });
    expect(code).toBe(2);
    expect(err.join('')).toMatch(/--cluster must be a whole number from 1 to 32[\s\S]*this machine has \d+/);
  });
});
