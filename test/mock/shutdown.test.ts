import { spawn, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { manySockets, partialRequest, stalledWebsocket } from './shutdown-helpers.js';

const bin = new URL('../../bin/eliza-wire.ts', import.meta.url).pathname;
const children: ChildProcess[] = [];
const sockets: Socket[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.destroy();
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

/** `eliza-wire mock` as a real process, resolved at its READY line. */
function startMock(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', bin, 'mock', '--port', '0', '--log-level', 'silent'], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no READY in 15 s: ${out}`)), 15_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /READY (\S+)\n/.exec(out);
      if (!ready) return;
      clearTimeout(timer);
      resolve({ child, url: ready[1]!, output: () => out });
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before READY: ${out}`)));
  });
}

/** Sends `signal` and resolves with the exit code and how long the process took to end, or rejects after `ms`. */
function stopWithin(child: ChildProcess, signal: NodeJS.Signals, ms: number): Promise<{ code: number | null; ms: number }> {
  const t0 = performance.now();
  const exited = new Promise<{ code: number | null; ms: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still running ${ms} ms after ${signal}`)), ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, ms: performance.now() - t0 });
    });
  });
  child.kill(signal);
  return exited;
}

describe('eliza-wire mock ends within 2 s of a signal, whatever its connections do', () => {
  it('ends on SIGTERM while a connection holds half a request head', async () => {
    const { child, url, output } = await startMock();
    sockets.push(await partialRequest(url));
    const exit = await stopWithin(child, 'SIGTERM', 2000);
    expect(exit.code).toBe(0);
    expect(output()).toContain('closed (SIGTERM)');
  }, 30_000);

  it('ends on SIGINT while a websocket client has stopped reading', async () => {
    const { child, url } = await startMock();
    sockets.push(await stalledWebsocket(url));
    expect((await stopWithin(child, 'SIGINT', 2000)).code).toBe(0);
  }, 30_000);

  it('ends on SIGTERM with 3 000 open sockets, some half-way through a request, one websocket stalled', async () => {
    const { child, url } = await startMock();
    sockets.push(...(await manySockets(url, 2990)));
    for (let i = 0; i < 9; i += 1) sockets.push(await partialRequest(url));
    sockets.push(await stalledWebsocket(url));
    expect((await stopWithin(child, 'SIGTERM', 2000)).code).toBe(0);
  }, 60_000);
});
