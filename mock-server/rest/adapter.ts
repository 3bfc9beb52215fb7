import type { NextFunction, Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import { CONVENTION_REFS, schemaIssues, type RestOperation } from '../../spec/index.js';
import type { MockContext } from '../context.js';
import { errorBody, render, type Rendered } from './render.js';
import { fail, type Handler, type HandlerResult, type RequestContext, type UploadedFile } from './result.js';

/** A per-test replacement of one operation's handler (`handle.use(rest('agents.list', …))`). */
export interface RestOverride {
  kind: 'rest';
  operationId: string;
  handler: Handler;
  once?: boolean;
}

/** Documented: a body must be of the operation's content type (JSON or multipart), else 415. */
function wrongContentType(ctx: MockContext, op: RestOperation, req: Request): HandlerResult | undefined {
  if (ctx.profile !== 'documented' || !op.body) return undefined;
  const hasBody = (req.get('content-length') ?? '0') !== '0' || req.get('transfer-encoding') !== undefined;
  const type = (req.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!hasBody || type === op.body.contentType) return undefined;
  return fail('UNSUPPORTED_MEDIA_TYPE', `${op.method} ${op.path} takes ${op.body.contentType}, got ${type || 'no Content-Type'}`, { ref: CONVENTION_REFS.contentType });
}

function missingBody(ctx: MockContext, op: RestOperation, req: Request): HandlerResult | undefined {
  if (op.body?.contentType !== 'application/json' || req.body !== undefined) return undefined;
  if (ctx.profile === 'documented') return fail('VALIDATION_ERROR', 'A JSON body is required (Content-Type: application/json)');
  const message = "Cannot destructure property of 'req.body' as it is undefined.";
  return fail('INTERNAL_ERROR', message, { real: errorBody('E5', 500, message), ref: CONVENTION_REFS.unhandled });
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

async function send(ctx: MockContext, op: RestOperation, res: Response, result: HandlerResult): Promise<void> {
  if (result.kind === 'binary') {
    res.status(result.status ?? 200).type(result.contentType).send(result.body);
    return;
  }
  if (result.kind === 'sse') {
    res.status(200).set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    res.flushHeaders();
    await result.stream((event, data) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
    res.end();
    return;
  }
  const rendered = render(op, ctx.profile, result, ctx.clock.now());
  validate(ctx, op, rendered);
  if (rendered.body === undefined) res.status(rendered.status).end();
  else res.status(rendered.status).json(rendered.body);
}

function pickHandler(overrides: RestOverride[], op: RestOperation, fallback: Handler): Handler {
  const index = overrides.findIndex((o) => o.operationId === op.id || o.operationId === op.aliasOf);
  const override = overrides[index];
  if (!override) return fallback;
  if (override.once) overrides.splice(index, 1);
  return override.handler;
}

/** The Express handler of one operation: parse, choose the handler (overrides first), run, render, send. */
export function routeHandler(getCtx: () => MockContext, op: RestOperation, handler: Handler, overrides: RestOverride[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const ctx = getCtx();
    const request: RequestContext = {
      mock: ctx,
      operationId: op.id,
      params: req.params as Record<string, string>,
      query: req.query as Record<string, string | string[] | undefined>,
      headers: req.headers,
      body: req.body,
      file: req.file as UploadedFile | undefined,
      agent: ctx.agent,
    };
    const run = async () => {
      const result = wrongContentType(ctx, op, req) ?? uploadError(req) ?? missingBody(ctx, op, req) ?? (await pickHandler(overrides, op, handler)(request));
      await send(ctx, op, res, result);
      ctx.bus.emit('request', { operationId: op.id, method: op.method, path: req.path, status: res.statusCode });
    };
    run().catch(next);
  };
}

/** Multer for an operation with a multipart body: one `file`, held in memory, bounded. */
export function uploadMiddleware(ctx: MockContext): RequestHandler {
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: ctx.options.maxUploadBytes, files: 1 } }).single('file');
  return (req, res, next) => {
    upload(req, res, (error: unknown) => {
      if (!error) return next();
      const tooLarge = error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE';
      const message = tooLarge ? 'File too large' : error instanceof Error ? error.message : 'Invalid upload';
      (req as Request & { uploadError?: HandlerResult }).uploadError = tooLarge ? fail('PAYLOAD_TOO_LARGE', message) : fail('VALIDATION_ERROR', message);
      next();
    });
  };
}

/** What multer refused, if anything (too large, too many files). */
export function uploadError(req: Request): HandlerResult | undefined {
  return (req as Request & { uploadError?: HandlerResult }).uploadError;
}
