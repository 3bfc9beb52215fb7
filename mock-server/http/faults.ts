import type { RequestHandler } from 'express';
import type { RestOperation } from '../../spec/index.js';
import type { MockContext } from '../context.js';
import { errorBody } from '../rest/render.js';

const CODE_BY_STATUS: Record<number, string> = { 400: 'BAD_REQUEST', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 408: 'TIMEOUT', 409: 'CONFLICT', 410: 'GONE', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE', 429: 'RATE_LIMIT_EXCEEDED', 503: 'SERVICE_UNAVAILABLE' };

function headerNumber(value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

/**
 * REST faults of one operation: `X-Mock-Delay: <ms>` and `X-Mock-Status: <status>` per request (as Prism's
 * `Prefer`), else the configured latency/jitter and error rate. An injected error uses the profile's envelope.
 */
export function restFaults(getCtx: () => MockContext, op: RestOperation): RequestHandler {
  return (req, res, next) => {
    const ctx = getCtx();
    const delay = headerNumber(req.get('x-mock-delay'), 0, 60_000) ?? ctx.faults.latency();
    const status = headerNumber(req.get('x-mock-status'), 100, 599) ?? ctx.faults.injectedError();
    const go = () => {
      if (status === undefined) return next();
      ctx.bus.emit('fault', { kind: 'status', operationId: op.id });
      const message = `Injected by the mock (status ${status})`;
      if (status < 400) return res.status(status).end();
      const code = CODE_BY_STATUS[status] ?? 'INTERNAL_ERROR';
      if (ctx.profile === 'documented') return res.status(status).json(errorBody('documented', code, message));
      const envelope = op.style === 'E1' ? 'E1' : op.style === 'E4' ? 'E4' : status >= 500 ? 'E5' : 'E2';
      res.status(status).json(errorBody(envelope, envelope === 'E5' ? status : code, message, undefined, ctx.clock.now()));
    };
    if (delay > 0) void ctx.clock.sleep(delay).then(go);
    else go();
  };
}
