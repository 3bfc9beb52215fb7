/**
 * Redis could not be reached or refused us, or its client is not installed: thrown by `withRedis`, with a stable
 * code and the likely fix in `hint`.
 */
export class RedisUnreachableError extends Error {
  readonly code = 'ELIZA_WIRE_REDIS_UNREACHABLE';
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'RedisUnreachableError';
  }
}
