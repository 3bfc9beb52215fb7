import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MockConfigError, echoAgent } from '../../mock-server/index.js';
import { startMockCluster, type MockCluster } from '../../mock-server/cluster/primary.js';

let running: MockCluster | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

describe('startMockCluster', () => {
  it('resolves with the url once both workers answer, and close() stops them and frees the port', async () => {
    running = await startMockCluster({ workers: 2, logLevel: 'warn' });
    const cluster = running;
    expect(cluster.workers.map((w) => w.id)).toEqual([1, 2]);
    const seen = new Set<string | null>();
    for (let i = 0; i < 4; i += 1) seen.add((await fetch(`${cluster.url}/api/agents`, { headers: { connection: 'close' } })).headers.get('x-mock-worker'));
    expect([...seen].sort()).toEqual(['1', '2']);
    await cluster.close();
    running = undefined;
    expect(await portIsFree(Number(new URL(cluster.url).port))).toBe(true);
    for (const { pid } of cluster.workers) expect(() => process.kill(pid, 0)).toThrow();
  }, 40_000);

  it('allows one cluster per process at a time', async () => {
    running = await startMockCluster({ workers: 1, logLevel: 'warn' });
    await expect(startMockCluster({ workers: 1 })).rejects.toThrow(/one mock cluster per process/);
  }, 40_000);

  it.each([
    [{ workers: 0 }, /workers must be a whole number from 1 to 32/],
    [{ workers: 2, agent: echoAgent }, /custom agent behaviour cannot cross/],
    [{ workers: 2, profile: 'nope' }, /profile must be/],
  ])('rejects bad options before forking anything: %o', async (options, message) => {
    const error = await startMockCluster(options as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MockConfigError);
    expect((error as Error).message).toMatch(message);
  });
});
