import { CONVENTION_REFS, schemaIssues, type RestOperation } from '../../spec/index.js';
import type { MockContext } from '../context.js';
import { payloadProblem } from '../limits.js';
import { errorBody, render, type Rendered } from './render.js';
import { fail, type Handler, type HandlerResult, type RequestContext } from './result.js';
import { DIAGNOSTIC_CODES } from '../diagnostics.js';
import { fromOtherRelease } from '../release-hints.js';

/** A per-test replacement of one operation's handler (`handle.use(rest('agents.list', …))`). */
export interface RestOverride {
  kind: 'rest';
  operationId: string;
  handler: Handler;
  once?: boolean;
}

/** What the pipeline needs besides the parsed request: facts about the body as it arrived. */
export interface ArrivedBody {
  /** A body was sent (non-zero Content-Length, or chunked). */
  present: boolean;
  /** The Content-Type's media type, lower case, without parameters ('' when absent). */
  contentType: string;
  /** What the upload parser refused (too large, too many files), if anything. */
  uploadError?: HandlerResult;
}

/** What a transport adapter writes back: a JSON result rendered in the profile's envelope, or a raw one. */
export type Outcome = { kind: 'json'; status: number; body?: unknown } | Extract<HandlerResult, { kind: 'binary' | 'sse' }>;

/** Documented: a body must be of the operation's content type (JSON or multipart), else 415. */
function wrongContentType(ctx: MockContext, op: RestOperation, arrived: ArrivedBody): HandlerResult | undefined {
  if (ctx.profile !== 'documented' || !op.body || !arrived.present || arrived.contentType === op.body.contentType) return undefined;
  return fail('UNSUPPORTED_MEDIA_TYPE', `${op.method} ${op.path} takes ${op.body.contentType}, got ${arrived.contentType || 'no Content-Type'}`, { ref: CONVENTION_REFS.contentType });
}

function missingBody(ctx: MockContext, op: RestOperation, body: unknown): HandlerResult | undefined {
  if (op.body?.contentType !== 'application/json' || body !== undefined) return undefined;
  if (ctx.profile === 'documented') return fail('VALIDATION_ERROR', 'A JSON body is required (Content-Type: application/json)');
  const message = "Cannot destructure property of 'req.body' as it is undefined.";
  return fail('INTERNAL_ERROR', message, { real: errorBody('E5', 500, message), ref: CONVENTION_REFS.unhandled });
}

/** A JSON body nested deeper than `maxPayloadDepth`: refused before the handler, so nothing of it is stored. */
function tooDeep(ctx: MockContext, body: unknown): HandlerResult | undefined {
  const problem = payloadProblem(body, { maxDepth: ctx.options.maxPayloadDepth });
  return problem ? fail('VALIDATION_ERROR', `The JSON body is ${problem.message}`, { details: { limit: ctx.options.maxPayloadDepth } }) : undefined;
}

function validate(ctx: MockContext, op: RestOperation, rendered: Rendered): void {
  if (!ctx.options.validateResponses) return;
  const where = `${op.id} ${rendered.status} (${ctx.profile})`;
  if (!rendered.variant) {
    ctx.bus.emit('violation', { where, issues: [`status ${rendered.status} is not a response of ${op.id} in ${ctx.profile}`] });
    return;
  }
  const issues = rendered.variant.schema && rendered.body !== undefined ? schemaIssues(rendered.variant.schema, rendered.body) : [];
  if (issues.length > 0) {
    ctx.logger.log('error', `response of ${where} does not fit the spec: ${issues.join('; ')}`);
    ctx.bus.emit('violation', { where, issues });
  }
}

function pickHandler(overrides: RestOverride[], op: RestOperation, fallback: Handler): Handler {
  const index = overrides.findIndex((o) => o.operationId === op.id || o.operationId === op.aliasOf);
  const override = overrides[index];
  if (!override) return fallback;
  if (override.once) overrides.splice(index, 1);
  return override.handler;
}

/**
 * One operation, transport-free: the body checks, the handler (overrides first), then the profile's envelope,
 * checked against the spec when `validateResponses` is on. The Express and MSW adapters both call this.
 */
/** A call of a 1.5-era `/central-*` route: a diagnostic naming the release and the route the profile has instead. */
function olderRoute(ctx: MockContext, op: RestOperation): void {
  if (!op.path.includes('/central-')) return;
  const instead = op.aliasOf ? ` (${op.aliasOf})` : '';
  const via = op.path.replace('/central-channels', '/channels').replace('/central-servers', '/message-servers');
  ctx.diagnostics.report(DIAGNOSTIC_CODES.olderReleaseRoute, `${op.method} ${op.path}: ${fromOtherRelease('centralRoute', ctx.profile, `${op.method} ${via}${instead}`)}`, undefined, { operationId: op.id });
}

export async function runOperation(op: RestOperation, handler: Handler, overrides: RestOverride[], request: RequestContext, arrived: ArrivedBody): Promise<Outcome> {
  const ctx = request.mock;
  olderRoute(ctx, op);
  const result = wrongContentType(ctx, op, arrived) ?? arrived.uploadError ?? missingBody(ctx, op, request.body) ?? tooDeep(ctx, request.body) ?? (await pickHandler(overrides, op, handler)(request));
  if (result.kind === 'binary' || result.kind === 'sse') return result;
  const rendered = render(op, ctx.profile, result, ctx.clock.now());
  validate(ctx, op, rendered);
  return { kind: 'json', status: rendered.status, body: rendered.body };
}
