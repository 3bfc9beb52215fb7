import type { z } from 'zod';
import type { Profile, ServerPayload, ServerToClientEvents, serverEvents } from '../spec/index.js';
import type { InheritedKey } from '../spec/profiles.js';

type Entry = (typeof serverEvents)[number];
type OutputIn<T, P extends Profile> = T extends { schemas: infer S }
  ? ([InheritedKey<P, keyof S>] extends [never] ? never : S[InheritedKey<P, keyof S> & keyof S] extends z.ZodType ? z.output<S[InheritedKey<P, keyof S> & keyof S]> : never)
  : never;

/**
 * The payload of a server → client event as profile `P` defines it (the union of its variants there), derived from
 * the spec's entries. An event outside the profile falls back to its payload in any profile.
 */
export type ProfilePayload<P extends Profile, E extends keyof ServerToClientEvents> =
  [OutputIn<Extract<Entry, { event: E }>, P>] extends [never] ? ServerPayload<E> : OutputIn<Extract<Entry, { event: E }>, P>;
