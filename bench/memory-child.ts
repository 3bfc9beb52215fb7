/**
 * The mock as a child process for the memory sections (memory-suite.ts, soak-suite.ts): options as JSON in
 * `MEMORY_CHILD_OPTIONS`, `READY <url>` on stdout, and on the IPC message `'sample'` an answer with its heap (after
 * a full GC: run it with --expose-gc), RSS, state counts and the diagnostics it reported, by code.
 */
import { createMockServer, type MockServerOptions } from '../mock-server/index.js';

export interface ChildSample {
  heapMb: number;
  rssMb: number;
  state: Record<string, number>;
  diagnostics: Record<string, number>;
  /** Sockets connected to the mock. */
  sockets: number;
}

const options = JSON.parse(process.env.MEMORY_CHILD_OPTIONS ?? '{}') as MockServerOptions;
const mock = createMockServer({ logLevel: 'warn', thinkMs: 0, ...options });
const diagnostics: Record<string, number> = {};
mock.events.on('diagnostic', (d) => {
  diagnostics[d.code] = (diagnostics[d.code] ?? 0) + 1;
});
/** `{ fill: { channelId, stored, inChannel } }`: stores messages directly (the read-cost bench), then collects. */
interface Fill { fill: { channelId: string; stored: number; inChannel: number } }

function fill({ channelId, stored, inChannel }: Fill['fill']): void {
  const others = Array.from({ length: Math.max(1, Math.ceil((stored - inChannel) / 100)) }, (_, i) => `${channelId.slice(0, -8)}${String(i).padStart(8, '0')}`);
  const t0 = 1_700_000_000_000;
  for (let i = 0; i < stored; i += 1) {
    const id = mock.state.ids.uuid();
    const channel = i < inChannel ? channelId : (others[i % others.length] as string);
    mock.state.messages.set(id, { id, channelId: channel, authorId: channelId, content: `message ${i}`, sourceType: 'bench', metadata: {}, createdAt: t0 + i, updatedAt: t0 + i });
  }
}

process.on('message', (message) => {
  if (typeof message === 'object' && message !== null && 'fill' in message) {
    fill((message as Fill).fill);
    (globalThis as { gc?: () => void }).gc?.();
    process.send?.('filled');
    return;
  }
  if (message !== 'sample') return;
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  const sample: ChildSample = { heapMb: memory.heapUsed / 1048576, rssMb: memory.rss / 1048576, state: mock.state.summary(), diagnostics: { ...diagnostics }, sockets: mock.io.sockets.sockets.size };
  process.send?.(sample);
});
const stop = () => void mock.close().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.once('disconnect', stop);
const url = await mock.listen(0);
process.stdout.write(`READY ${url}\n`);
