/**
 * One worker of a mock cluster (primary.ts forks it): a full mock built from the primary's options, listening on
 * its own loopback port for the requests and websockets the primary's proxy forwards (proxy.ts), its rooms shared
 * through @socket.io/cluster-adapter.
 * It tells which worker answered: the `X-Mock-Worker: <n>` response header, and engine.io session ids `w<n>-…`
 * (a client reads it as `socket.io.engine.id`).
 */
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/cluster-adapter';
import { createMockServer, type MockServer } from '../server.js';
import { replicateState } from './replicate.js';
import { CLUSTER_ENV, type ClusterMockOptions, type PrimaryMessage, type WorkerMessage } from './primary.js';

export { workerOfSessionId } from './routing.js';

/**
 * An engine.io session id that names its worker, so the primary routes the session's requests there: `w<n>-` and
 * random base64url, 20 characters like engine.io's own.
 */
export function workerSessionId(worker: number): string {
  return `w${worker}-${randomBytes(15).toString('base64url')}`.slice(0, 20);
}

function tag(mock: MockServer, worker: number): void {
  mock.io.engine.generateId = () => workerSessionId(worker);
  // before engine.io and Express: every response, the socket.io handshake included, names its worker
  mock.http.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => res.setHeader('X-Mock-Worker', String(worker)));
}

/** A loopback port of this worker's own: `exclusive`, or node:cluster would share the primary's listening handle. */
function listenPrivately(mock: MockServer): Promise<number> {
  return new Promise((resolve, reject) => {
    mock.http.once('error', reject);
    mock.http.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      mock.http.off('error', reject);
      resolve((mock.http.address() as AddressInfo).port);
    });
  });
}

function send(message: WorkerMessage): void {
  process.send?.(message);
}

/** Builds the worker's mock, joins the cluster and tells the primary it is ready. */
export async function runClusterWorker(worker: number, options: ClusterMockOptions): Promise<void> {
  const { snapshotTimeoutMs, ...mockOptions } = options;
  const mock = createMockServer(mockOptions);
  mock.io.adapter(createAdapter());
  tag(mock, worker);
  // takes the running workers' state before this one is ready, then sends and applies every write
  const replication = await replicateState(mock, snapshotTimeoutMs === undefined ? {} : { snapshotTimeoutMs });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    replication.close();
    await Promise.race([mock.close(), new Promise((r) => setTimeout(r, 1000).unref())]);
    process.exit(0);
  };
  process.on('message', (message: PrimaryMessage) => {
    if (message?.type === 'eliza-wire:stop') void stop();
  });
  // the primary orchestrates: a terminal's Ctrl-C reaches the whole group, the primary stops the workers itself;
  // if the primary dies, the IPC channel closes and the worker goes with it (no orphans)
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => undefined);
  process.on('disconnect', () => void stop());
  send({ type: 'eliza-wire:ready', port: await listenPrivately(mock) });
}

function fromEnv(): { worker: number; options: ClusterMockOptions } {
  const worker = Number(process.env[CLUSTER_ENV.worker]);
  const options = JSON.parse(process.env[CLUSTER_ENV.options] ?? '{}') as ClusterMockOptions;
  return { worker, options };
}

if (cluster.isWorker && process.env[CLUSTER_ENV.options] !== undefined) {
  const { worker, options } = fromEnv();
  runClusterWorker(worker, options).catch((error: unknown) => {
    send({ type: 'eliza-wire:error', message: error instanceof Error ? error.message : String(error) });
    process.exitCode = 1;
    process.disconnect();
  });
}
