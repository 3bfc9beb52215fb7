import { availableParallelism } from 'node:os';
import { DEFAULT_PROFILE } from '../spec/index.js';
import { MAX_CLUSTER_WORKERS, startMockCluster, type MockCluster, type MockClusterOptions, type WorkerExit } from '../mock-server/cluster/primary.js';
import type { CheckOutcome } from './check-command.js';
import { UsageError } from './errors.js';
import type { CliIo } from './io.js';

/** `--cluster <n>`: 1..MAX_CLUSTER_WORKERS worker processes. */
export function clusterFlag(value: string): number {
  const n = Number(value);
  if (Number.isInteger(n) && n >= 1 && n <= MAX_CLUSTER_WORKERS) return n;
  const cores = availableParallelism();
  throw new UsageError(`--cluster must be a whole number from 1 to ${MAX_CLUSTER_WORKERS}, got "${value}"`, `more workers than cores only adds overhead: this machine has ${cores}, e.g. --cluster ${Math.min(cores, MAX_CLUSTER_WORKERS)}`);
}

async function start(options: MockClusterOptions): Promise<MockCluster> {
  try {
    return await startMockCluster(options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`port ${options.port} on ${options.host} is in use`, 'pick another with --port <n>, or --port 0 for a free one');
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UsageError(`cannot listen on host ${options.host}`, 'use --host 127.0.0.1 (the default) or an address of this machine');
    throw error;
  }
}

function describeExit(exit: WorkerExit): string {
  return `cluster worker ${exit.id} (pid ${exit.pid}) exited (${exit.signal ?? `code ${exit.code}`}); the other workers were stopped, nothing is restarted`;
}

/**
 * `eliza-wire mock --cluster <n>`: READY once every worker is ready; SIGINT or SIGTERM stops the workers (exit 0);
 * a worker that dies stops the cluster with exit 1, so a supervisor or CI sees it.
 */
export async function runCluster(options: MockClusterOptions, json: boolean, io: CliIo, stop: () => Promise<string>, outcome: CheckOutcome): Promise<void> {
  // Listen for signals before READY: a supervisor may stop the mock the moment it sees that line.
  const stopped = stop().then((signal) => ({ signal }));
  const cluster = await start(options);
  const profile = options.profile ?? DEFAULT_PROFILE;
  io.stdout(json ? `${JSON.stringify({ event: 'ready', url: cluster.url, profile, workers: cluster.workers })}\n` : `READY ${cluster.url}\n`);
  const end = await Promise.race([stopped, cluster.failed.then((exit) => ({ exit }))]);
  await cluster.close();
  if ('exit' in end) {
    io.stderr(`eliza-wire: ${describeExit(end.exit)}\n`);
    outcome.exitCode = 1;
    if (json) io.stdout(`${JSON.stringify({ event: 'closed', worker: end.exit })}\n`);
    return;
  }
  io.stdout(json ? `${JSON.stringify({ event: 'closed', signal: end.signal })}\n` : `closed (${end.signal})\n`);
}
