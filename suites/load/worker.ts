/*
 * The entry of one `--workers` generator process (forked by workers.ts). It runs its share of the scenario, tells
 * the parent when its clients have joined, starts at the time the parent names, and sends back its result.
 */
import { measure } from './bench.js';
import { LoadTargetError, LoadUsageError } from './errors.js';
import type { WorkerOptions } from './partition.js';
import type { ChildMessage, ParentMessage } from './workers.js';

function post(message: ChildMessage): void {
  process.send?.(message);
}

function errorMessage(error: unknown): ChildMessage {
  const kind = error instanceof LoadUsageError ? 'usage' : error instanceof LoadTargetError ? 'target' : 'other';
  const hint = error instanceof LoadUsageError ? error.hint : undefined;
  return { type: 'error', kind, message: error instanceof Error ? error.message : String(error), hint };
}

let startAt: ((at: number) => void) | undefined;
const started = new Promise<number>((resolve) => (startAt = resolve));

process.on('message', (message: ParentMessage) => {
  if (message.type === 'start') startAt?.(message.at);
  if (message.type === 'run') void run(message.options);
});
// the parent is gone: stop rather than load a server nobody listens to
process.on('disconnect', () => process.exit(0));

async function run(options: WorkerOptions): Promise<void> {
  try {
    const result = await measure({
      ...options,
      gate: () => {
        post({ type: 'ready' });
        return started;
      },
      onProgress: (progress) => post({ type: 'progress', progress }),
    });
    post({ type: 'result', result });
  } catch (error) {
    post(errorMessage(error));
  }
}
