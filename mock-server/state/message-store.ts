import type { MessageRecord } from './records.js';
import { BoundedMap } from './retention.js';

/** Where a message sits in its channel's index: ordered by `at` (its createdAt), then `seq` (first stored first). */
interface Entry {
  readonly id: string;
  readonly channelId: string;
  readonly at: number;
  readonly seq: number;
}

/** A page of one channel's messages: newest first, at most `limit`, only those created before `before`. */
export interface ChannelPage {
  limit?: number;
  before?: number;
}

const precedes = (a: Entry, at: number, seq: number) => a.at < at || (a.at === at && a.seq < seq);

/**
 * The messages Map with a per-channel index kept sorted by creation time, so reading a page of one channel costs
 * O(log n + page) however many messages the store holds. Every write goes through `set`/`delete`/`clear` (cluster
 * replication included), so the index never goes stale. Bounds: `perChannel` messages per channel and `limit` in
 * all (0 = none); past either, the oldest go first. A record's `channelId` and `createdAt` are fixed once stored:
 * to change them, store the record again.
 */
export class MessageStore extends BoundedMap<MessageRecord> {
  private readonly byChannel = new Map<string, Entry[]>();
  private readonly entryOf = new Map<string, Entry>();
  private seq = 0;

  constructor(
    limit: number,
    readonly perChannel: number,
  ) {
    super(limit);
  }

  override set(id: string, record: MessageRecord): this {
    const prev = this.entryOf.get(id);
    if (!prev || prev.channelId !== record.channelId || prev.at !== record.createdAt) {
      if (prev) this.unindex(prev);
      this.index({ id, channelId: record.channelId, at: record.createdAt, seq: prev?.seq ?? ++this.seq });
    }
    super.set(id, record);
    const list = this.byChannel.get(record.channelId);
    if (this.perChannel > 0) while (list && list.length > this.perChannel && list[0] && this.delete(list[0].id));
    return this;
  }

  override delete(id: string): boolean {
    const entry = this.entryOf.get(id);
    if (entry) this.unindex(entry);
    return super.delete(id);
  }

  override clear(): void {
    this.byChannel.clear();
    this.entryOf.clear();
    super.clear();
  }

  /** How many messages one channel holds. */
  countIn(channelId: string): number {
    return this.byChannel.get(channelId)?.length ?? 0;
  }

  /** Ids of one channel's messages, oldest first. */
  idsIn(channelId: string): string[] {
    return (this.byChannel.get(channelId) ?? []).map((e) => e.id);
  }

  /**
   * One channel's messages, newest first; among messages of the same millisecond, the first stored comes first
   * (the order a stable sort of the whole store gave). Records come from `get`, so a tracked map hands out its views.
   */
  page(channelId: string, { limit = Number.POSITIVE_INFINITY, before = Number.POSITIVE_INFINITY }: ChannelPage = {}): MessageRecord[] {
    const list = this.byChannel.get(channelId);
    const out: MessageRecord[] = [];
    if (!list) return out;
    let end = lowerBound(list, before, Number.NEGATIVE_INFINITY);
    while (end > 0 && out.length < limit) {
      const at = (list[end - 1] as Entry).at;
      const start = lowerBound(list, at, Number.NEGATIVE_INFINITY);
      for (let i = start; i < end && out.length < limit; i += 1) {
        const record = this.get((list[i] as Entry).id);
        if (record) out.push(record);
      }
      end = start;
    }
    return out;
  }

  /** Deletes every message of a channel (through `delete`, so the deletes are seen). */
  deleteChannel(channelId: string): void {
    for (const id of this.idsIn(channelId)) this.delete(id);
  }

  private index(entry: Entry): void {
    let list = this.byChannel.get(entry.channelId);
    if (!list) this.byChannel.set(entry.channelId, (list = []));
    const last = list[list.length - 1];
    // Messages arrive in time order: appending is the common case.
    if (!last || precedes(last, entry.at, entry.seq)) list.push(entry);
    else list.splice(lowerBound(list, entry.at, entry.seq), 0, entry);
    this.entryOf.set(entry.id, entry);
  }

  private unindex(entry: Entry): void {
    this.entryOf.delete(entry.id);
    const list = this.byChannel.get(entry.channelId);
    if (!list) return;
    const i = list[0] === entry ? 0 : lowerBound(list, entry.at, entry.seq);
    if (list[i] === entry) list.splice(i, 1);
    if (list.length === 0) this.byChannel.delete(entry.channelId);
  }
}

/** The first position whose entry does not precede (at, seq). */
function lowerBound(list: readonly Entry[], at: number, seq: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (precedes(list[mid] as Entry, at, seq)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
