/** A bad mock configuration: thrown at startup, with a stable code and a message that says the fix. */
export class MockConfigError extends Error {
  constructor(readonly code: 'ELIZA_WIRE_MOCK_CONFIG', message: string) {
    super(message);
    this.name = 'MockConfigError';
  }
}

export function configError(message: string): MockConfigError {
  return new MockConfigError('ELIZA_WIRE_MOCK_CONFIG', message);
}

/**
 * An unexpected error as one log line: its name and message, never its stack (the mock's log is served by
 * `GET /api/server/logs`, and a stack trace there leaks the mock's insides to every client).
 */
export function errorLine(error: unknown): string {
  let text: string;
  try {
    text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    text = Object.prototype.toString.call(error);
  }
  return text.split('\n')[0] ?? '';
}
