/** The target could not be reached (connection refused, handshake rejected, no channel_joined). */
export class LoadTargetError extends Error {
  readonly code = 'ELIZA_WIRE_LOAD_TARGET';
  constructor(message: string) {
    super(message);
    this.name = 'LoadTargetError';
  }
}

/** A bench option or threshold that cannot be used; the message says the fix. */
export class LoadUsageError extends Error {
  readonly code = 'ELIZA_WIRE_LOAD_USAGE';
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = 'LoadUsageError';
  }
}

/** The run was stopped (its AbortSignal fired) before the measurement started: there is nothing to report. */
export class LoadInterruptedError extends Error {
  readonly code = 'ELIZA_WIRE_LOAD_INTERRUPTED';
  constructor(message = 'interrupted before the measurement started: nothing was measured') {
    super(message);
    this.name = 'LoadInterruptedError';
  }
}
