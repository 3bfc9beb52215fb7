import type { MockServer } from '../server.js';
import { RedisUnreachableError } from './redis-error.js';
import type * as RedisModule from './redis.js';
import type { RedisLink, RedisOptions } from './redis.js';

/** The packages `--redis` needs: optional peer dependencies, since only a scaled-out mock uses them. */
export const REDIS_PACKAGES = ['redis', '@socket.io/redis-adapter'] as const;

function missingPackage(error: unknown): string | undefined {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code !== 'ERR_MODULE_NOT_FOUND' || typeof message !== 'string') return undefined;
  return REDIS_PACKAGES.find((name) => message.includes(`'${name}'`));
}

/**
 * Shares rooms, broadcasts and state with every mock on the Redis at `url` (see `redis.ts`). The Redis client and
 * adapter load here, on first use: eliza-wire/mock does not load them, and they need not be installed otherwise.
 *
 * @example
 * const redis = await withRedis(mock, 'redis://127.0.0.1:6379');
 */
export async function withRedis(mock: MockServer, url: string, options: RedisOptions = {}): Promise<RedisLink> {
  let redis: typeof RedisModule;
  try {
    redis = await import('./redis.js');
  } catch (error) {
    const missing = missingPackage(error);
    if (missing) throw new RedisUnreachableError(`Redis support needs ${REDIS_PACKAGES.join(' and ')}, and ${missing} is not installed`, `install them next to eliza-wire: npm i ${REDIS_PACKAGES.join(' ')}`);
    throw error;
  }
  return redis.withRedis(mock, url, options);
}
