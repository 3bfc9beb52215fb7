import type { Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { io, type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockServer } from '../../mock-server/index.js';
import { openSocket, partialRequest, stalledWebsocket } from './shutdown-helpers.js';

const sockets: Socket[] = [];
const clients: ClientSocket[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.destroy();
  for (const c of clients.splice(0)) c.disconnect();
});

describe('createMockServer().close()', () => {
  it('resolves within 2 s with a half-sent request, a stalled websocket, a polling client and an idle socket, and frees every connection', async () => {
    const mock = createMockServer({ logLevel: 'silent' });
    const url = await mock.listen(0, '127.0.0.1');
    sockets.push(await partialRequest(url), await stalledWebsocket(url), await openSocket(url));
    const polling = io(url, { transports: ['polling'], reconnection: false, auth: { entityId: randomUUID() } });
    clients.push(polling);
    await new Promise<void>((resolve) => polling.once('connect', () => resolve()));
    // its next long-poll is waiting on the server (a poll that needs a new connection after close() is refused)
    await new Promise((r) => setTimeout(r, 100));
    const disconnected = new Promise<string>((resolve) => polling.once('disconnect', (reason) => resolve(reason)));
    const t0 = performance.now();
    await mock.close();
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(await disconnected).toBe('io server disconnect');
    expect(mock.http.listening).toBe(false);
    const open = await new Promise<number>((resolve) => mock.http.getConnections((_e, n) => resolve(n)));
    expect(open).toBe(0);
  }, 20_000);

  it('resolves at once when nothing is connected', async () => {
    const mock = createMockServer({ logLevel: 'silent' });
    await mock.listen(0, '127.0.0.1');
    const t0 = performance.now();
    await mock.close();
    expect(performance.now() - t0).toBeLessThan(200);
  });
});
