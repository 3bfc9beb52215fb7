import type { z } from 'zod';
import type { clientEvents } from './client-events.js';
import type { serverEvents } from './server-events.js';
import type { SocketEvent } from './event.js';

type Entry = SocketEvent<string, Record<string, z.ZodType>, string>;
type PayloadOfEntry<T> = T extends { schemas: infer S } ? { [K in keyof S]: S[K] extends z.ZodType ? z.output<S[K]> : never }[keyof S] : never;
type PayloadOf<Entries extends readonly Entry[], E extends string> = PayloadOfEntry<Extract<Entries[number], { event: E }>>;
type Listener<P> = [P] extends [undefined] ? () => void : (payload: P) => void;
type EventMap<Entries extends readonly Entry[]> = {
  [E in Entries[number]['event']]: Listener<PayloadOf<Entries, E>>;
};

/**
 * Events a client emits, with payload types derived from the spec (the union over profiles and variants).
 * Use with socket.io: `Server<ClientToServerEvents, ServerToClientEvents>`, `Socket<ServerToClientEvents, ClientToServerEvents>`.
 */
export type ClientToServerEvents = EventMap<typeof clientEvents>;

/** Events a server emits (`connect_error` excluded: it is a reserved Socket.IO event). */
export type ServerToClientEvents = Omit<EventMap<typeof serverEvents>, 'connect_error'>;

/** The payload type of a server → client event. */
export type ServerPayload<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];

/** The payload type of a client → server event. */
export type ClientPayload<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[0];

/** The id of every client → server event entry, from the spec data (a new entry is a new id at once). */
export type ClientEventId = (typeof clientEvents)[number]['id'];

/** The id of every server → client event entry, from the spec data. */
export type ServerEventId = (typeof serverEvents)[number]['id'];
