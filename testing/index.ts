/**
 * eliza-wire/testing: a typed Socket.IO test client for the ElizaOS protocol and a one-call mock server, for
 * vitest, jest or any runner (nothing here imports a test framework).
 */
export { connect } from './connect.js';
export type { ConnectOptions } from './connect-options.js';
export { TestClient } from './client.js';
export type { WaitableEvent, WaitPayload, WaitOptions, JoinOptions, SentMessage } from './client.js';
export type { SendOptions, JoinPayloadOptions } from './payloads.js';
export type { ProfilePayload } from './payload-types.js';
export type { TimelineEntry, ReceivedSummary } from './timeline.js';
export { TestClientError, WaitForError, TEST_CLIENT_ERROR_CODES } from './errors.js';
export type { TestClientErrorCode } from './errors.js';
export { startMockServer } from './mock.js';
export type { StartMockServerOptions, StartedMockServer } from './mock.js';
export { createChannel } from './channel.js';
export type { CreateChannelOptions } from './channel.js';
