import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../spec/index.js';

/** The mock's socket.io server, typed with the spec's event maps. */
export type MockIo = Server<ClientToServerEvents, ServerToClientEvents>;

/** What the mock keeps on a socket once the handshake has passed. */
export interface PeerData {
  entityId?: string;
  joined?: Set<string>;
}

/**
 * The part of a connected socket the router, join, send and handshake use. socket.io's `Socket` has this shape,
 * and so does the MSW adapter's socket (`eliza-wire/msw`), so both transports run the same protocol code.
 */
export interface PeerSocket {
  readonly id: string;
  readonly data: PeerData;
  readonly handshake: { auth?: Record<string, unknown>; headers: Record<string, string | string[] | undefined> };
  join(room: string): unknown;
  emit(event: string, payload: unknown): unknown;
  on(event: string, listener: (...args: never[]) => void): unknown;
  onAny(listener: (event: string, ...args: unknown[]) => void): unknown;
}

/** Delivers an event to every socket of a room, or every one but `except`. */
export interface RoomEmitter {
  emit(room: string, event: string, payload: unknown, except?: PeerSocket): void;
}
