import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/ports.js';
import { startRedis, type RedisServer } from './helpers/redis-server.js';
import { REDIS, needService } from '../helpers/service.js';
import { until } from './helpers/redis-mocks.js';

const bin = new URL('../../bin/eliza-wire.ts', import.meta.url).pathname;
const NIL = '00000000-0000-0000-0000-000000000000';
const hasRedis = needService(REDIS);
let redis: RedisServer | undefined;
const children: ChildProcess[] = [];

beforeAll(async () => {
  if (hasRedis) redis = await startRedis();
});
afterAll(() => redis?.stop());
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

interface Run { child: ChildProcess; stdout: () => string; stderr: () => string; exited: Promise<number | null> }

function mock(args: string[]): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', bin, 'mock', '--port', '0', '--log-level', 'silent', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function ready(run: Run): Promise<string> {
  expect(await until(() => run.stdout().includes('\n') || run.child.exitCode !== null, 15_000)).toBe(true);
  const line = run.stdout().split('\n')[0] ?? '';
  expect(line, run.stderr()).toMatch(/^READY http:\/\/127\.0\.0\.1:\d+$/);
  return line.slice('READY '.length);
}

describe.runIf(hasRedis)('eliza-wire mock --redis', () => {
  it('shares state between two processes and closes cleanly on SIGTERM', async () => {
    const a = mock(['--redis', redis!.url]);
    const b = mock(['--redis', redis!.url]);
    const [urlA, urlB] = await Promise.all([ready(a), ready(b)]);
    const created = await fetch(`${urlA}/api/messaging/channels`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'over redis', message_server_id: NIL, participantCentralUserIds: [], type: 'GROUP', metadata: {} }) });
    const { data } = (await created.json()) as { data: { id: string } };
    expect(await until(async () => (await fetch(`${urlB}/api/messaging/channels/${data.id}/details`)).status === 200)).toBe(true);
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);
    expect(a.stdout()).toContain('closed (SIGTERM)');
  }, 40_000);

  it('keeps serving while its Redis is down, writing through it, and still exits 0 within 2 s of SIGTERM', async () => {
    const own = await startRedis();
    const run = mock(['--redis', own.url]);
    const url = await ready(run);
    await own.stop();
    const created = await fetch(`${url}/api/messaging/channels`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'while down', message_server_id: NIL, participantCentralUserIds: [], type: 'GROUP', metadata: {} }) });
    expect(created.status).toBe(201);
    await new Promise((r) => setTimeout(r, 200));
    expect(run.child.exitCode).toBe(null);
    const t0 = Date.now();
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(Date.now() - t0).toBeLessThan(2000);
  }, 30_000);

  it('exits 2 with a hint when Redis is unreachable', async () => {
    const port = await freePort();
    const run = mock(['--redis', `redis://127.0.0.1:${port}`]);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain(`cannot reach Redis at redis://127.0.0.1:${port}`);
    expect(run.stderr()).toMatch(/redis-server --port 6379|--redis redis:\/\//);
    expect(run.stdout()).not.toContain('READY');
  }, 20_000);

  it('refuses --redis with --cluster (exit 2)', async () => {
    const run = mock(['--redis', redis!.url, '--cluster', '2']);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain('--redis and --cluster cannot be combined');
  }, 20_000);
});
