import cors from 'cors';
import express, { type Express, type Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { MockContext } from '../context.js';
import { errorBody } from '../rest/render.js';
import { routeHandler, uploadMiddleware, type RestOverride } from '../rest/adapter.js';
import { handlerOf, routedOperations } from '../rest/routes.js';
import { bodyErrors, contentTypeCheck, decodeErrors, finalErrors } from './body-errors.js';
import { controlRouter } from './control.js';
import { agentIdQuery } from './agent-query.js';
import { restFaults } from './faults.js';
import { apiKeyAuth } from './security.js';
import { API_HEADERS, APP_HEADERS, setHeaders } from './headers.js';

const ALLOWED_HEADERS = ['Content-Type', 'Authorization', 'X-API-KEY', 'X-Entity-Id', 'X-Mock-Status', 'X-Mock-Delay'];

function mountOperations(router: Router, getCtx: () => MockContext, overrides: RestOverride[], prefix: string): void {
  const ctx = getCtx();
  for (const op of routedOperations(ctx.profile).filter((o) => o.path.startsWith(prefix))) {
    const path = op.path.slice(prefix === '/api/' ? 4 : 0);
    const chain = [restFaults(getCtx, op)];
    if (op.body?.contentType === 'multipart/form-data') chain.push(uploadMiddleware(ctx));
    router[op.method.toLowerCase() as 'get'](path, ...chain, routeHandler(getCtx, op, handlerOf(op), overrides));
  }
}

function unknownApiRoute(getCtx: () => MockContext): express.RequestHandler {
  return (req, res) => {
    const ctx = getCtx();
    if (ctx.profile === 'documented') res.status(404).json(errorBody('documented', 'NOT_FOUND', `No route ${req.method} ${req.originalUrl}`));
    else res.status(404).json(errorBody('E5', 404, 'API endpoint not found'));
  };
}

/** The Express app, middleware in 1.7.2's order (reference §1.1). */
export function createApp(getCtx: () => MockContext, overrides: RestOverride[], reset: () => void): Express {
  const ctx = getCtx();
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(setHeaders(APP_HEADERS));
  app.use(cors({ origin: ctx.options.corsOrigin ?? true, credentials: true, methods: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'], allowedHeaders: ALLOWED_HEADERS, exposedHeaders: ['X-Total-Count'] }));
  app.use(express.json({ limit: ctx.options.maxBodyBytes }));
  app.use(bodyErrors(getCtx));
  app.use('/__mock', controlRouter(getCtx, reset)); // diagnostics always; the rest answer 403 without control
  const root = express.Router();
  mountOperations(root, getCtx, overrides, '/health');
  mountOperations(root, getCtx, overrides, '/media/');
  app.use(root);
  app.use('/api', apiKeyAuth(getCtx));
  const api = express.Router();
  api.use(setHeaders(API_HEADERS));
  if (ctx.options.rateLimit) {
    const { limit, windowMs } = ctx.options.rateLimit;
    api.use(rateLimit({ limit, windowMs, standardHeaders: 'draft-6', legacyHeaders: false, handler: (_req, res) => {
      const body = getCtx().profile === 'documented' ? errorBody('documented', 'RATE_LIMIT_EXCEEDED', 'Too many requests. Please try again later.') : { success: false, error: { code: 'RATE_LIMIT_EXCEEDED', message: 'Too many requests. Please try again later.' } };
      res.status(429).json(body);
    } }));
  }
  api.use(contentTypeCheck(getCtx));
  api.use(agentIdQuery(getCtx));
  mountOperations(api, getCtx, overrides, '/api/');
  api.use(unknownApiRoute(getCtx));
  app.use('/api', api);
  app.use((req, res) => {
    if (getCtx().profile === 'documented') res.status(404).json(errorBody('documented', 'NOT_FOUND', `No route ${req.method} ${req.originalUrl}`));
    else res.status(403).type('text/plain').send('Forbidden');
  });
  app.use(decodeErrors(getCtx));
  app.use(finalErrors(getCtx));
  return app;
}
