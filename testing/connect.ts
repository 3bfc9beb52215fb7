import { TestClient } from './client.js';
import { resolveConnect, type ConnectOptions } from './connect-options.js';

/**
 * Connects a test client and resolves once the handshake is accepted. Rejects with a TestClientError that names
 * the URL and the reason: CONNECT_FAILED (unreachable), CONNECT_REFUSED (the server's `connect_error`, with the
 * option to fix), CONNECT_TIMEOUT, BAD_OPTIONS.
 *
 * @example
 * const client = await connect({ url, profile: 'documented' });
 * await client.join(channelId);
 * const sent = client.send('hello');
 * await client.waitFor('messageAck', (ack) => ack.clientMessageId === sent.clientMessageId);
 * await client.close();
 */
export async function connect(options: ConnectOptions): Promise<TestClient> {
  return new TestClient(resolveConnect(options)).open();
}
