/**
 * The payload limits as flags of the real `eliza-wire mock` process: each reaches the mock, a bad value is a usage
 * error (exit 2), and the help names each default. A hostile client cannot stop the process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { connect, HOLE, nested, NIL, splice, until } from './hostile-helpers.js';

const bin = new URL('../../bin/eliza-wire.ts', import.meta.url).pathname;
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

function start(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', bin, 'mock', '--port', '0', '--log-level', 'silent', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no READY in 15 s: ${out}`)), 15_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /^READY (\S+)$/m.exec(out);
      if (ready) {
        clearTimeout(timer);
        resolve({ child, url: ready[1] as string });
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before READY: ${out}`)));
  });
}

describe('eliza-wire mock payload limits', () => {
  it('--max-payload-depth, --max-body-bytes and --max-socket-message-bytes reach the mock; 5,000 levels do not stop the process', async () => {
    const { child, url } = await start(['--profile', 'documented', '--max-payload-depth', '3', '--max-body-bytes', '1000', '--max-socket-message-bytes', '50000']);
    const post = (body: string) => fetch(`${url}/api/messaging/channels`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const deep = await post(`{"name":"x","participantCentralUserIds":[],"message_server_id":"${NIL}","metadata":${nested(3)}}`);
    expect(deep.status).toBe(400);
    expect(((await deep.json()) as { error: { message: string } }).error.message).toMatch(/deeper than 3 levels/);
    const large = await post(JSON.stringify({ name: 'x'.repeat(2000) }));
    expect(large.status).toBe(413);
    const client = await connect(url, 'websocket');
    client.raw(`2${splice(['update_log_filters', HOLE], nested(5000))}`);
    expect(await until(() => client.events.some((e) => e.event === 'messageError'))).toBe(true);
    client.raw(`2${splice(['message', HOLE], JSON.stringify('x'.repeat(60_000)))}`);
    expect(await until(() => client.closed())).toBe(true);
    expect(child.exitCode).toBeNull();
    expect((await fetch(`${url}/api/server/ping`)).status).toBe(200);
    child.kill('SIGTERM');
  });

  it('refuses a limit below 1 as a usage error (exit 2) and shows each default in the help', async () => {
    const bad = await cli('mock', '--max-payload-depth', '0');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--max-payload-depth must be a whole number from 1/);
    const help = await cli('mock', '--help');
    expect(help.stdout.replace(/\s+/g, ' ')).toMatch(/--max-payload-depth <n>.*\(default: 64\).*--max-body-bytes <n>.*\(default: 2097152\).*--max-socket-message-bytes <n>.*\(default: 1000000\)/);
  });
});
