import type { z } from 'zod';
import type { Profile, Profiles } from '../profiles.js';
import { inherited, levelIn, PROFILES } from '../profiles.js';

export type Direction = 'client-to-server' | 'server-to-client';

/**
 * Who receives a server → client event: the socket that caused it (`sender`), every socket in the channel's room
 * (`room`), every one but the sender (`room-except-sender`), the socket that asked (`requester`), the log
 * subscribers (`subscribers`), or the connecting socket (`connecting`). Client events go to the `server`.
 */
export type Recipients = 'server' | 'connecting' | 'sender' | 'room' | 'room-except-sender' | 'requester' | 'subscribers';

/** The payload schema in each profile the event belongs to; a release without one uses its parent's. */
export type ProfileSchemas = Partial<Record<Profile, z.ZodType>>;

/** An error a client event can provoke: the exact `messageError.error` text (or `connect_error` message). */
export interface SocketErrorSpec {
  message: string;
  profiles: Profiles;
  when: string;
}

/** One Socket.IO event of the protocol, in one direction. Several entries can share a wire name (variants). */
export interface SocketEvent<E extends string = string, S extends ProfileSchemas = ProfileSchemas, I extends string = string> {
  /** Stable id, e.g. `server.messageBroadcast.v2`. */
  id: I;
  /** The event name on the wire. */
  event: E;
  direction: Direction;
  recipients: Recipients;
  summary: string;
  description?: string;
  profiles: Profiles;
  schemas: S;
  /** For `message` envelopes: the SOCKET_MESSAGE_TYPE value. */
  messageType?: number;
  errors?: SocketErrorSpec[];
  /** Whether the reference saw it on a running 1.7.2 server. */
  probed: boolean;
}

/** Keeps the literal id, event name and schema types, so the typed event maps and ids derive from the entries. */
export function defineSocketEvent<const E extends string, const S extends ProfileSchemas, const I extends string>(
  entry: Omit<SocketEvent<E, S, I>, 'probed'> & { probed?: boolean },
): SocketEvent<E, S, I> {
  for (const profile of PROFILES) {
    if (levelIn(entry.profiles, profile) && !inherited<z.ZodType>(entry.schemas, profile)) {
      throw new Error(`spec ${entry.id}: it belongs to profile ${profile} but has no schema for it; add schemas['${profile}']`);
    }
  }
  return { ...entry, probed: entry.probed ?? false };
}

/** The payload schema of an event in a profile, or `undefined` when the event is not part of it. */
export function schemaIn(event: SocketEvent, profile: Profile): z.ZodType | undefined {
  return levelIn(event.profiles, profile) ? inherited<z.ZodType>(event.schemas, profile) : undefined;
}
