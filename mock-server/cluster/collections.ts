import type { MockState } from '../state/state.js';

/** The Maps of `MockState` that replication keeps in step, by name. */
export const COLLECTIONS = ['agents', 'servers', 'channels', 'messages', 'memories', 'rooms', 'worlds', 'logs', 'runs', 'sessions', 'jobs', 'media'] as const;
export type Collection = (typeof COLLECTIONS)[number];

export function isCollection(name: unknown): name is Collection {
  return typeof name === 'string' && (COLLECTIONS as readonly string[]).includes(name);
}

export function mapOf(state: MockState, collection: Collection): Map<string, unknown> {
  return state[collection] as Map<string, unknown>;
}
