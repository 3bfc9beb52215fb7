import type { MockServer, MockServerOptions } from '../mock-server/index.js';

export interface StartMockServerOptions extends MockServerOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

/** A running mock for a test file: its URL, the mock's handle (`use`, `reset`, `events`, `state`) and `close`. */
export interface StartedMockServer {
  url: string;
  mock: MockServer;
  /** The default agent's id (the echo agent): put it in a channel's participants to get replies. */
  agentId: string;
  /** Stops the mock; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts the eliza-wire mock server on 127.0.0.1, a free port, logging silenced unless `logLevel` says otherwise.
 * The mock is loaded on first use, so a client-only test does not load the server.
 *
 * @example
 * let server: StartedMockServer;
 * beforeAll(async () => { server = await startMockServer({ profile: 'documented' }); });
 * afterAll(() => server.close());
 */
export async function startMockServer(options: StartMockServerOptions = {}): Promise<StartedMockServer> {
  const { port = 0, host = '127.0.0.1', ...mockOptions } = options;
  const { createMockServer, DEFAULT_AGENT } = await import('../mock-server/index.js');
  const mock = createMockServer({ logLevel: 'silent', ...mockOptions });
  const url = await mock.listen(port, host);
  let closing: Promise<void> | undefined;
  return {
    url,
    mock,
    agentId: DEFAULT_AGENT.id,
    close: () => (closing ??= mock.close()),
  };
}
