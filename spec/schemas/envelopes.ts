import { z } from 'zod';
import { IsoDateTime, Metadata, Uuid } from './primitives.js';

/**
 * The response envelopes. `elizaos-1.7` mixes eight of them (reference §1.3); `documented` has one success and
 * one error shape. Error envelopes are generic here (a `code: string`); the exact code and message a response
 * carries are data on the spec's response variant, so checks can pin them without a schema per message.
 */
export const ENVELOPE_IDS = ['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8', 'hybrid', 'documented'] as const;
export type EnvelopeId = (typeof ENVELOPE_IDS)[number];

/** `{success:true, data}`: E1 and E2 success, and the documented success envelope. */
export function successEnvelope<T extends z.ZodType>(data: T) {
  return z.strictObject({ success: z.literal(true), data });
}

/** E1 error (`sendError`): agents, memory, audio, /api/media/agents, env routes. */
export const E1Error = z
  .strictObject({
    success: z.literal(false),
    error: z.strictObject({ code: z.string(), message: z.string(), details: z.string().optional() }),
  })
  .meta({ id: 'E1Error', description: 'E1 error: `{success:false, error:{code, message, details?}}`.' });

/** E2 error: most of /api/messaging (not sessions), /api/media/channels, jobs. `error` is a string. */
export const E2Error = z
  .strictObject({ success: z.literal(false), error: z.string(), details: z.unknown().optional() })
  .meta({ id: 'E2Error', description: 'E2 messaging legacy error: `{success:false, error:string, details?}`.' });

/** E4 error: sessions. No `success` key; `details` is an object; 1.7.2 always includes `stack`. */
export const E4Error = z
  .strictObject({
    error: z.strictObject({
      code: z.string(),
      message: z.string(),
      timestamp: IsoDateTime,
      details: Metadata.optional(),
      stack: z.string(),
    }),
  })
  .meta({ id: 'E4Error', description: 'E4 sessions error: `{error:{code, message, timestamp, details?, stack}}`.' });

/** E5 error: the global /api error handler and unknown /api paths. `code` is a number. */
export const E5Error = z
  .strictObject({ success: z.literal(false), error: z.strictObject({ message: z.string(), code: z.number().int() }) })
  .meta({ id: 'E5Error', description: 'E5 global API error: `{success:false, error:{message, code:number}}`.' });

/** E6: the API-key middleware's 401. */
export const E6Error = z
  .strictObject({ error: z.literal('API key required'), message: z.literal('Missing or invalid X-API-KEY header') })
  .meta({ id: 'E6Error', description: 'E6 auth error (401).' });

export const RATE_LIMIT_CODES = ['RATE_LIMIT_EXCEEDED', 'FILE_RATE_LIMIT_EXCEEDED', 'UPLOAD_RATE_LIMIT_EXCEEDED'] as const;

/** E7: the rate limiters' 429, sent with `Retry-After`. */
export const E7Error = z
  .strictObject({
    success: z.literal(false),
    error: z.strictObject({ code: z.enum(RATE_LIMIT_CODES), message: z.string() }),
  })
  .meta({ id: 'E7Error', description: 'E7 rate-limit error (429).' });

/** E8: the plugin route handler's `?agentId=` check, which runs before the real route. */
export const E8Error = z
  .strictObject({
    success: z.literal(false),
    error: z.strictObject({ message: z.string(), code: z.enum(['INVALID_AGENT_ID', 'AGENT_NOT_FOUND']) }),
  })
  .meta({ id: 'E8Error', description: 'E8 plugin-handler error (`?agentId=` check).' });

/** Errors of the root media file routes: `{error: string}`. */
export const RootError = z.strictObject({ error: z.string() }).meta({ id: 'RootError' });

/** Errors of `/api/server/logs`: `{error, message}`. */
export const LogsError = z.strictObject({ error: z.string(), message: z.string() }).meta({ id: 'LogsError' });

/** Hybrid `{success:true, message}` (no `data`). */
export const SuccessMessage = z
  .strictObject({ success: z.literal(true), message: z.string() })
  .meta({ id: 'SuccessMessage', description: 'Hybrid success without data: `{success:true, message}`.' });

/** Hybrid `{success:true, partial:true, message}` (agent deletion still running). */
export const PartialSuccess = z
  .strictObject({ success: z.literal(true), partial: z.literal(true), message: z.string() })
  .meta({ id: 'PartialSuccess' });

/** A stable error code of the documented profile. */
export const DOCUMENTED_ERROR_CODES = [
  'BAD_REQUEST',
  'INVALID_ID',
  'INVALID_JSON',
  'VALIDATION_ERROR',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'GONE',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMIT_EXCEEDED',
  'TIMEOUT',
  'INTERNAL_ERROR',
  'SERVICE_UNAVAILABLE',
] as const;
export type DocumentedErrorCode = (typeof DOCUMENTED_ERROR_CODES)[number];

/**
 * The documented error envelope (seeds: "API Errors"): `{success:false, error:{code, message, details}}`.
 * `details` is optional and may be a string or an object.
 */
export const DocumentedError = z
  .strictObject({
    success: z.literal(false),
    error: z.strictObject({
      code: z.enum(DOCUMENTED_ERROR_CODES),
      message: z.string().min(1),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'DocumentedError', description: 'Documented error: `{success:false, error:{code, message, details?}}`.' });

/** The per-agent error list of `POST /api/memory/groups/:id` (its `error` is an array). */
export const GroupCreateFailure = z
  .strictObject({
    agentId: Uuid,
    code: z.enum(['NOT_FOUND', 'CREATE_ERROR']),
    message: z.string(),
    details: z.string().optional(),
  })
  .meta({ id: 'GroupCreateFailure' });
