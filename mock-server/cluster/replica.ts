import type { MockState } from '../state/state.js';
import { decodeValue, encodeValue } from './codec.js';
import { COLLECTIONS, isCollection, mapOf, type Collection } from './collections.js';
import { raw, trackMap, untrackMap } from './track.js';
import { compareVersions, seedVersion, type Version } from './version.js';

/** One changed record: its collection, its key, and the record (encoded) or `null` when deleted. */
export type Change = [collection: Collection, key: string, record: unknown];
/** The changes of one flush, all stamped with one version. */
export interface Batch { v: Version; changes: Change[] }
/** Every record and tombstone of an instance, each with its version (`null`: seeded, never changed). */
export interface Snapshot { epoch: number; tick: number; entries: [Collection, string, unknown, Version | null][] }

const keyOf = (c: Collection, k: string) => `${c}\u0000${k}`;

/**
 * The transport-free half of replication: tracks local writes into batches (flushed on a microtask, so the writes
 * of one handler travel together) and merges remote batches and snapshots, last writer wins per record.
 */
export class Replica {
  epoch = 0;
  private tick = 0;
  private readonly versions = new Map<string, Version>();
  private dirty = new Map<Collection, Set<string>>();
  private scheduled = false;
  private state: MockState | undefined;

  constructor(
    readonly origin: string,
    private readonly send: (batch: Batch) => void,
  ) {}

  /** Tracks this state's Maps from now on (the previous state, if any, is let go). */
  attach(state: MockState): void {
    this.detach();
    this.state = state;
    for (const c of COLLECTIONS) trackMap(mapOf(state, c), (key) => this.mark(c, key));
  }

  detach(): void {
    if (this.state) for (const c of COLLECTIONS) untrackMap(mapOf(this.state, c));
    this.state = undefined;
    this.dirty = new Map();
  }

  private mark(c: Collection, key: string): void {
    let keys = this.dirty.get(c);
    if (!keys) this.dirty.set(c, (keys = new Set()));
    keys.add(key);
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => this.flush());
  }

  /** Sends what changed since the last flush (called on a microtask; tests may call it directly). */
  flush(): void {
    this.scheduled = false;
    const state = this.state;
    if (!state || this.dirty.size === 0) return;
    const v: Version = [this.epoch, ++this.tick, this.origin];
    const changes: Change[] = [];
    for (const [c, keys] of this.dirty) {
      for (const k of keys) {
        changes.push([c, k, encodeValue(raw.get(mapOf(state, c), k) ?? null)]);
        this.versions.set(keyOf(c, k), v);
      }
    }
    this.dirty = new Map();
    this.send({ v, changes });
  }

  /** Applies another instance's batch; older records (and anything from before the last reset) lose. */
  applyBatch(batch: Batch): void {
    if (batch.v[2] === this.origin || batch.v[0] < this.epoch) return;
    this.epoch = batch.v[0];
    this.tick = Math.max(this.tick, batch.v[1]);
    for (const [c, k, r] of batch.changes) if (isCollection(c)) this.applyEntry(c, k, r, batch.v);
  }

  private applyEntry(c: Collection, k: string, record: unknown, v: Version): boolean {
    const state = this.state;
    if (!state || compareVersions(v, this.versions.get(keyOf(c, k)) ?? seedVersion(this.epoch)) <= 0) return false;
    if (record === null) raw.delete(mapOf(state, c), k);
    else raw.set(mapOf(state, c), k, decodeValue(record));
    this.versions.set(keyOf(c, k), v);
    return true;
  }

  /** Every record and tombstone, for an instance that joins or after a reset. */
  snapshot(): Snapshot {
    const entries: Snapshot['entries'] = [];
    const state = this.state;
    if (!state) return { epoch: this.epoch, tick: this.tick, entries };
    for (const c of COLLECTIONS) {
      for (const [k, r] of raw.entries(mapOf(state, c))) entries.push([c, k, encodeValue(r), this.versions.get(keyOf(c, k)) ?? null]);
    }
    for (const [key, v] of this.versions) {
      const [c, k] = key.split('\u0000') as [Collection, string];
      if (!mapOf(state, c).has(k)) entries.push([c, k, null, v]);
    }
    return { epoch: this.epoch, tick: this.tick, entries };
  }

  /**
   * Merges another instance's snapshot: its newer records win, and a seeded record of ours that it does not hold
   * goes (the cluster's state wins over this instance's starting point). A snapshot of an older epoch is ignored.
   */
  mergeSnapshot(snapshot: Snapshot): void {
    const state = this.state;
    if (!state || snapshot.epoch < this.epoch) return;
    if (snapshot.epoch > this.epoch) {
      this.epoch = snapshot.epoch;
      this.versions.clear();
    }
    this.tick = Math.max(this.tick, snapshot.tick);
    const held = new Set<string>();
    for (const [c, k, r, v] of snapshot.entries) {
      if (!isCollection(c)) continue;
      held.add(keyOf(c, k));
      this.applyEntry(c, k, r, v ?? seedVersion(snapshot.epoch));
      if (!v && r !== null && !this.versions.has(keyOf(c, k))) raw.set(mapOf(state, c), k, decodeValue(r));
    }
    for (const c of COLLECTIONS) {
      for (const [k] of [...raw.entries(mapOf(state, c))]) if (!held.has(keyOf(c, k)) && !this.versions.has(keyOf(c, k))) raw.delete(mapOf(state, c), k);
    }
  }

  /** After a reset (ours or another's): a new epoch, no versions, nothing pending. */
  startEpoch(epoch: number): void {
    this.epoch = epoch;
    this.tick += 1;
    this.versions.clear();
    this.dirty = new Map();
  }
}
