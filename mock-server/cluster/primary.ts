/**
 * The mock as a cluster on one machine: n worker processes (node:cluster), each a full mock with the same options
 * listening on its own loopback port, behind one port owned by this process. proxy.ts routes each HTTP request
 * (round-robin, or the worker that holds the engine.io session a request names), websocket upgrades included; @socket.io/cluster-adapter relays room broadcasts between the workers; each worker keeps its
 * state in step with the others (replicate.ts).
 */
import cluster, { type Worker } from 'node:cluster';
import type { AddressInfo, Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { setupPrimary } from '@socket.io/cluster-adapter';
import { configError } from '../errors.js';
import { resolveOptions, type MockServerOptions } from '../options.js';
import { createClusterProxy, type Backend, type Pick } from './proxy.js';

/** The largest `workers` accepted: beyond it the broadcast relay through this process costs more than the cores add. */
export const MAX_CLUSTER_WORKERS = 32;

/** Environment of a worker: its options (JSON) and its number, 1..n. */
export const CLUSTER_ENV = { options: 'ELIZA_WIRE_CLUSTER_OPTIONS', worker: 'ELIZA_WIRE_CLUSTER_WORKER' } as const;

/** What a worker tells the primary, and what the primary tells a worker. */
export type WorkerMessage = { type: 'eliza-wire:ready'; port: number } | { type: 'eliza-wire:error'; message: string };
export type PrimaryMessage = { type: 'eliza-wire:stop' };

/** Mock options that cross a process boundary: plain data only (no clock, logger, store or behaviour object). */
export type ClusterMockOptions = Omit<MockServerOptions, 'clock' | 'logger' | 'store' | 'agent'> & {
  agent?: 'echo' | 'silent';
  /** Passed to `replicateState` in each worker. */
  snapshotTimeoutMs?: number;
};

export interface MockClusterOptions extends ClusterMockOptions {
  /** Worker processes, 1..MAX_CLUSTER_WORKERS. */
  workers: number;
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** How long every worker has to become ready. Default 30 s. */
  readyTimeoutMs?: number;
}

export interface ClusterWorker {
  /** 1..n: the `X-Mock-Worker` header and the `w<n>-` prefix of the engine.io session id. */
  id: number;
  pid: number;
}

/** A worker that died while the cluster served. */
export interface WorkerExit extends ClusterWorker {
  code: number | null;
  signal: string | null;
}

/** The handle `startMockCluster` returns. */
export interface MockCluster {
  readonly url: string;
  readonly workers: readonly ClusterWorker[];
  /**
   * Resolves when a worker dies while the cluster serves. Nothing is restarted: the other workers are stopped at
   * once, so a test never runs against a cluster that silently lost part of its clients. Pending after `close()`.
   */
  readonly failed: Promise<WorkerExit>;
  /** Stops every worker (SIGKILL after 1.5 s) and frees the port. */
  close(): Promise<void>;
}

/** A worker's mock closes within about 0.5 s (shutdown.ts); one that has not exited by this is killed. */
const STOP_GRACE_MS = 1500;
let running = false;
let adapterRelay = false;

function checkOptions(options: MockClusterOptions): void {
  const { workers } = options;
  if (!Number.isInteger(workers) || workers < 1 || workers > MAX_CLUSTER_WORKERS) {
    throw configError(`workers must be a whole number from 1 to ${MAX_CLUSTER_WORKERS}, got ${workers}`);
  }
  const loose = options as MockServerOptions;
  for (const key of ['clock', 'logger', 'store'] as const) {
    if (loose[key] !== undefined) throw configError(`${key} cannot cross into cluster workers: use createMockServer for a mock with your own ${key}`);
  }
  if (typeof loose.agent === 'object') throw configError('a custom agent behaviour cannot cross into cluster workers: use agent "echo" or "silent"');
  if (cluster.isWorker) throw configError('startMockCluster runs in a primary process, not in a cluster worker');
  if (running) throw configError('one mock cluster per process: close() the running one first (the workers of a process are shared)');
  resolveOptions(options);
}

/** The worker entry next to this module: worker.js when built, worker.ts through tsx from the sources. */
function workerEntry(): { exec: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  const fromSource = here.endsWith('.ts');
  return { exec: here.replace(/primary\.(ts|js)$/, `worker.${fromSource ? 'ts' : 'js'}`), execArgv: fromSource ? ['--import', 'tsx'] : [] };
}

function isMessage(value: unknown): value is WorkerMessage {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Resolves with the loopback port the worker listens on once it is ready. */
function untilReady(worker: Worker, id: number, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const finish = (error?: Error, port = 0) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      if (error) reject(error);
      else resolve(port);
    };
    const timer = setTimeout(() => finish(new Error(`cluster worker ${id} was not ready within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: unknown) => {
      if (!isMessage(message)) return;
      if (message.type === 'eliza-wire:ready') finish(undefined, message.port);
      if (message.type === 'eliza-wire:error') finish(new Error(`cluster worker ${id}: ${message.message}`));
    };
    const onExit = (code: number | null, signal: string | null) => finish(new Error(`cluster worker ${id} exited (${signal ?? `code ${code}`}) before it was ready`));
    worker.on('message', onMessage);
    worker.on('exit', onExit);
  });
}

async function stopWorker(worker: Worker): Promise<void> {
  if (worker.isDead()) return;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.send({ type: 'eliza-wire:stop' } satisfies PrimaryMessage, undefined, () => undefined);
  const kill = setTimeout(() => worker.process.kill('SIGKILL'), STOP_GRACE_MS);
  await Promise.race([exited, new Promise((r) => setTimeout(r, STOP_GRACE_MS + 300).unref())]);
  clearTimeout(kill);
}

function listen(server: Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      resolve(`http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`);
    });
  });
}

/**
 * Round-robin: a request that names no engine.io session (REST, a polling handshake, a websocket-only client) goes
 * to the next worker, so REST traffic is spread too; a request naming one (`sid=w<n>-…`) goes to worker n, which
 * holds it. No worker (not all ready yet, or stopping): the request is refused.
 */
function router(ready: () => readonly Backend[]): Pick {
  let next = 0;
  return (sessionWorker) => {
    const live = ready();
    return live.find(({ id }) => id === sessionWorker) ?? live[next++ % Math.max(live.length, 1)];
  };
}

function isServing(forked: readonly { worker: Worker; id: number }[], id: number): boolean {
  const worker = forked.find((f) => f.id === id)?.worker;
  return worker !== undefined && worker.isConnected() && !worker.isDead();
}

function fork(options: MockClusterOptions): { worker: Worker; id: number }[] {
  const { workers, port: _port, host: _host, readyTimeoutMs: _ready, ...mockOptions } = options;
  cluster.setupPrimary({ ...workerEntry(), args: [] });
  const env = { [CLUSTER_ENV.options]: JSON.stringify(mockOptions) };
  return Array.from({ length: workers }, (_, i) => ({ id: i + 1, worker: cluster.fork({ ...env, [CLUSTER_ENV.worker]: String(i + 1) }) }));
}

function watch(forked: { worker: Worker; id: number }[], isClosing: () => boolean, close: () => Promise<void>): Promise<WorkerExit> {
  return new Promise((resolve) => {
    for (const { worker, id } of forked) {
      worker.once('exit', (code: number | null, signal: string | null) => {
        if (isClosing()) return;
        resolve({ id, pid: worker.process.pid ?? 0, code, signal });
        void close();
      });
    }
  });
}

/**
 * Starts the mock as a cluster of `workers` processes behind one port and resolves once every worker is ready.
 * This process becomes the cluster primary: one mock cluster per process at a time.
 *
 * @example
 * const cluster = await startMockCluster({ workers: 2, profile: 'documented' });
 * // … point clients at cluster.url: broadcasts reach members on every worker …
 * await cluster.close();
 */
export async function startMockCluster(options: MockClusterOptions): Promise<MockCluster> {
  checkOptions(options);
  running = true;
  let forked: { worker: Worker; id: number }[] = [];
  let ready: Backend[] = [];
  const { server, sockets, agent } = createClusterProxy(router(() => ready.filter((b) => isServing(forked, b.id))));
  if (!adapterRelay) setupPrimary();
  adapterRelay = true;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      // stop accepting; the workers close their mocks (their goodbyes reach the clients through this proxy, each
      // bounded by the mock's close), then whatever connection is left here is destroyed
      ready = [];
      if (server.listening) server.close();
      await Promise.all(forked.map(({ worker }) => stopWorker(worker)));
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
      agent.destroy();
      running = false;
    })();
    return closing;
  };
  try {
    const url = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
    forked = fork(options);
    const ports = await Promise.all(forked.map(({ worker, id }) => untilReady(worker, id, options.readyTimeoutMs ?? 30_000)));
    ready = forked.map(({ id }, i) => ({ id, port: ports[i] ?? 0 }));
    const failed = watch(forked, () => closing !== undefined, close);
    return { url, workers: forked.map(({ worker, id }) => ({ id, pid: worker.process.pid ?? 0 })), failed, close };
  } catch (error) {
    await close();
    throw error;
  }
}
