/**
 * How much the mock's state keeps. Every bound counts records and, once passed, drops the oldest stored record
 * first (insertion order), so a long run or a load test holds at most this much, whatever it sends. 0 = no bound.
 */
export interface Retention {
  /** Messages kept per channel (the oldest of that channel go first). Default 10,000. */
  messagesPerChannel: number;
  /** Messages kept across all channels. Default 50,000. */
  messages: number;
  /** Channels kept; an evicted channel takes its messages with it. Default 10,000. */
  channels: number;
  /** Agent memories kept. Default 50,000. */
  memories: number;
  /** Agent runs kept. Default 10,000. */
  runs: number;
  /** Agent log entries kept. Default 10,000. */
  logs: number;
}

export const DEFAULT_RETENTION: Readonly<Retention> = {
  messagesPerChannel: 10_000,
  messages: 50_000,
  channels: 10_000,
  memories: 50_000,
  runs: 10_000,
  logs: 10_000,
};

/**
 * A Map that holds at most `limit` entries: storing a new key past it deletes the oldest key (through `this.delete`,
 * so whoever watches the map's deletes, such as cluster replication, sees the eviction). `onEvict` runs after.
 */
export class BoundedMap<V> extends Map<string, V> {
  constructor(
    readonly limit: number,
    private readonly onEvict?: (key: string, value: V) => void,
  ) {
    super();
  }

  override set(key: string, value: V): this {
    const added = !super.has(key);
    super.set(key, value);
    if (added && this.limit > 0) while (this.size > this.limit && this.evictOldest());
    return this;
  }

  /** Deletes the first key in insertion order; false when nothing could go. */
  private evictOldest(): boolean {
    const first = Map.prototype.entries.call(this).next();
    if (first.done) return false;
    const [key, value] = first.value as [string, V];
    if (!this.delete(key)) return false;
    this.onEvict?.(key, value);
    return true;
  }
}
