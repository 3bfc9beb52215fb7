import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { errorBody } from '../rest/render.js';
import type { MockContext } from '../context.js';

/** Compares two secrets in constant time (for equal lengths; a length mismatch fails at once). */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The `X-API-KEY` check of /api (OPTIONS exempt): 401 E6 in elizaos-1.7, UNAUTHORIZED documented. */
export function apiKeyAuth(getCtx: () => MockContext): RequestHandler {
  return (req, res, next) => {
    const ctx = getCtx();
    const token = ctx.options.authToken;
    if (!token || req.method === 'OPTIONS') return next();
    const given = req.get('x-api-key');
    if (sameSecret(given, token)) return next();
    if (ctx.profile === 'documented') {
      res.status(401).json(errorBody('documented', 'UNAUTHORIZED', 'Missing or invalid X-API-KEY header'));
    } else {
      res.status(401).json({ error: 'API key required', message: 'Missing or invalid X-API-KEY header' });
    }
  };
}
