import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { ObservedEvent } from '../../spec/index.js';

/** How long a connected socket waits for the server's last connection event. */
const GREETING_MS = 1000;

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

  /**
   * Connects and resolves once connected and greeted: servers send their connection events (1.7.2: authenticated,
   * then connection_established) after the client's `connect`, so the last of them is awaited too (for at most
   * `greetingMs`; a server that never greets is a check's finding, not a setup failure). Rejects with the server's
   * reason (connect_error) or on timeout.
   */
  connect(url: string, options: { socketApiKey?: string; timeoutMs: number; transports?: ('websocket' | 'polling')[]; signal?: AbortSignal }): Promise<void> {
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
      let greeted: NodeJS.Timeout | undefined;
      const settle = (error?: Error) => {
        clearTimeout(timer);
        clearTimeout(greeted);
        options.signal?.removeEventListener('abort', stop);
        if (error) reject(error);
        else resolve();
      };
      // the run stopped (target gone, SIGINT, the check's time is up): close now, not after the timeout
      const stop = () => {
        this.close();
        settle(new Error(`${this.name}: stopped while connecting`));
      };
      const timer = setTimeout(() => settle(new Error(`${this.name}: no connection within ${options.timeoutMs} ms`)), options.timeoutMs);
      if (options.signal?.aborted) return stop();
      options.signal?.addEventListener('abort', stop, { once: true });
      socket.once('connect', () => {
        clearTimeout(timer);
        greeted = setTimeout(() => settle(), Math.min(GREETING_MS, options.timeoutMs));
        socket.once('connection_established', () => settle());
      });
      socket.once('connect_error', (error) => settle(error));
    });
  }

  /**
   * Joins a channel and waits for the last join event (room_joined, after channel_joined), or gives up after the
   * timeout: a check sees the rest.
   */
  async join(channelId: string, timeoutMs: number): Promise<void> {
    const socket = this.socket;
    if (!socket) throw new Error(`${this.name} is not connected`);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      socket.once('room_joined', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.emit('message', { type: 1, payload: { channelId, roomId: channelId, entityId: this.entityId } });
    });
  }

  /** Resolves once nothing has arrived for `quietMs` (at most `maxMs`): the setup's stragglers are in. */
  async quiet(quietMs: number, maxMs: number): Promise<void> {
    const deadline = Date.now() + maxMs;
    while (Date.now() < deadline) {
      const last = this.timeline.at(-1);
      const since = last ? Date.now() - (this.t0 + last.at) : Date.now() - this.t0;
      if (since >= quietMs) return;
      await new Promise((r) => setTimeout(r, Math.min(quietMs - since, deadline - Date.now()) + 1));
    }
  }

  close(): void {
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
  }
}
