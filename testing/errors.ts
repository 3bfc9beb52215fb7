import type { ReceivedSummary } from './timeline.js';

/** Stable codes of the errors the test client throws. */
export const TEST_CLIENT_ERROR_CODES = {
  connectFailed: 'CONNECT_FAILED',
  connectRefused: 'CONNECT_REFUSED',
  connectTimeout: 'CONNECT_TIMEOUT',
  waitTimeout: 'WAIT_TIMEOUT',
  disconnected: 'DISCONNECTED',
  closed: 'CLIENT_CLOSED',
  joinFailed: 'JOIN_FAILED',
  noChannel: 'NO_CHANNEL',
  badOptions: 'BAD_OPTIONS',
  setupFailed: 'SETUP_FAILED',
} as const;

export type TestClientErrorCode = (typeof TEST_CLIENT_ERROR_CODES)[keyof typeof TEST_CLIENT_ERROR_CODES];

/** Every error of `eliza-wire/testing`: a stable `code` and a message that says what to do. */
export class TestClientError extends Error {
  override readonly name: string = 'TestClientError';

  constructor(
    readonly code: TestClientErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * A `waitFor` that ended without a match (timeout, disconnect or close). `received` lists what did arrive, the
 * same list the message prints.
 */
export class WaitForError extends TestClientError {
  override readonly name = 'WaitForError';

  constructor(
    code: TestClientErrorCode,
    message: string,
    readonly received: readonly ReceivedSummary[],
  ) {
    super(code, message);
  }
}
