import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../bin/program.js';

const bin = new URL('../../bin/eliza-wire.ts', import.meta.url).pathname;
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

function start(args: string[]): Promise<{ child: ChildProcess; firstLine: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', bin, 'mock', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no first line in 10 s: ${out}`)), 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve({ child, firstLine: out.split('\n')[0] ?? '', output: () => out });
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before READY: ${out}`)));
  });
}

function exitWithin(child: ChildProcess, ms: number): Promise<{ code: number | null; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, ms: performance.now() - t0 });
    });
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

describe('eliza-wire mock', () => {
  it('prints READY <url>, serves, and on SIGINT closes open sockets and frees the port within 2 s', async () => {
    const { child, firstLine } = await start(['--port', '0', '--log-level', 'silent']);
    expect(firstLine).toMatch(/^READY http:\/\/127\.0\.0\.1:\d+$/);
    const url = firstLine.slice('READY '.length);
    expect((await fetch(`${url}/api/agents`)).status).toBe(200);
    const socket = io(url, { auth: { entityId: randomUUID() }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    let disconnected = false;
    socket.once('disconnect', () => {
      disconnected = true;
    });
    child.kill('SIGINT');
    const exit = await exitWithin(child, 2000);
    expect(exit.code).toBe(0);
    expect(disconnected).toBe(true);
    expect(await portIsFree(Number(new URL(url).port))).toBe(true);
  }, 20_000);

  it('prints JSON lines with --json and stops on SIGTERM', async () => {
    const { child, firstLine, output } = await start(['--port', '0', '--json', '--profile', 'documented', '--log-level', 'silent']);
    expect(JSON.parse(firstLine)).toEqual({ event: 'ready', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), profile: 'documented' });
    child.kill('SIGTERM');
    expect((await exitWithin(child, 2000)).code).toBe(0);
    expect(JSON.parse(output().split('\n')[1] ?? '')).toEqual({ event: 'closed', signal: 'SIGTERM' });
  }, 20_000);

  it('honours --agents, --seed and --auth-token', async () => {
    const { child, firstLine } = await start(['--port', '0', '--agents', '3', '--seed', '9', '--auth-token', 'tok', '--log-level', 'silent']);
    const url = firstLine.slice('READY '.length);
    expect((await fetch(`${url}/api/agents`)).status).toBe(401);
    const body = (await (await fetch(`${url}/api/agents`, { headers: { 'X-API-KEY': 'tok' } })).json()) as { data: { agents: unknown[] } };
    expect(body.data.agents).toHaveLength(4);
    child.kill('SIGINT');
    await exitWithin(child, 2000);
  }, 20_000);

  it.each([
    [['mock', '--port', '70000'], /--port must be a whole number from 0 to 65535/],
    [['mock', '--latency', '5-1'], /--latency takes ms or min-max/],
    [['mock', '--rate-limit', 'lots'], /--rate-limit takes n\/window/],
    [['mock', '--event-fault', 'messageAck:drop=2'], /--event-fault: "drop=2"/],
    [['mock', '--profile', 'v2'], /argument 'v2' is invalid/],
    [['mock', '--agent', 'smart'], /argument 'smart' is invalid/],
  ])('exits 2 on %j with a one-line message and a hint', async (argv, message) => {
    let stderr = '';
    const code = await run(argv, { stdout: () => undefined, stderr: (t) => (stderr += t), writeFile: async () => undefined });
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toMatch(message);
    expect(stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(2);
  });

  it('exits 2 when the port is taken, saying to pick another', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    let stderr = '';
    const code = await run(['mock', '--port', String(port), '--log-level', 'silent'], { stdout: () => undefined, stderr: (t) => (stderr += t), writeFile: async () => undefined }, { stop: async () => 'test' });
    blocker.close();
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`port ${port} on 127.0.0.1 is in use\\n  pick another with --port <n>, or --port 0`));
  });
});
