import { randomBytes, randomUUID } from 'node:crypto';
import type { Namespace } from 'socket.io';
import type { MockServer } from '../server.js';
import type { MockState } from '../state/state.js';
import { Replica, type Batch, type Snapshot } from './replica.js';
import { SaltedIds } from './salted-ids.js';

/** Server-side events between the instances of a cluster. */
export const REPLICATION_EVENTS = {
  state: 'eliza-wire:state',
  snapshot: 'eliza-wire:snapshot',
  hello: 'eliza-wire:hello',
  push: 'eliza-wire:snapshot-push',
  reset: 'eliza-wire:reset',
} as const;

export interface ReplicationOptions {
  /** How long a starting instance waits for the others' snapshots. Default 5000 ms. */
  snapshotTimeoutMs?: number;
}

/** The handle of a running replication. */
export interface Replication {
  /** Stops sending and applying changes; the state stays as it is. */
  close(): void;
  /**
   * Exchanges full state with every other instance: sends this one's snapshot to all and asks each for theirs,
   * merged last writer wins per record. Call it when the link between instances was down (withRedis does, on each
   * reconnection to Redis): batches sent meanwhile may never have arrived.
   */
  resync(): void;
}

interface Reset { origin: string; epoch: number; snapshot: Snapshot }
type Ack = (snapshot: Snapshot) => void;
type Listener = Parameters<Namespace['on']>[1];

/** The `to` of a snapshot pushed to every instance (a resync), instead of one origin. */
const EVERYONE = '*';

/** How long a starting instance that found no peer waits for a late one (an adapter that discovers peers by heartbeat). */
const DISCOVERY_MS = 150;

/**
 * Keeps this mock's state in step with the other servers of its Socket.IO cluster (whatever adapter joins them:
 * redis, cluster): each write to a record of the state is sent to the others (`io.serverSideEmit`), a starting
 * instance takes the others' state before it resolves, and `reset()` on one resets all. Call it before `listen()`,
 * once the adapter is set.
 *
 * @example
 * io.adapter(createAdapter(pub, sub));
 * const replication = await replicateState(mock);
 * await mock.listen(3000);
 */
export async function replicateState(mock: MockServer, options: ReplicationOptions = {}): Promise<Replication> {
  const nsp = mock.io.of('/') as unknown as Namespace;
  const origin = randomUUID();
  const salt = randomBytes(4).readUInt32BE(0);
  const replica = new Replica(origin, (batch) => nsp.serverSideEmit(REPLICATION_EVENTS.state, batch));
  const remoteReset = { active: false };
  const adopt = (state: MockState) => {
    (state as { ids: MockState['ids'] }).ids = new SaltedIds(state.options.seed, salt);
    replica.attach(state);
  };
  const restore = interceptState(mock, (state) => {
    adopt(state);
    if (remoteReset.active) return;
    replica.startEpoch(replica.epoch + 1);
    nsp.serverSideEmit(REPLICATION_EVENTS.reset, { origin, epoch: replica.epoch, snapshot: replica.snapshot() } satisfies Reset);
  });
  adopt(mock.state);
  const handlers = listeners(mock, nsp, replica, remoteReset);
  for (const [event, fn] of Object.entries(handlers)) nsp.on(event, fn);
  await initialSnapshot(nsp, replica, options.snapshotTimeoutMs ?? 5000);
  return {
    resync() {
      replica.flush();
      nsp.serverSideEmit(REPLICATION_EVENTS.push, { to: EVERYONE, snapshot: replica.snapshot() });
      nsp.serverSideEmit(REPLICATION_EVENTS.hello, origin);
    },
    close() {
      for (const [event, fn] of Object.entries(handlers)) nsp.off(event, fn);
      replica.flush();
      replica.detach();
      restore();
    },
  };
}

function listeners(mock: MockServer, nsp: Namespace, replica: Replica, remoteReset: { active: boolean }): Record<string, Listener> {
  return {
    [REPLICATION_EVENTS.state]: (batch: Batch) => replica.applyBatch(batch),
    [REPLICATION_EVENTS.snapshot]: (_from: string, ack: Ack) => {
      replica.flush();
      ack(replica.snapshot());
    },
    [REPLICATION_EVENTS.hello]: (from: string) => {
      replica.flush();
      nsp.serverSideEmit(REPLICATION_EVENTS.push, { to: from, snapshot: replica.snapshot() });
    },
    [REPLICATION_EVENTS.push]: (message: { to: string; snapshot: Snapshot }) => {
      if (message.to === replica.origin || message.to === EVERYONE) replica.mergeSnapshot(message.snapshot);
    },
    [REPLICATION_EVENTS.reset]: (reset: Reset) => {
      if (reset.epoch <= replica.epoch && reset.origin !== replica.origin) {
        // Two resets at once: both start the same epoch; the greater origin's seeded state wins everywhere.
        if (reset.epoch < replica.epoch || reset.origin < replica.origin) return;
      }
      remoteReset.active = true;
      try {
        mock.reset();
      } finally {
        remoteReset.active = false;
      }
      replica.startEpoch(reset.epoch);
      replica.mergeSnapshot(reset.snapshot);
    },
  };
}

/** Asks every other instance for its state and merges the answers; with none, waits a moment for a late one. */
async function initialSnapshot(nsp: Namespace, replica: Replica, timeoutMs: number): Promise<void> {
  const snapshots = await askWithAck(nsp, replica.origin, timeoutMs);
  for (const s of snapshots) replica.mergeSnapshot(s);
  if (snapshots.length > 0) return;
  nsp.serverSideEmit(REPLICATION_EVENTS.hello, replica.origin);
  await new Promise((resolve) => setTimeout(resolve, Math.min(DISCOVERY_MS, timeoutMs)));
}

/** The snapshots that arrived in time (a timeout keeps the ones that did, as the adapters hand them over). */
function askWithAck(nsp: Namespace, origin: string, timeoutMs: number): Promise<Snapshot[]> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve([]), timeoutMs);
    nsp.serverSideEmit(REPLICATION_EVENTS.snapshot, origin, (_error: Error | null, responses: Snapshot[] = []) => {
      clearTimeout(timer);
      // On a timeout the adapters hand over the answers that did arrive: merge those.
      resolve(responses);
    });
  });
}

/**
 * Sees every state the mock takes on (`reset()` from the handle, the control route or a test all replace
 * `context.state`): `onState` runs with each new one. Returns the undo.
 */
function interceptState(mock: MockServer, onState: (state: MockState) => void): () => void {
  const ctx = mock.context as { state: MockState };
  let current = ctx.state;
  Object.defineProperty(ctx, 'state', {
    configurable: true,
    enumerable: true,
    get: () => current,
    set(state: MockState) {
      current = state;
      onState(state);
    },
  });
  return () => {
    Object.defineProperty(ctx, 'state', { configurable: true, enumerable: true, writable: true, value: current });
  };
}
