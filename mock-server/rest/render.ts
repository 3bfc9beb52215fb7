import { errorRef, type Profile, type ResponseVariant, type RestOperation } from '../../spec/index.js';
import type { HandlerResult } from './result.js';
import { levelIn } from '../../spec/profiles.js';

export interface Rendered {
  status: number;
  body?: unknown;
  variant?: ResponseVariant;
}

const DEFAULT_STATUS: Record<string, number> = {
  BAD_REQUEST: 400, INVALID_ID: 400, INVALID_JSON: 400, VALIDATION_ERROR: 400, UNAUTHORIZED: 401, FORBIDDEN: 403,
  NOT_FOUND: 404, TIMEOUT: 408, CONFLICT: 409, GONE: 410, PAYLOAD_TOO_LARGE: 413, UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMIT_EXCEEDED: 429, INTERNAL_ERROR: 500, SERVICE_UNAVAILABLE: 503,
};

function inProfile(op: RestOperation, profile: Profile): ResponseVariant[] {
  return op.responses.filter((v) => levelIn(v.profiles, profile));
}

function findErrorVariant(op: RestOperation, profile: Profile, code: string, message: string): ResponseVariant | undefined {
  const variants = inProfile(op, profile).filter((v) => v.ref !== undefined && !v.conventional);
  return (
    variants.find((v) => v.ref === errorRef({ code, message })) ??
    variants.find((v) => v.ref === code) ??
    variants.find((v) => v.ref?.startsWith(`${code}:`))
  );
}

const SYNTHETIC_STACK = (message: string) => `Error: ${message}\n    at eliza-wire mock server`;

/** The error body of an envelope, as the profile writes it. */
export function errorBody(envelope: ResponseVariant['envelope'], code: string | number, message: string, details?: unknown, now = Date.now()): unknown {
  switch (envelope) {
    case 'documented':
      return { success: false, error: { code, message, ...(details !== undefined ? { details } : {}) } };
    case 'E1':
      return { success: false, error: { code: String(code), message, ...(typeof details === 'string' && details ? { details } : {}) } };
    case 'E2':
      return { success: false, error: message, ...(details !== undefined ? { details } : {}) };
    case 'E4':
      return { error: { code: String(code), message, timestamp: new Date(now).toISOString(), ...(details && typeof details === 'object' ? { details } : {}), stack: SYNTHETIC_STACK(message) } };
    case 'E5':
      return { success: false, error: { message, code: typeof code === 'number' ? code : 500 } };
    default:
      return { error: message };
  }
}

function renderError(op: RestOperation, profile: Profile, result: Extract<HandlerResult, { kind: 'error' }>, now: number): Rendered {
  const variant = (result.ref ? inProfile(op, profile).find((v) => v.ref === result.ref) : undefined) ?? findErrorVariant(op, profile, result.code, result.message);
  if (profile === 'documented') {
    return { status: variant?.status ?? DEFAULT_STATUS[result.code] ?? 500, body: errorBody('documented', result.code, result.message, result.details), variant };
  }
  if (result.real !== undefined) return { status: variant?.status ?? DEFAULT_STATUS[result.code] ?? 500, body: result.real, variant };
  const envelope = variant?.envelope ?? (op.style === 'E1' ? 'E1' : op.style === 'E4' ? 'E4' : op.style === 'root' ? 'raw' : 'E2');
  const code = variant?.error?.code ?? result.code;
  return { status: variant?.status ?? DEFAULT_STATUS[result.code] ?? 500, body: errorBody(envelope, code, result.message, result.details, now), variant };
}

/** The success variant of a status; when several share it, the one whose schema fits the body. */
function successVariant(op: RestOperation, profile: Profile, status: number | undefined, body: unknown): ResponseVariant | undefined {
  const successes = inProfile(op, profile).filter((v) => v.status < 300 || (v.status === 503 && !v.error));
  const candidates = status === undefined ? successes.filter((v) => v.status === successes[0]?.status) : successes.filter((v) => v.status === status);
  return candidates.length > 1 ? (candidates.find((v) => v.schema?.safeParse(body).success) ?? candidates[0]) : candidates[0];
}

function bodyOf(op: RestOperation, profile: Profile, result: Extract<HandlerResult, { kind: 'ok' }>): unknown {
  if (result.data === undefined && result.real === undefined) return undefined;
  if (profile === 'documented') return op.style === 'root' ? result.data : { success: true, data: result.data };
  if (result.real !== undefined) return result.real;
  return op.style === 'E1' || op.style === 'E2' ? { success: true, data: result.data } : result.data;
}

function renderOk(op: RestOperation, profile: Profile, result: Extract<HandlerResult, { kind: 'ok' }>): Rendered {
  const body = result.status === 204 ? undefined : bodyOf(op, profile, result);
  const variant = successVariant(op, profile, result.status, body);
  return { status: result.status ?? variant?.status ?? 200, body, variant };
}

/** Renders a JSON handler result in the profile's envelope for this operation. */
export function render(op: RestOperation, profile: Profile, result: Exclude<HandlerResult, { kind: 'binary' | 'sse' }>, now = Date.now()): Rendered {
  return result.kind === 'error' ? renderError(op, profile, result, now) : renderOk(op, profile, result);
}
