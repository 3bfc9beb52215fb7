import type { ErrorRequestHandler, RequestHandler } from 'express';
import { errorBody } from '../rest/render.js';
import type { MockContext } from '../context.js';
import { errorLine } from '../errors.js';
import { isRelease } from '../../spec/profiles.js';

const ALLOWED_1_7 = ['application/json', 'multipart/form-data', 'application/x-www-form-urlencoded'];

/**
 * 1.7.2's content-type check of /api (not /api/media): a POST, PUT or PATCH with a non-empty body must say JSON,
 * multipart or urlencoded, else 400 INVALID_CONTENT_TYPE. The documented profile checks per operation instead.
 */
export function contentTypeCheck(getCtx: () => MockContext): RequestHandler {
  return (req, res, next) => {
    const ctx = getCtx();
    if (!isRelease(ctx.profile) || !['POST', 'PUT', 'PATCH'].includes(req.method) || req.path.startsWith('/media/')) return next();
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
    if (isRelease(ctx.profile)) {
      res.status(500).json(errorBody('E5', 500, error.message));
      return;
    }
    const tooLarge = error.type === 'entity.too.large';
    const limit = `The body is over ${ctx.options.maxBodyBytes} bytes: send less, or raise maxBodyBytes (--max-body-bytes)`;
    res
      .status(tooLarge ? 413 : 400)
      .json(errorBody('documented', tooLarge ? 'PAYLOAD_TOO_LARGE' : 'INVALID_JSON', tooLarge ? limit : `Malformed JSON: ${error.message}`));
  };
}

/**
 * A path whose percent-encoding does not decode (`%E0%A4%A`, a lone `%`): the router throws a URIError. Documented:
 * 400 BAD_REQUEST. elizaos-1.7: under /api, the global handler's 500 E5 with the router's message (reference §1.1
 * item 11); elsewhere Express's own 400.
 */
export function decodeErrors(getCtx: () => MockContext): ErrorRequestHandler {
  return (error: Error, req, res, next) => {
    if (!(error instanceof URIError)) return next(error);
    const ctx = getCtx();
    if (ctx.profile === 'documented') {
      res.status(400).json(errorBody('documented', 'BAD_REQUEST', `${error.message}: the path's percent-encoding does not decode; encode a literal '%' as %25`));
    } else if (req.originalUrl.startsWith('/api/') || req.originalUrl === '/api') {
      res.status(500).json(errorBody('E5', 500, error.message));
    } else {
      res.status(400).type('text/plain').send('Bad Request');
    }
  };
}

/** The last resort: never a stack trace, never an HTML page. */
export function finalErrors(getCtx: () => MockContext): ErrorRequestHandler {
  return (error: Error, req, res, _next) => {
    const ctx = getCtx();
    ctx.logger.log('error', `unhandled error on ${req.method} ${req.path}: ${errorLine(error)}`);
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(500).json(ctx.profile === 'documented' ? errorBody('documented', 'INTERNAL_ERROR', 'Internal error of the mock server') : errorBody('E5', 500, error.message));
  };
}
