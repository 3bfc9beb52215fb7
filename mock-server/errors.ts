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
