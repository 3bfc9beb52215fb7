/**
 * eliza-wire/msw: the mock server as MSW 2 handlers (REST and Socket.IO), for client tests in Node and the browser.
 */
export { createMswMock } from './mock.js';
export type { MswMock, MswMockOptions } from './mock.js';
export { rest, socketOut } from '../context.js';
export type { Override } from '../context.js';
export { ok, fail, noContent } from '../rest/result.js';
export type { Handler, HandlerResult, RequestContext } from '../rest/result.js';
export { echoAgent, silentAgent } from '../agent/behaviour.js';
export type { AgentBehaviour, AgentReply, AgentInput } from '../agent/behaviour.js';
export type { MockServerOptions } from '../options.js';
export { DEFAULT_AGENT } from '../state/state.js';
