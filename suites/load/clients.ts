import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { LoadInterruptedError, LoadTargetError } from './errors.js';

export type Transport = 'websocket' | 'polling';

export interface ClientOptions {
  transport: Transport;
  socketApiKey?: string;
  timeoutMs: number;
  /** The handshake's entityId; a fresh UUID by default. */
  entityId?: string;
  /** Gives up the attempt (LoadInterruptedError) when it fires, so that no timer or socket outlives the run. */
  signal?: AbortSignal;
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
    const signal = options.signal;
    const fail = (error: Error) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', interrupt);
      socket.removeAllListeners();
      socket.disconnect();
      reject(error);
    };
    const interrupt = () => fail(new LoadInterruptedError());
    const timer = setTimeout(() => fail(new LoadTargetError('timeout')), options.timeoutMs);
    if (signal?.aborted) return interrupt();
    signal?.addEventListener('abort', interrupt, { once: true });
    socket.once('connect', () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', interrupt);
      socket.off('connect_error');
      resolve(socket);
    });
    socket.once('connect_error', (error: Error) => fail(new LoadTargetError(error.message || 'connect_error')));
  });
}

/** Joins a channel (SEND_MESSAGE type 1) and resolves on channel_joined; rejects after the timeout or on abort. */
export function joinChannel(socket: Socket, channelId: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', interrupt);
      if (error) reject(error);
      else resolve();
    };
    const interrupt = () => settle(new LoadInterruptedError());
    const timer = setTimeout(() => settle(new LoadTargetError('join timeout')), timeoutMs);
    if (signal?.aborted) return interrupt();
    signal?.addEventListener('abort', interrupt, { once: true });
    socket.once('channel_joined', () => settle());
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
 * LoadTargetError with the first reason (LoadInterruptedError when the attempts were given up on abort).
 */
export function settleConnections(url: string, settled: PromiseSettledResult<Socket>[], earlier: Socket[] = []): Socket[] {
  const sockets = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = settled.find((s) => s.status === 'rejected');
  if (!failed) return sockets;
  closeAll([...earlier, ...sockets]);
  if (settled.some((s) => s.status === 'rejected' && s.reason instanceof LoadInterruptedError)) throw new LoadInterruptedError();
  const reason = failed.reason instanceof Error ? failed.reason.message : String(failed.reason);
  throw new LoadTargetError(`cannot connect to ${url}: ${reason}`);
}

export function closeAll(sockets: Socket[]): void {
  for (const socket of sockets) {
    socket.removeAllListeners();
    socket.disconnect();
  }
}
