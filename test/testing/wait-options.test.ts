import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, startMockServer, type StartedMockServer, type TestClient, WaitForError } from '../../testing/index.js';

/** How long a wait that cannot succeed took to reject, and with what. */
async function rejection(wait: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const t0 = performance.now();
  const error = await wait.then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, ms: performance.now() - t0 };
}

describe('waitFor options', () => {
  let server: StartedMockServer;
  let client: TestClient;
  beforeAll(async () => {
    server = await startMockServer();
    client = await connect({ url: server.url, timeout: 10_000 });
  });
  afterAll(async () => {
    await client.close();
    await server.close();
  });

  it('takes the timeout of waitFor(event, undefined, { timeout }), not the client default', async () => {
    const { error, ms } = await rejection(client.waitFor('messageAck', undefined, { timeout: 150 }));
    expect(error).toBeInstanceOf(WaitForError);
    expect((error as WaitForError).message).toMatch(/^waitFor\('messageAck'\) timed out after 150 ms/);
    expect(ms).toBeLessThan(5_000);
  });

  it('still takes the options in second place and after a predicate', async () => {
    expect((await rejection(client.waitFor('messageAck', { timeout: 120 }))).error).toMatchObject({ code: 'WAIT_TIMEOUT', message: expect.stringMatching(/after 120 ms/) });
    expect((await rejection(client.waitFor('messageAck', () => true, { timeout: 130 }))).error).toMatchObject({ message: expect.stringMatching(/after 130 ms/) });
  });
});
