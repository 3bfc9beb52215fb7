import { randomUUID } from 'node:crypto';
import { createMockServer, type MockServer, type MockServerOptions } from '../../../mock-server/index.js';
import { withRedis, type RedisLink } from '../../../mock-server/cluster/redis.js';

export interface Node {
  mock: MockServer;
  url: string;
  link: RedisLink;
  request(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
}

/** A fresh pub/sub key, so concurrent tests on one Redis form separate clusters. */
export const clusterKey = () => `test-${randomUUID().slice(0, 8)}`;

/** One mock joined to the cluster `key` on the Redis at `redisUrl`, listening on 127.0.0.1. */
export async function startNode(redisUrl: string, key: string, options: MockServerOptions = {}): Promise<Node> {
  const mock = createMockServer({ logLevel: 'silent', thinkMs: 0, ...options });
  const link = await withRedis(mock, redisUrl, { key });
  const url = await mock.listen(0, '127.0.0.1');
  return {
    mock,
    url,
    link,
    async request(method, path, body) {
      const response = await fetch(`${url}${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
    async stop() {
      await mock.close();
      await link.close();
    },
  };
}

/** Polls `check` every 10 ms until it holds or `ms` pass; resolves with its last value. */
export async function until(check: () => boolean | Promise<boolean>, ms = 3000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!(await check()) && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return check();
}
