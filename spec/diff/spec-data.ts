import type { z } from 'zod';
import type { Profile, Profiles } from '../profiles.js';
import type { Flow } from '../flows/flow.js';
import { flows } from '../flows/index.js';
import type { RestOperation } from '../rest/operation.js';
import { restOperations } from '../rest/index.js';
import type { SocketEvent } from '../socket/event.js';
import { handshake } from '../socket/handshake.js';
import { socketEvents } from '../socket/index.js';

/** The handshake as the diff reads it: the rules shared by every profile and the auth schema per profile. */
export interface HandshakeData {
  path: string;
  namespace: string;
  transports: readonly string[];
  auth: Partial<Record<Profile, z.ZodType>>;
  rejections: readonly { reason: string; message: string; profiles: Profiles; when: string }[];
}

/**
 * The spec data a diff compares. `currentSpec()` is the spec of this package; a test hands in a modified copy to
 * see exactly its change reported.
 */
export interface SpecData {
  restOperations: readonly RestOperation[];
  socketEvents: readonly SocketEvent[];
  flows: readonly Flow[];
  handshake: HandshakeData;
}

export function currentSpec(): SpecData {
  return { restOperations, socketEvents, flows, handshake };
}

