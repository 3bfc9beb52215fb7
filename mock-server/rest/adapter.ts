import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { RestOperation } from '../../spec/index.js';
import type { MockContext } from '../context.js';
import { runOperation, type ArrivedBody, type Outcome, type RestOverride } from './pipeline.js';
import { fail, type Handler, type HandlerResult, type RequestContext, type UploadedFile } from './result.js';

export type { RestOverride } from './pipeline.js';

async function send(res: Response, outcome: Outcome): Promise<void> {
  if (outcome.kind === 'binary') {
    // Express sends a Buffer as bytes but any other object as JSON: view the bytes as one (no copy).
    const body = Buffer.from(outcome.body.buffer, outcome.body.byteOffset, outcome.body.byteLength);
    res.status(outcome.status ?? 200).type(outcome.contentType).send(body);
    return;
  }
  if (outcome.kind === 'sse') {
    res.status(200).set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    res.flushHeaders();
    await outcome.stream((event, data) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
    res.end();
    return;
  }
  if (outcome.body === undefined) res.status(outcome.status).end();
  else res.status(outcome.status).json(outcome.body);
}

function arrivedBody(req: Request): ArrivedBody {
  return {
    present: (req.get('content-length') ?? '0') !== '0' || req.get('transfer-encoding') !== undefined,
    contentType: (req.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '',
    uploadError: uploadError(req),
  };
}

/** The Express handler of one operation: parse, run the transport-free pipeline, send. */
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
      await send(res, await runOperation(op, handler, overrides, request, arrivedBody(req)));
      ctx.bus.emit('request', { operationId: op.id, method: op.method, path: req.path, status: res.statusCode });
    };
    run().catch(next);
  };
}

interface Upload {
  single: RequestHandler;
  tooLarge: (error: unknown) => boolean;
}

/** Multer, loaded on the first upload: most runs of the mock (and every --help) never need it. */
async function loadUpload(ctx: MockContext): Promise<Upload> {
  const { default: multer } = await import('multer');
  const single = multer({ storage: multer.memoryStorage(), limits: { fileSize: ctx.options.maxUploadBytes, files: 1 } }).single('file');
  return { single, tooLarge: (error) => error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE' };
}

/** Multer for an operation with a multipart body: one `file`, held in memory, bounded. */
export function uploadMiddleware(ctx: MockContext): RequestHandler {
  let upload: Promise<Upload> | undefined;
  return (req, res, next) => {
    upload ??= loadUpload(ctx);
    upload.then(({ single, tooLarge }) => {
      single(req, res, (error: unknown) => {
        if (!error) return next();
        const large = tooLarge(error);
        const message = large ? 'File too large' : error instanceof Error ? error.message : 'Invalid upload';
        (req as Request & { uploadError?: HandlerResult }).uploadError = large ? fail('PAYLOAD_TOO_LARGE', message) : fail('VALIDATION_ERROR', message);
        next();
      });
    }, next);
  };
}

/** What multer refused, if anything (too large, too many files). */
export function uploadError(req: Request): HandlerResult | undefined {
  return (req as Request & { uploadError?: HandlerResult }).uploadError;
}
