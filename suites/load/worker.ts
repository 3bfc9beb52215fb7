/*
 * The entry of one `--workers` generator process (forked by workers.ts). It runs its share of the scenario, tells
 * the parent when its clients have joined, starts at the time the parent names, and sends back its result.
 *
 * Stopping: the parent's `abort` message or SIGINT (a terminal's Ctrl-C reaches the whole process group) ends the
 * measurement and sends the partial result; SIGTERM does too and then exits, as does the parent going away.
 */
import { setMaxListeners } from 'node:events';
import { measure } from './bench.js';
import { LoadInterruptedError, LoadTargetError, LoadUsageError } from './errors.js';
import type { WorkerOptions } from './partition.js';
import { aborted } from './stopping.js';
import type { ChildMessage, ParentMessage } from './workers.js';

/** Sends a message; resolves once it is written to the channel. */
function post(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

function errorMessage(error: unknown): ChildMessage {
  const kind = error instanceof LoadUsageError ? 'usage' : error instanceof LoadTargetError ? 'target' : error instanceof LoadInterruptedError ? 'interrupted' : 'other';
  const hint = error instanceof LoadUsageError ? error.hint : undefined;
  return { type: 'error', kind, message: error instanceof Error ? error.message : String(error), hint };
}

let startAt: ((at: number) => void) | undefined;
const started = new Promise<number>((resolve) => (startAt = resolve));
const stop = new AbortController();
setMaxListeners(0, stop.signal);
let finished = false;
let exitWhenDone = false;

process.on('message', (message: ParentMessage) => {
  if (message.type === 'start') startAt?.(message.at);
  if (message.type === 'run') void run(message.options);
  if (message.type === 'abort') stop.abort();
});
process.on('SIGINT', () => stop.abort());
process.on('SIGTERM', () => {
  stop.abort();
  exitWhenDone = true;
  if (finished) process.exit(0);
});
// the parent is gone: stop rather than load a server nobody listens to
process.on('disconnect', () => process.exit(0));

async function run(options: WorkerOptions): Promise<void> {
  try {
    const result = await measure({
      ...options,
      signal: stop.signal,
      // aborted while waiting for the start: start at once, so that the scenario sees the abort and ends
      gate: () => {
        void post({ type: 'ready' });
        return Promise.race([started, aborted(stop.signal).then(() => Date.now())]);
      },
      onProgress: (progress) => void post({ type: 'progress', progress }),
    });
    await post({ type: 'result', result });
  } catch (error) {
    await post(errorMessage(error));
  }
  finished = true;
  if (exitWhenDone) process.exit(0);
}
