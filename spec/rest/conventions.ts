import { DocumentedError, E1Error, E5Error, E6Error, E7Error, E8Error } from '../schemas/envelopes.js';
import type { Profiles } from '../profiles.js';
import { levelIn } from '../profiles.js';
import type { ResponseVariant, RestOperation } from './operation.js';

const JSON_CT = 'application/json';

/**
 * The outcomes every /api operation shares, named once for both profiles (`ref`): a check asks for
 * `convention:malformed-json` and gets 1.7.2's 500 E5 or the documented 400 INVALID_JSON.
 */
export const CONVENTION_REFS = {
  unauthorized: 'convention:unauthorized',
  rateLimit: 'convention:rate-limit',
  malformedJson: 'convention:malformed-json',
  oversize: 'convention:oversize',
  contentType: 'convention:content-type',
  unhandled: 'convention:unhandled',
  agentIdInvalid: 'convention:agent-id-invalid',
  agentIdUnknown: 'convention:agent-id-unknown',
} as const;

function variant(ref: string, v: Omit<ResponseVariant, 'contentType' | 'conventional' | 'ref'>): ResponseVariant {
  return { ...v, contentType: JSON_CT, conventional: true, ref };
}

function pick(op: RestOperation, levels: Profiles): Profiles {
  const out: Profiles = {};
  for (const [profile, level] of Object.entries(levels) as [keyof Profiles, Profiles[keyof Profiles]][]) {
    if (levelIn(op.profiles, profile) && level) out[profile] = level;
  }
  return out;
}

function authResponses(op: RestOperation): ResponseVariant[] {
  if (op.auth !== 'api-key') return [];
  const when = 'the server has a REST API key and the request has no or a wrong X-API-KEY';
  return [
    variant(CONVENTION_REFS.unauthorized, { status: 401, description: 'Unauthorized: E6', envelope: 'E6', schema: E6Error, profiles: pick(op, { 'elizaos-1.7': 'MUST' }), error: { message: 'Missing or invalid X-API-KEY header' }, when }),
    variant(CONVENTION_REFS.unauthorized, { status: 401, description: 'Unauthorized: UNAUTHORIZED', envelope: 'documented', schema: DocumentedError, profiles: pick(op, { documented: 'MUST' }), error: { code: 'UNAUTHORIZED' }, when }),
  ];
}

function rateLimitResponses(op: RestOperation): ResponseVariant[] {
  const when = 'the client exceeded the rate limit';
  return [
    variant(CONVENTION_REFS.rateLimit, { status: 429, description: 'Too Many Requests: E7', envelope: 'E7', schema: E7Error, profiles: pick(op, { 'elizaos-1.7': 'SHOULD' }), error: { code: 'RATE_LIMIT_EXCEEDED' }, when }),
    variant(CONVENTION_REFS.rateLimit, { status: 429, description: 'Too Many Requests: RATE_LIMIT_EXCEEDED', envelope: 'documented', schema: DocumentedError, profiles: pick(op, { documented: 'SHOULD' }), error: { code: 'RATE_LIMIT_EXCEEDED' }, when }),
  ];
}

function bodyResponses(op: RestOperation): ResponseVariant[] {
  if (op.body?.contentType !== JSON_CT) return [];
  const out: ResponseVariant[] = [
    variant(CONVENTION_REFS.malformedJson, { status: 500, description: 'Malformed JSON: E5 (the body parser throws)', envelope: 'E5', schema: E5Error, profiles: pick(op, { 'elizaos-1.7': 'MUST' }), error: { code: 500 }, when: 'the body is not valid JSON' }),
    variant(CONVENTION_REFS.malformedJson, { status: 400, description: 'Malformed JSON: INVALID_JSON', envelope: 'documented', schema: DocumentedError, profiles: pick(op, { documented: 'MUST' }), error: { code: 'INVALID_JSON' }, when: 'the body is not valid JSON' }),
    variant(CONVENTION_REFS.oversize, { status: 500, description: 'Body over 2 MB: E5 (the body parser throws)', envelope: 'E5', schema: E5Error, profiles: pick(op, { 'elizaos-1.7': 'SHOULD' }), error: { code: 500 }, when: 'the body is over 2 MB' }),
    variant(CONVENTION_REFS.oversize, { status: 413, description: 'Body over 2 MB: PAYLOAD_TOO_LARGE', envelope: 'documented', schema: DocumentedError, profiles: pick(op, { documented: 'MUST' }), error: { code: 'PAYLOAD_TOO_LARGE' }, when: 'the body is over 2 MB' }),
    variant(CONVENTION_REFS.contentType, { status: 415, description: 'Wrong Content-Type: UNSUPPORTED_MEDIA_TYPE', envelope: 'documented', schema: DocumentedError, profiles: pick(op, { documented: 'MUST' }), error: { code: 'UNSUPPORTED_MEDIA_TYPE' }, when: 'the Content-Type is not application/json' }),
  ];
  if (!op.path.startsWith('/api/media/')) {
    out.push(variant(CONVENTION_REFS.contentType, { status: 400, description: 'Wrong Content-Type: E1 INVALID_CONTENT_TYPE', envelope: 'E1', schema: E1Error, profiles: pick(op, { 'elizaos-1.7': 'MUST' }), error: { code: 'INVALID_CONTENT_TYPE', message: 'Invalid or missing Content-Type header' }, when: 'a non-empty body whose Content-Type is not JSON, multipart or urlencoded' }));
  }
  return out;
}

function realGlobalResponses(op: RestOperation): ResponseVariant[] {
  return [
    variant(CONVENTION_REFS.unhandled, { status: 500, description: 'Unhandled error: E5', envelope: 'E5', schema: E5Error, profiles: pick(op, { 'elizaos-1.7': 'MAY' }), error: { code: 500 }, when: 'the handler throws (e.g. a missing body it destructures)' }),
    variant(CONVENTION_REFS.agentIdInvalid, { status: 400, description: 'Invalid ?agentId: E8 INVALID_AGENT_ID', envelope: 'E8', schema: E8Error, profiles: pick(op, { 'elizaos-1.7': 'MAY' }), error: { code: 'INVALID_AGENT_ID', message: 'Invalid agent ID format' }, when: 'a non-UUID ?agentId= while agents are running (plugin route handler)' }),
    variant(CONVENTION_REFS.agentIdUnknown, { status: 404, description: 'Unknown ?agentId: E8 AGENT_NOT_FOUND', envelope: 'E8', schema: E8Error, profiles: pick(op, { 'elizaos-1.7': 'MAY' }), error: { code: 'AGENT_NOT_FOUND', message: 'Agent not found' }, when: 'a UUID ?agentId= that is not a running agent (plugin route handler)' }),
  ];
}

/** The responses every /api operation can give besides its own: auth, rate limit, body parsing, global handler. */
export function apiConventions(op: RestOperation): ResponseVariant[] {
  if (!op.path.startsWith('/api/')) return [];
  const all = [...authResponses(op), ...rateLimitResponses(op), ...bodyResponses(op), ...realGlobalResponses(op)];
  return all.filter((v) => Object.keys(v.profiles).length > 0);
}

/**
 * Protocol-wide rules that belong to no single operation: what an unknown /api path answers, in each profile.
 */
export const UNKNOWN_API_ROUTE: ResponseVariant[] = [
  variant('convention:unknown-route', { status: 404, description: 'Unknown /api path: E5', envelope: 'E5', schema: E5Error, profiles: { 'elizaos-1.7': 'MUST' }, error: { code: 404, message: 'API endpoint not found' } }),
  variant('convention:unknown-route', { status: 404, description: 'Unknown /api path: NOT_FOUND', envelope: 'documented', schema: DocumentedError, profiles: { documented: 'MUST' }, error: { code: 'NOT_FOUND' } }),
];
