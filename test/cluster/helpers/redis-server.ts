import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../helpers/ports.js';
import { REDIS } from '../../helpers/service.js';

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

function waitForReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) resolve();
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
    setTimeout(() => reject(new Error(`redis-server not ready after 5 s: ${out}`)), 5000).unref();
  });
}

/** A real redis-server on 127.0.0.1 and a free port (or `port`, to restart one), without persistence; `stop()` ends it. */
export async function startRedis(bin = REDIS.path ?? 'redis-server', port?: number): Promise<RedisServer> {
  port ??= await freePort();
  const child = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await waitForReady(child);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
