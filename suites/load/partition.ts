import type { BenchOptions } from './bench.js';
import { randomUUID } from 'node:crypto';
import { LoadUsageError } from './errors.js';

/** The options one worker process runs with: its own share of the load, nothing that cannot cross a process boundary. */
export type WorkerOptions = Omit<BenchOptions, 'onProgress' | 'onConnectStart' | 'gate' | 'thresholds' | 'workers' | 'signal'>;

/** How many of 0..total-1 belong to worker w of n when item i belongs to worker owner(i). */
function countOwned(total: number, owner: (i: number) => number, w: number): number {
  let count = 0;
  for (let i = 0; i < total; i += 1) if (owner(i) === w) count += 1;
  return count;
}

/** `total` spread over n parts as evenly as integers allow (the first parts take the remainder). */
function spread(total: number, n: number, w: number): number {
  return Math.floor(total / n) + (w < total % n ? 1 : 0);
}

/** Rate and message shares in proportion to a worker's senders; messages split exactly by who sends each one. */
function shareOf(rate: number, part: number, whole: number): number {
  return (rate * part) / whole;
}

function needAtLeast(what: string, have: number, workers: number): void {
  if (have < workers) throw new LoadUsageError(`--workers ${workers} needs at least ${workers} ${what} (one per worker), got ${have}`, `lower --workers or raise ${what === 'rooms' ? '--rooms' : what === 'senders' ? '--senders' : '--clients'}`);
}

/**
 * Splits a run over `workers` processes so that each owns whole rooms: the senders and every receiver of a room are
 * in one process, so every latency is measured on one clock. Fanout and mixed keep their room layout (room r goes
 * to worker r % n); connect, roundtrip and rest split their clients, conversations or connections evenly.
 */
export function partition(options: BenchOptions, workers: number, durationSec = options.durationSec ?? 10): WorkerOptions[] {
  const { onProgress: _p, onConnectStart: _c, gate: _g, thresholds: _t, workers: _w, signal: _s, ...base } = options;
  const parts = Array.from({ length: workers }, (_, w) => w);
  // one family of message texts, so that a worker tells another worker's message in its room (cross-room) from noise
  // (a run id given for this machine, `<family>.<n>`, keeps its family: `<family>.<n>-<w>`)
  const randomFamily = randomUUID().slice(0, 8);
  const runIdOf = (w: number) => (options.runId ? `${options.runId}-${w}` : `${randomFamily}.${w}`);
  switch (options.scenario) {
    case 'fanout': {
      const rooms = options.rooms ?? 10;
      const clients = options.clients ?? 100;
      const senders = options.senders ?? rooms;
      const rate = options.rate ?? 100;
      const messages = options.messages ?? Math.max(1, Math.round(rate * durationSec));
      needAtLeast('rooms', rooms, workers);
      needAtLeast('senders', senders, workers);
      // client c sits in room c % rooms, sender s is client s; room r belongs to worker r % workers
      const ownerOfClient = (c: number) => (c % rooms) % workers;
      return parts.map((w) => {
        const mySenders = countOwned(senders, ownerOfClient, w);
        if (mySenders === 0) throw new LoadUsageError(`--workers ${workers}: worker ${w + 1} would own rooms without a sender`, 'use as many --senders as --rooms, or fewer --workers');
        return {
          ...base,
          runId: runIdOf(w),
          rooms: countOwned(rooms, (r) => r % workers, w),
          clients: countOwned(clients, ownerOfClient, w),
          senders: mySenders,
          rate: shareOf(rate, mySenders, senders),
          messages: countOwned(messages, (seq) => ownerOfClient(seq % senders), w),
        };
      });
    }
    case 'mixed': {
      const clients = options.clients ?? 20;
      const rooms = options.rooms ?? Math.max(1, Math.floor(clients / 5));
      needAtLeast('rooms', rooms, workers);
      const readers = options.readers ?? 2;
      return parts.map((w) => ({
        ...base,
        runId: runIdOf(w),
        rooms: countOwned(rooms, (r) => r % workers, w),
        clients: countOwned(clients, (u) => (u % rooms) % workers, w),
        readers: spread(readers, workers, w),
      }));
    }
    case 'connect': {
      const clients = options.clients ?? 100;
      const rooms = options.rooms ?? 10;
      needAtLeast('clients', clients, workers);
      needAtLeast('rooms', rooms, workers);
      return parts.map((w) => ({ ...base, clients: spread(clients, workers, w), rooms: spread(rooms, workers, w), rate: shareOf(options.rate ?? 200, spread(clients, workers, w), clients) }));
    }
    case 'roundtrip': {
      const users = options.rooms ?? 1;
      const rate = options.rate ?? 10;
      const messages = options.messages ?? Math.max(1, Math.round(rate * durationSec));
      needAtLeast('conversations (--rooms)', users, workers);
      return parts.map((w) => {
        const mine = spread(users, workers, w);
        return { ...base, rooms: mine, rate: shareOf(rate, mine, users), messages: countOwned(messages, (seq) => (seq % users) % workers, w) };
      });
    }
    case 'rest': {
      const connections = options.clients ?? 10;
      needAtLeast('clients', connections, workers);
      return parts.map((w) => ({ ...base, clients: spread(connections, workers, w), ...(options.messages ? { messages: spread(options.messages, workers, w) } : {}) }));
    }
  }
}
