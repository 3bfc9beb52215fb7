import type { ErrorRequestHandler, RequestHandler } from 'express';
import { errorBody } from '../rest/render.js';
import type { MockContext } from '../context.js';

const ALLOWED_1_7 = ['application/json', 'multipart/form-data', 'application/x-www-form-urlencoded'];

/**
 * 1.7.2's content-type check of /api (not /api/media): a POST, PUT or PATCH with a non-empty body must say JSON,
 * multipart or urlencoded, else 400 INVALID_CONTENT_TYPE. The documented profile checks per operation instead.
 */
export function contentTypeCheck(getCtx: () => MockContext): RequestHandler {
  return (req, res, next) => {
    const ctx = getCtx();
    if (ctx.profile !== 'elizaos-1.7' || !['POST', 'PUT', 'PATCH'].includes(req.method) || req.path.startsWith('/media/')) return next();
    const length = req.get('content-length');
    if (length === undefined || length === '0') return next();
    const type = req.get('content-type') ?? '';
    if (ALLOWED_1_7.some((t) => type.includes(t))) return next();
    res.status(400).json({ success: false, error: { code: 'INVALID_CONTENT_TYPE', message: 'Invalid or missing Content-Type header' } });
  };
}

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

/**
 * Errors the body parser throws. Documented: 400 INVALID_JSON, 413 PAYLOAD_TOO_LARGE. elizaos-1.7: the global
 * handler's 500 E5 carrying the parser's message.
 */
export function bodyErrors(getCtx: () => MockContext): ErrorRequestHandler {
  return (error: BodyParserError, _req, res, next) => {
    if (error.type !== 'entity.parse.failed' && error.type !== 'entity.too.large') return next(error);
    const ctx = getCtx();
    if (ctx.profile === 'elizaos-1.7') {
      res.status(500).json(errorBody('E5', 500, error.message));
      return;
    }
    const tooLarge = error.type === 'entity.too.large';
    res
      .status(tooLarge ? 413 : 400)
      .json(errorBody('documented', tooLarge ? 'PAYLOAD_TOO_LARGE' : 'INVALID_JSON', tooLarge ? 'The body is over 2 MB' : `Malformed JSON: ${error.message}`));
  };
}

/** The last resort: never a stack trace, never an HTML page. */
export function finalErrors(getCtx: () => MockContext): ErrorRequestHandler {
  return (error: Error, _req, res, _next) => {
    const ctx = getCtx();
    ctx.logger.log('error', `unhandled error: ${error.stack ?? error.message}`);
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(500).json(ctx.profile === 'documented' ? errorBody('documented', 'INTERNAL_ERROR', 'Internal error of the mock server') : errorBody('E5', 500, error.message));
  };
}
