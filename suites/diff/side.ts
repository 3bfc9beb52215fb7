import type { Profile } from '../../spec/index.js';
import type { NormaliserSeeds } from './normalise.js';

/** One server of the two: where it is and how to reach it. */
export interface Side {
  url: string;
  apiKey?: string;
  socketApiKey?: string;
  profile: Profile;
  timeoutMs: number;
  /** The agents' names on this server (masked like ids). */
  agentNames: string[];
}

/** What one unit gave on one side, before normalising: the raw result (or the error) and the ids it knows by role. */
export interface Capture {
  value: unknown;
  /** Raw value → role (`channelId`, `entity:sender`), so the normalised result names them. */
  named: NonNullable<NormaliserSeeds['named']>;
}

export function errorCapture(error: unknown): Capture {
  return { value: { error: error instanceof Error ? error.message : String(error) }, named: {} };
}
