import type { DocumentedErrorCode } from '../../spec/schemas/envelopes.js';
import type { MockContext } from '../context.js';
import type { AgentBehaviour } from '../agent/behaviour.js';

/** What a handler returns; the adapter renders it in the active profile's envelope. */
export type HandlerResult =
  | { kind: 'ok'; status?: number; data?: unknown; real?: unknown }
  | { kind: 'error'; code: DocumentedErrorCode; message: string; details?: unknown; real?: unknown; ref?: string }
  | { kind: 'binary'; status?: number; contentType: string; body: Uint8Array }
  | { kind: 'sse'; stream: (send: (event: string, data: unknown) => void) => Promise<void> };

/**
 * Success. `data` is the payload (what `data` holds in an envelope, or the raw body); `real` is the elizaos-1.7
 * body where 1.7.2 answers with a hybrid rather than what the operation's style derives.
 */
export function ok(data?: unknown, options: { status?: number; real?: unknown } = {}): HandlerResult {
  return { kind: 'ok', data, ...options };
}

/** No content (204). */
export function noContent(): HandlerResult {
  return { kind: 'ok', status: 204 };
}

/**
 * An error, named as the spec names it: the documented code and, where the spec pins it, 1.7.2's message. The
 * adapter looks up the variant (status, 1.7.2 code, envelope) for the active profile.
 */
export function fail(code: DocumentedErrorCode, message: string, extra: { details?: unknown; real?: unknown; ref?: string } = {}): HandlerResult {
  return { kind: 'error', code, message, ...extra };
}

export interface UploadedFile {
  fieldname: string;
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Uint8Array;
}

/** A request as a handler sees it: parsed, with the mock around it. */
export interface RequestContext {
  mock: MockContext;
  /** The spec id of the operation being served (an alias's own id). */
  operationId: string;
  params: Record<string, string>;
  query: Record<string, string | string[] | undefined>;
  /** Request headers, names in lower case (Node's `IncomingHttpHeaders`). */
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  file?: UploadedFile;
  agent: AgentBehaviour;
}

export type Handler = (req: RequestContext) => HandlerResult | Promise<HandlerResult>;
