import type { z } from 'zod';
import type { Profile, ServerPayload, ServerToClientEvents, serverEvents } from '../spec/index.js';

type Entry = (typeof serverEvents)[number];
type OutputIn<T, P extends Profile> = T extends { schemas: infer S } ? (P extends keyof S ? (S[P] extends z.ZodType ? z.output<S[P]> : never) : never) : never;

/**
 * The payload of a server → client event as profile `P` defines it (the union of its variants there), derived from
 * the spec's entries. An event outside the profile falls back to its payload in any profile.
 */
export type ProfilePayload<P extends Profile, E extends keyof ServerToClientEvents> =
  [OutputIn<Extract<Entry, { event: E }>, P>] extends [never] ? ServerPayload<E> : OutputIn<Extract<Entry, { event: E }>, P>;
