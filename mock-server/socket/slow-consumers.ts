import type { EventEmitter } from 'node:events';
import type { Server, Socket } from 'socket.io';

/**
 * How much may wait for one socket whose client does not read (a stalled tab, a paused process, a reader slower
 * than the room): past either bound the mock drops that connection and reports a `slow-consumer` diagnostic naming
 * the socket, instead of queueing for it until its ping timeout. 0 = no bound.
 */
export interface SocketBufferLimits {
  /** Packets queued for the socket (engine.io's `writeBuffer`). Default 10,000. */
  maxPackets: number;
  /** Bytes queued: the packets' data (string length) plus what its websocket holds unsent. Default 16 MiB. */
  maxBytes: number;
}

/** The diagnostic code of a dropped slow consumer. */
export const SLOW_CONSUMER = 'slow-consumer';

export type Report = (code: string, message: string, socketId?: string) => void;

interface EnginePacket { data?: unknown }
/** The parts of engine.io's connection (`socket.conn`) the guard reads; they are public but untyped there. */
interface EngineConn extends EventEmitter {
  writeBuffer: EnginePacket[];
  transport?: { name?: string; socket?: { bufferedAmount?: number; terminate?: () => void } };
  close(discard?: boolean): void;
}

function sizeOf(packet: EnginePacket): number {
  const data = packet.data;
  if (typeof data === 'string') return data.length;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

/** The bytes of a conn's writeBuffer, counted once per packet (the buffer only grows until a flush replaces it). */
function tally(): (buffer: EnginePacket[]) => number {
  let seen: EnginePacket[] | undefined;
  let counted = 0;
  let bytes = 0;
  return (buffer) => {
    if (buffer !== seen) [seen, counted, bytes] = [buffer, 0, 0];
    for (; counted < buffer.length; counted += 1) bytes += sizeOf(buffer[counted] as EnginePacket);
    return bytes;
  };
}

/** Closes the connection now, whatever is queued: the websocket is destroyed, so nothing more waits in memory. */
function drop(conn: EngineConn): void {
  conn.close(true);
  conn.transport?.socket?.terminate?.();
}

/** Watches one socket: each packet about to be queued for it is checked against the limits first. */
export function guardSocket(socket: Pick<Socket, 'id' | 'conn'>, limits: SocketBufferLimits, report: Report): void {
  const conn = socket.conn as unknown as EngineConn;
  const bytesOf = tally();
  let dropped = false;
  conn.on('packetCreate', (packet: EnginePacket) => {
    if (dropped) return;
    const packets = conn.writeBuffer.length + 1;
    const bytes = bytesOf(conn.writeBuffer) + sizeOf(packet) + (conn.transport?.socket?.bufferedAmount ?? 0);
    const overPackets = limits.maxPackets > 0 && packets > limits.maxPackets;
    const overBytes = limits.maxBytes > 0 && bytes > limits.maxBytes;
    if (!overPackets && !overBytes) return;
    dropped = true;
    const what = overPackets ? `${packets} packets (limit ${limits.maxPackets})` : `${bytes} bytes (limit ${limits.maxBytes})`;
    report(SLOW_CONSUMER, `socket ${socket.id} stopped reading: ${what} waited for it, so the mock closed the connection; the other members keep receiving. Read events as they come (or raise --max-socket-packets / --max-socket-bytes)`, socket.id);
    // Not inside engine.io's send: the broadcast that got here finishes first.
    queueMicrotask(() => drop(conn));
  });
}

/** Guards every socket that connects to `io` from now on. */
export function guardSlowConsumers(io: Server, limits: SocketBufferLimits, report: Report): void {
  if (limits.maxPackets === 0 && limits.maxBytes === 0) return;
  io.on('connection', (socket) => guardSocket(socket, limits, report));
}
