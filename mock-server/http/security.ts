import type { RequestHandler } from 'express';
import { errorBody } from '../rest/render.js';
import type { MockContext } from '../context.js';

const utf8 = new TextEncoder();

/**
 * Compares two secrets in constant time (for equal lengths; a length mismatch fails at once): every byte is visited
 * whatever differs, so the time does not tell how much of a guess was right. Web-standard, so it runs in a browser.
 */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = utf8.encode(given);
  const b = utf8.encode(expected);
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
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
