import type { z } from 'zod';
import type { EnvelopeId } from '../schemas/envelopes.js';
import type { Profiles } from '../profiles.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The REST domains, in the order the reference (§3) lists them. */
export const REST_DOMAINS = [
  'root',
  'agents',
  'memory',
  'messaging',
  'audio',
  'media',
  'server',
  'system',
] as const;
export type RestDomain = (typeof REST_DOMAINS)[number];

export const REST_DOMAIN_DESCRIPTIONS: Record<RestDomain, string> = {
  root: 'Health probes and uploaded files, outside /api (no API key)',
  agents: 'Agent management: CRUD, lifecycle, worlds, panels, logs, runs',
  memory: 'Agent memory, rooms and group worlds',
  messaging: 'Messages and channels, message servers, sessions, jobs',
  audio: 'Transcription and speech',
  media: 'Media uploads',
  server: 'Runtime status and server logs',
  system: 'Version and configuration',
};

export type ZodShape = Record<string, z.ZodType>;

/** The JSON or multipart body an operation accepts. */
export interface RequestBody {
  contentType: 'application/json' | 'multipart/form-data';
  schema: z.ZodType;
  required: boolean;
}

/**
 * One response an operation can give in some profiles: a status, a content type and a body schema.
 * An error variant also names the exact `code` and `message` the profile sends, for checks that pin them.
 */
export interface ResponseVariant {
  status: number;
  description: string;
  envelope: EnvelopeId | 'raw' | 'binary' | 'sse' | 'empty' | 'text';
  /** `undefined`: no body. */
  contentType?: string;
  schema?: z.ZodType;
  profiles: Profiles;
  error?: { code?: string | number; message?: string };
  /**
   * Links the profiles' forms of one outcome: an error's `<documented code>:<message>` (or the code alone), so an
   * implementation names the outcome once and renders it in whichever profile it serves.
   */
  ref?: string;
  /** The condition under which this response is given, when it is not the operation's plain outcome. */
  when?: string;
  /** The variant holds for any /api operation (auth, rate limit, body parsing): added by the conventions. */
  conventional?: boolean;
}

/** One REST operation of the protocol. */
export interface RestOperation {
  /** Stable id, `<domain>.<resource>.<verb>`, e.g. `messaging.channels.create`. */
  id: string;
  method: HttpMethod;
  /** Express-style path, e.g. `/api/agents/:agentId`. */
  path: string;
  domain: RestDomain;
  summary: string;
  description?: string;
  /** How elizaos-1.7 answers: envelope family of its successes and errors (see `Style`). */
  style: 'E1' | 'E2' | 'E3' | 'E4' | 'root';
  /** `api-key`: needs `X-API-KEY` when the server has a REST token. */
  auth: 'api-key' | 'none';
  profiles: Profiles;
  deprecated?: boolean;
  /** For aliases: the id of the operation this one re-dispatches to. */
  aliasOf?: string;
  params?: ZodShape;
  query?: ZodShape;
  headers?: ZodShape;
  body?: RequestBody;
  responses: ResponseVariant[];
  /** Whether the reference confirmed this route on a running 1.7.2 server (otherwise: read from the code only). */
  probed: boolean;
}

/** The path in OpenAPI form: `/api/agents/{agentId}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

/** The names of the path parameters, in order. */
export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] ?? '');
}

/**
 * Ids of operations that re-dispatch to another (deprecated aliases and the routers 1.7.2 mounts twice): an
 * implementation serves them with their target's handler.
 */
export type AliasOperationId =
  | `messaging.central-channels.${string}`
  | `messaging.central-servers.${string}`
  | `messaging.servers.${string}`
  | `agents.memory.${string}`;
