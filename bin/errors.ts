/** A usage error: the CLI prints its message and a hint, and exits 2. */
export class UsageError extends Error {
  readonly code = 'ELIZA_WIRE_USAGE';
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = 'UsageError';
  }
}
