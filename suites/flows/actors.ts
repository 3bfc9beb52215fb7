import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { ObservedEvent } from '../../spec/index.js';

/** One socket of a flow, with everything it received since the last `clear()`. */
export class Actor {
  socket?: Socket;
  timeline: ObservedEvent[] = [];
  private t0 = Date.now();

  constructor(
    readonly name: string,
    readonly entityId: string = randomUUID(),
  ) {}

  clear(): void {
    this.timeline = [];
    this.t0 = Date.now();
  }

  /** Connects and resolves once connected; rejects with the server's reason (connect_error) or on timeout. */
  connect(url: string, options: { socketApiKey?: string; timeoutMs: number; transports?: ('websocket' | 'polling')[] }): Promise<void> {
    const socket = io(url, {
      auth: { entityId: this.entityId, ...(options.socketApiKey ? { apiKey: options.socketApiKey } : {}) },
      transports: options.transports ?? ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: options.timeoutMs,
    });
    this.socket = socket;
    socket.onAny((event: string, payload: unknown) => this.timeline.push({ event, payload, at: Date.now() - this.t0 }));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}: no connection within ${options.timeoutMs} ms`)), options.timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once('connect_error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  /** Joins a channel and waits for channel_joined (or gives up after the timeout: a check sees the rest). */
  async join(channelId: string, timeoutMs: number): Promise<void> {
    const socket = this.socket;
    if (!socket) throw new Error(`${this.name} is not connected`);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      socket.once('channel_joined', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.emit('message', { type: 1, payload: { channelId, roomId: channelId, entityId: this.entityId } });
    });
  }

  close(): void {
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
  }
}
