/**
 * eliza-wire/mock: a stateful mock of the ElizaOS server, driven by the spec.
 */
export { createMockServer, rest, socketOut } from './server.js';
export type { MockServer, Override } from './server.js';
export type { MockServerOptions } from './options.js';
export { MockConfigError } from './errors.js';
export { echoAgent, silentAgent } from './agent/behaviour.js';
export type { AgentBehaviour, AgentReply, AgentInput } from './agent/behaviour.js';
export { systemClock } from './clock.js';
export type { Clock } from './clock.js';
export { createLogger } from './logger.js';
export type { Logger, LogLevel, LogEntry } from './logger.js';
export type { FaultConfig, EventFault } from './faults.js';
export type { MockEventMap } from './events.js';
export type { Diagnostic } from './diagnostics.js';
export { DIAGNOSTIC_CODES } from './diagnostics.js';
export { DEFAULT_AGENT, createState, MockState } from './state/state.js';
export type { StateOptions } from './state/state.js';
export type { AgentRecord, ChannelRecord, MessageRecord } from './state/records.js';
export { ok, fail, noContent } from './rest/result.js';
export type { Handler, HandlerResult, RequestContext } from './rest/result.js';
export { replicateState, withRedis, RedisUnreachableError, startMockCluster, type Replication, type ReplicationOptions, type RedisLink, type RedisOptions, type MockCluster, type MockClusterOptions } from './cluster/index.js';
