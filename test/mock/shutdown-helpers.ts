import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/** A loopback TCP connection to `url`, resolved once connected; `destroy()` it when done. */
export function openSocket(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** A connection that sent half a request head (no blank line) and then nothing more. */
export async function partialRequest(url: string): Promise<Socket> {
  const socket = await openSocket(url);
  socket.on('error', () => undefined);
  socket.write(`GET /api/agents HTTP/1.1\r\nHost: ${new URL(url).host}\r\nX-Half: `);
  return socket;
}

/**
 * A websocket (engine.io, no socket.io-client) that completed its upgrade and then stopped reading: the socket is
 * paused, so the server's closing handshake never gets its answer.
 */
export async function stalledWebsocket(url: string): Promise<Socket> {
  const socket = await openSocket(url);
  socket.on('error', () => undefined);
  const key = randomBytes(16).toString('base64');
  socket.write(
    `GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: ${new URL(url).host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  await new Promise<void>((resolve, reject) => {
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      if (head.startsWith('HTTP/1.1 101')) resolve();
      else reject(new Error(`no upgrade: ${head.split('\r\n')[0]}`));
    };
    socket.on('data', onData);
  });
  socket.pause();
  return socket;
}

/** `n` idle TCP connections, opened 200 at a time. */
export async function manySockets(url: string, n: number): Promise<Socket[]> {
  const sockets: Socket[] = [];
  while (sockets.length < n) {
    const batch = await Promise.all(Array.from({ length: Math.min(200, n - sockets.length) }, () => openSocket(url)));
    for (const s of batch) s.on('error', () => undefined);
    sockets.push(...batch);
  }
  return sockets;
}
