import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { LoadTargetError } from './errors.js';

export type Transport = 'websocket' | 'polling';

export interface ClientOptions {
  transport: Transport;
  socketApiKey?: string;
  timeoutMs: number;
  /** The handshake's entityId; a fresh UUID by default. */
  entityId?: string;
}

/** Connects one socket; rejects with the server's reason (connect_error) or on timeout. */
export function connectClient(url: string, options: ClientOptions): Promise<Socket> {
  const socket = io(url, {
    auth: { entityId: options.entityId ?? randomUUID(), ...(options.socketApiKey ? { apiKey: options.socketApiKey } : {}) },
    transports: [options.transport],
    reconnection: false,
    forceNew: true,
    timeout: options.timeoutMs,
  });
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.disconnect();
      reject(new LoadTargetError(reason));
    };
    const timer = setTimeout(() => fail('timeout'), options.timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('connect_error');
      resolve(socket);
    });
    socket.once('connect_error', (error: Error) => fail(error.message || 'connect_error'));
  });
}

/** Joins a channel (SEND_MESSAGE type 1) and resolves on channel_joined; rejects after the timeout. */
export function joinChannel(socket: Socket, channelId: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new LoadTargetError('join timeout')), timeoutMs);
    socket.once('channel_joined', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.emit('message', { type: 1, payload: { channelId } });
  });
}

/** Connects `count` sockets, at most `batch` at a time; on any failure closes them all and throws. */
export async function connectMany(url: string, count: number, options: ClientOptions, batch = 50): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < count; i += batch) {
    const size = Math.min(batch, count - i);
    sockets.push(...settleConnections(url, await Promise.allSettled(Array.from({ length: size }, () => connectClient(url, options))), sockets));
  }
  return sockets;
}

/**
 * The sockets of a batch of connection attempts; if any failed, closes them and the `earlier` ones and throws
 * LoadTargetError with the first reason.
 */
export function settleConnections(url: string, settled: PromiseSettledResult<Socket>[], earlier: Socket[] = []): Socket[] {
  const sockets = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = settled.find((s) => s.status === 'rejected');
  if (!failed) return sockets;
  closeAll([...earlier, ...sockets]);
  const reason = failed.reason instanceof Error ? failed.reason.message : String(failed.reason);
  throw new LoadTargetError(`cannot connect to ${url}: ${reason}`);
}

export function closeAll(sockets: Socket[]): void {
  for (const socket of sockets) {
    socket.removeAllListeners();
    socket.disconnect();
  }
}
