import { randomUUID } from 'node:crypto';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { RedisUnreachableError } from './redis-error.js';
import { replicateState, type Replication, type ReplicationOptions } from './replicate.js';
import type { MockServer } from '../server.js';

// the error lives apart so that eliza-wire/mock can export it without loading the Redis client
export { RedisUnreachableError };

export interface RedisOptions extends ReplicationOptions {
  /** Prefix of the pub/sub channels: instances with the same key form one cluster. Default `eliza-wire`. */
  key?: string;
  /** How long to wait for the first connection. Default 3000 ms. */
  connectTimeoutMs?: number;
}

/** The handle of `withRedis`. */
export interface RedisLink {
  readonly replication: Replication;
  /** Stops replicating and closes both Redis clients (call it after `mock.close()`). */
  close(): Promise<void>;
}

type Client = ReturnType<typeof createClient>;

/** A client that fails fast on its first connection and retries with backoff once it has been connected. */
function client(url: string, connectTimeoutMs: number): { redis: Client; connected: { value: boolean } } {
  const connected = { value: false };
  const redis = createClient({
    url,
    socket: {
      connectTimeout: connectTimeoutMs,
      reconnectStrategy: (retries: number, cause: Error) => (connected.value ? Math.min(50 * 2 ** retries, 2000) : cause),
    },
  });
  // Errors after start are retried by the client; without a listener they would crash the process.
  redis.on('error', () => undefined);
  return { redis, connected };
}

async function connect(url: string, connectTimeoutMs: number): Promise<Client> {
  let created: ReturnType<typeof client> | undefined;
  try {
    created = client(url, connectTimeoutMs);
    await created.redis.connect();
  } catch (error) {
    if (created?.redis.isOpen) created.redis.destroy();
    const reason = error instanceof Error ? error.message || error.name : String(error);
    throw new RedisUnreachableError(`cannot reach Redis at ${redact(url)}: ${reason}`, 'start one (redis-server --port 6379) or pass the right URL, e.g. --redis redis://127.0.0.1:6379');
  }
  created.connected.value = true;
  return created.redis;
}

/**
 * The adapter publishes without awaiting: a publish in flight when Redis goes away rejects ("Socket closed
 * unexpectedly") with nobody to catch it, and an unhandled rejection ends the process. Each publish gets a handler
 * here (callers that await it still see the rejection); what it carried is made good by the resync on reconnect.
 */
function settlePublishes(pub: Client): void {
  const publish = pub.publish.bind(pub);
  (pub as { publish: typeof publish }).publish = (...args: Parameters<typeof publish>) => {
    const sent = publish(...args);
    sent.catch(() => undefined);
    return sent;
  };
}

/** How long `close()` lets the clients send what they queued before it drops them (Redis may be down). */
const CLOSE_MS = 300;

/**
 * After a reconnection (of either client: 'ready' again, subscriptions restored), a full state exchange: batches
 * published while Redis was down were queued and sent on reconnect, but the others may not have been subscribed yet
 * to get them. Several clients reconnecting at once cost one exchange.
 */
function resyncOnReconnect(clients: Client[], replication: Replication): () => void {
  let timer: NodeJS.Timeout | undefined;
  const onReady = () => {
    clearTimeout(timer);
    timer = setTimeout(() => replication.resync(), RESYNC_DEBOUNCE_MS);
  };
  for (const c of clients) c.on('ready', onReady);
  return () => {
    clearTimeout(timer);
    for (const c of clients) c.off('ready', onReady);
  };
}

const RESYNC_DEBOUNCE_MS = 50;

async function closeWithin(clients: Client[], ms: number): Promise<void> {
  const late = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), ms).unref());
  await Promise.race([Promise.allSettled(clients.map((c) => c.close())), late]);
  for (const c of clients) if (c.isOpen) c.destroy();
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

/**
 * Joins this mock to the others that use the same Redis (and key): rooms and broadcasts through
 * @socket.io/redis-adapter, state through `replicateState`. Call it before `listen()`; resolves once this instance
 * holds the cluster's state. Throws `RedisUnreachableError` when Redis does not answer.
 *
 * @example
 * const mock = createMockServer();
 * const redis = await withRedis(mock, 'redis://127.0.0.1:6379');
 * await mock.listen(3000);
 * // …
 * await mock.close();
 * await redis.close();
 */
export async function withRedis(mock: MockServer, url: string, options: RedisOptions = {}): Promise<RedisLink> {
  const timeout = options.connectTimeoutMs ?? 3000;
  const pub = await connect(url, timeout);
  const sub = await connect(url, timeout).catch(async (error: unknown) => {
    pub.destroy();
    throw error;
  });
  settlePublishes(pub);
  mock.io.adapter(createAdapter(pub, sub, { key: options.key ?? 'eliza-wire' }));
  // Commands of one connection run in order: once this lands, the adapter's own subscriptions are in place, so
  // the others count us and our snapshot request gets their answers.
  const probe = `eliza-wire:probe:${randomUUID()}`;
  await sub.subscribe(probe, () => undefined);
  await sub.unsubscribe(probe);
  const replication = await replicateState(mock, options);
  const stopResync = resyncOnReconnect([pub, sub], replication);
  return {
    replication,
    async close() {
      stopResync();
      replication.close();
      await closeWithin([pub, sub], CLOSE_MS);
    },
  };
}
