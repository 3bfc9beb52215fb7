/**
 * How the primary hands a TCP connection to a worker, binary-safe. The primary reads the first chunk of a new
 * connection and nothing more (the kernel keeps the rest), picks the worker from the request line, and sends the
 * socket handle over IPC with that chunk in base64. The worker puts the chunk back in front of the socket and
 * reads every later byte itself: no byte of a request is relayed through the primary after the first chunk.
 */
import { createServer, type Server, type Socket } from 'node:net';

/** The IPC message that carries a connection handle from the primary to a worker. */
export interface ConnectionMessage {
  type: 'eliza-wire:connection';
  /** The bytes the primary read, base64. */
  head: string;
}

/** Where the primary sends a connection; false when the worker cannot take it (the connection is then dropped). */
export type HandOff = (socket: Socket, message: ConnectionMessage, sessionWorker: number | undefined) => boolean;

/** The first line of a request is enough to route it; past this many bytes without one, it goes round-robin. */
const HEAD_LIMIT = 8192;
const UNAVAILABLE = 'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';

/** The worker number of an engine.io session id `w<n>-…` (worker.ts makes them), or undefined. */
export function workerOfSessionId(sid: string | null | undefined): number | undefined {
  const match = /^w(\d+)-/.exec(sid ?? '');
  return match ? Number(match[1]) : undefined;
}

/** The worker named by the `sid` query parameter of a request's first line, e.g. `GET /socket.io/?…&sid=w2-… HTTP/1.1`. */
export function sessionWorkerOf(head: Buffer): number | undefined {
  const line = head.toString('latin1', 0, Math.min(head.length, HEAD_LIMIT)).split('\r\n', 1)[0] ?? '';
  const target = line.split(' ')[1];
  if (target === undefined) return undefined;
  try {
    return workerOfSessionId(new URL(target, 'http://primary').searchParams.get('sid'));
  } catch {
    return undefined; // not a request line: round-robin, and the worker answers 400
  }
}

/**
 * Reads the first chunk of `socket` without reading on: with a readable high-water mark of 0 the stream stops the
 * handle's reads as soon as one chunk is buffered (`pause()` would not: it only stops the 'data' events, while the
 * handle goes on reading, and child_process drops what a handle reads after it was sent).
 */
function readHead(socket: Socket, onHead: (head: Buffer) => void): void {
  const chunks: Buffer[] = [];
  const onReadable = () => {
    const chunk = socket.read() as Buffer | null;
    if (chunk !== null) chunks.push(chunk);
    const head = Buffer.concat(chunks);
    if (head.length === 0 || (!head.includes('\n') && head.length < HEAD_LIMIT)) {
      socket.read(0); // a request line split over chunks: ask for one more
      return;
    }
    socket.off('readable', onReadable);
    onHead(head);
  };
  socket.on('readable', onReadable);
}

/** The primary's server: it answers nothing itself, it only reads each connection's first chunk and hands it off. */
export function createHandoffServer(handOff: HandOff): { server: Server; sockets: Set<Socket> } {
  const sockets = new Set<Socket>();
  const server = createServer({ highWaterMark: 0 }, (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    readHead(socket, (head) => {
      const message: ConnectionMessage = { type: 'eliza-wire:connection', head: head.toString('base64') };
      // once sent, the handle belongs to the worker: this process's socket object is an empty shell
      if (handOff(socket, message, sessionWorkerOf(head))) sockets.delete(socket);
      else socket.end(UNAVAILABLE);
    });
  });
  return { server, sockets };
}

export function isConnectionMessage(value: unknown): value is ConnectionMessage {
  const message = value as Partial<ConnectionMessage> | null;
  return typeof message === 'object' && message?.type === 'eliza-wire:connection' && typeof message.head === 'string';
}

/**
 * The worker's end: a connection the primary sent joins `server` as if it had accepted it, its first chunk put
 * back in front, and the socket reads on by itself. Returns a function that stops listening.
 */
export function receiveConnections(server: { emit(event: 'connection', socket: Socket): boolean }): () => void {
  const onMessage = (message: unknown, socket: Socket | undefined) => {
    // no socket: it was closed while in transit
    if (!isConnectionMessage(message) || socket === undefined) return;
    socket.unshift(Buffer.from(message.head, 'base64'));
    server.emit('connection', socket);
    socket.resume();
  };
  process.on('message', onMessage);
  return () => process.off('message', onMessage);
}
