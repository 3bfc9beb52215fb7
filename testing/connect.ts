import type { Profile } from '../spec/index.js';
import { TestClient } from './client.js';
import { resolveConnect, type ConnectOptions } from './connect-options.js';

/**
 * Connects a test client and resolves once the handshake is accepted. Rejects with a TestClientError that names
 * the URL and the reason: CONNECT_FAILED (unreachable), CONNECT_REFUSED (the server's `connect_error`, with the
 * option to fix), CONNECT_TIMEOUT, BAD_OPTIONS. Payload types follow `profile` (default elizaos-1.7).
 *
 * @example
 * const client = await connect({ url, profile: 'documented' });
 * await client.join(channelId);
 * const sent = client.send('hello');
 * await client.waitFor('messageAck', (ack) => ack.clientMessageId === sent.clientMessageId);
 * await client.close();
 */
export async function connect<P extends Profile = 'elizaos-1.7'>(options: ConnectOptions & { profile?: P }): Promise<TestClient<P>> {
  return new TestClient<P>(resolveConnect(options)).open();
}
