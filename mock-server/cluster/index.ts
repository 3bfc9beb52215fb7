/** Scaling the mock out: state replication over any Socket.IO adapter, and the Redis wiring. */
export { replicateState, REPLICATION_EVENTS } from './replicate.js';
export type { Replication, ReplicationOptions } from './replicate.js';
export { withRedis } from './redis-lazy.js';
export { RedisUnreachableError } from './redis-error.js';
export type { RedisLink, RedisOptions } from './redis.js';
export { startMockCluster, MAX_CLUSTER_WORKERS } from './primary.js';
export type { MockCluster, MockClusterOptions, ClusterWorker, WorkerExit } from './primary.js';
