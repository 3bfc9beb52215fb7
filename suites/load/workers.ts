import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchOptions } from './bench.js';
import { LoadInterruptedError, LoadTargetError, LoadUsageError } from './errors.js';
import { mergeResults } from './merge.js';
import { partition, type WorkerOptions } from './partition.js';
import type { BenchProgress } from './progress.js';
import type { BenchResult } from './result.js';

/** What the parent tells a worker: its share of the run, then when to start. */
export type ParentMessage = { type: 'run'; options: WorkerOptions } | { type: 'start'; at: number } | { type: 'abort' };

/** What a worker tells the parent. */
export type ChildMessage =
  | { type: 'ready' }
  | { type: 'progress'; progress: BenchProgress }
  | { type: 'result'; result: BenchResult }
  | { type: 'error'; kind: 'usage' | 'target' | 'interrupted' | 'other'; message: string; hint?: string };

/** How long after the last worker is ready they all start: time for the start message to arrive everywhere. */
const START_MARGIN_MS = 100;

/** The worker entry next to this module: worker.js when built, worker.ts through tsx from the sources. */
function workerEntry(): { path: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  const fromSource = here.endsWith('.ts');
  return { path: here.replace(/workers\.(ts|js)$/, `worker.${fromSource ? 'ts' : 'js'}`), execArgv: fromSource ? ['--import', 'tsx'] : [] };
}

function asError(message: Extract<ChildMessage, { type: 'error' }>, worker: number): Error {
  const text = `worker ${worker + 1}: ${message.message}`;
  if (message.kind === 'usage') return new LoadUsageError(text, message.hint);
  if (message.kind === 'target') return new LoadTargetError(text);
  if (message.kind === 'interrupted') return new LoadInterruptedError();
  return new Error(text);
}

/** Names the start time to every worker: the caller's gate (`--start-at`), or just after the last one is ready. */
async function startAll(children: ChildProcess[], gate: BenchOptions['gate']): Promise<void> {
  const at = gate ? await gate() : Date.now() + START_MARGIN_MS;
  for (const c of children) c.send({ type: 'start', at } satisfies ParentMessage);
}

/** Sums the latest progress of every worker into one snapshot. */
function combinedProgress(latest: (BenchProgress | undefined)[]): BenchProgress | undefined {
  const known = latest.filter((p): p is BenchProgress => p !== undefined);
  const first = known[0];
  if (!first) return undefined;
  const sum = (pick: (p: BenchProgress) => number | undefined) => known.reduce((n, p) => n + (pick(p) ?? 0), 0);
  const total = known.every((p) => p.total !== undefined) && known.length === latest.length ? sum((p) => p.total) : undefined;
  return {
    elapsedMs: Math.max(...known.map((p) => p.elapsedMs)),
    sent: sum((p) => p.sent),
    received: sum((p) => p.received),
    ...(total !== undefined ? { total } : {}),
    ...(first.receivedLabel ? { receivedLabel: first.receivedLabel } : {}),
    ratePerSec: sum((p) => p.ratePerSec),
    receivedPerSec: sum((p) => p.receivedPerSec),
    lagMs: Math.max(...known.map((p) => p.lagMs)),
    ...(first.connected !== undefined ? { connected: sum((p) => p.connected), disconnected: sum((p) => p.disconnected) } : {}),
  };
}

/** On abort every worker stops and sends what it measured (worker.ts); the parent still merges them. */
function abortOnSignal(children: ChildProcess[], signal: AbortSignal | undefined): () => void {
  const abort = () => {
    for (const c of children) if (c.connected) c.send({ type: 'abort' } satisfies ParentMessage);
  };
  signal?.addEventListener('abort', abort, { once: true });
  return () => signal?.removeEventListener('abort', abort);
}

/**
 * Runs a scenario over `options.workers` generator processes, each owning whole rooms (partition.ts), all started at
 * one wall-clock time once every worker's clients have joined, and merges their results (merge.ts). If one worker
 * fails, the others are stopped and its error is thrown. When `options.signal` fires, the workers end their
 * measurement and the partial results are merged.
 */
export async function runWorkers(options: BenchOptions & { workers: number }): Promise<BenchResult> {
  const shares = partition(options, options.workers);
  const entry = workerEntry();
  const workers = shares.map((share) => ({ share, child: fork(entry.path, [], { execArgv: entry.execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }) }));
  const children: ChildProcess[] = workers.map((w) => w.child);
  const latest: (BenchProgress | undefined)[] = shares.map(() => undefined);
  let ready = 0;
  const stopAborting = abortOnSignal(children, options.signal);
  try {
    const results = await Promise.all(
      workers.map(
        ({ share, child }, w) =>
          new Promise<BenchResult>((resolve, reject) => {
            child.on('message', (message: ChildMessage) => {
              if (message.type === 'ready' && ++ready === children.length) {
                void startAll(children, options.gate).catch(reject);
              } else if (message.type === 'progress') {
                latest[w] = message.progress;
                const combined = w === 0 ? combinedProgress(latest) : undefined;
                if (combined) options.onProgress?.(combined);
              } else if (message.type === 'result') resolve(message.result);
              else if (message.type === 'error') reject(asError(message, w));
            });
            // 'close' (not 'exit') comes after the IPC channel has delivered the worker's last message
            child.once('close', (code, signal) => reject(new Error(`worker ${w + 1} exited (${signal ?? code}) before it sent its result`)));
            child.once('error', reject);
            child.send({ type: 'run', options: share } satisfies ParentMessage);
          }),
      ),
    );
    return mergeResults(results);
  } finally {
    stopAborting();
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  }
}
