import { http, type HttpHandler } from 'msw';
import type { RestOperation } from '../../spec/index.js';
import type { MockCore } from '../context.js';
import { agentIdQuery } from '../http/agent-query.js';
import { bodyErrors, contentTypeCheck, finalErrors } from '../http/body-errors.js';
import { restFaults } from '../http/faults.js';
import { API_HEADERS, APP_HEADERS } from '../http/headers.js';
import { apiKeyAuth } from '../http/security.js';
import { errorBody } from '../rest/render.js';
import { runOperation } from '../rest/pipeline.js';
import type { RequestContext } from '../rest/result.js';
import { handlerOf, routedOperations } from '../rest/routes.js';
import { runErrorMiddleware, runMiddleware, ShimRequest, ShimResponse } from './middleware.js';
import { fromShim, toResponse } from './response.js';
import { headersOf, parseBody, queryOf, type ParsedBody } from './request.js';

type Stage = (req: ShimRequest, res: ShimResponse) => Promise<boolean>;

/** The /api middlewares of the Express app, in its order (auth, headers, content type, `?agentId=`). */
function apiStages(core: MockCore): Stage[] {
  const getCtx = () => core.ctx;
  const withHeaders: Stage = async (_req, res) => {
    for (const [k, v] of Object.entries(API_HEADERS)) res.setHeader(k, v);
    return true;
  };
  return [
    (req, res) => runMiddleware(apiKeyAuth(getCtx), req, res),
    withHeaders,
    (req, res) => runMiddleware(contentTypeCheck(getCtx), req, res),
    (req, res) => runMiddleware(agentIdQuery(getCtx), req, res),
  ];
}

/** Runs stages until one answers; the answer, or undefined when every stage passed the request on. */
async function runStages(stages: Stage[], req: ShimRequest, res: ShimResponse): Promise<Response | undefined> {
  for (const stage of stages) if (!(await stage(req, res))) return fromShim(res);
  return undefined;
}

function shimOf(request: Request, url: URL, api: boolean): { req: ShimRequest; res: ShimResponse } {
  const res = new ShimResponse();
  for (const [k, v] of Object.entries(APP_HEADERS)) res.setHeader(k, v);
  const path = api ? url.pathname.slice('/api'.length) || '/' : url.pathname;
  return { req: new ShimRequest(request.method, path, queryOf(url), request.headers), res };
}

/** A malformed or oversized JSON body, answered by the mock's own `bodyErrors` (or the last-resort handler). */
function bodyErrorResponse(core: MockCore, parsed: ParsedBody, req: ShimRequest, res: ShimResponse): Response | undefined {
  if (!parsed.error) return undefined;
  const getCtx = () => core.ctx;
  if (runErrorMiddleware(bodyErrors(getCtx), parsed.error, req, res)) runErrorMiddleware(finalErrors(getCtx), parsed.error, req, res);
  return fromShim(res);
}

async function serve(core: MockCore, op: RestOperation, request: Request, params: Record<string, string>): Promise<Response> {
  const ctx = core.ctx;
  const url = new URL(request.url);
  const api = op.path.startsWith('/api/');
  const { req, res } = shimOf(request, url, api);
  const parsed = await parseBody(request, op.body?.contentType === 'multipart/form-data', ctx.options.maxUploadBytes);
  const early = bodyErrorResponse(core, parsed, req, res) ?? (await runStages(api ? apiStages(core) : [], req, res));
  if (early) return early;
  if (!(await runMiddleware(restFaults(() => core.ctx, op), req, res))) return fromShim(res);
  const request_: RequestContext = { mock: ctx, operationId: op.id, params, query: req.query, headers: headersOf(request.headers), body: parsed.body, file: parsed.file, agent: ctx.agent };
  const outcome = await runOperation(op, handlerOf(op), core.restOverrides, request_, parsed);
  return toResponse(outcome, res.headers);
}

function unknownApiRoute(core: MockCore): (info: { request: Request }) => Promise<Response> {
  return async ({ request }) => {
    const url = new URL(request.url);
    const { req, res } = shimOf(request, url, true);
    const early = await runStages(apiStages(core), req, res);
    if (early) return early;
    const documented = core.ctx.profile === 'documented';
    const body = documented ? errorBody('documented', 'NOT_FOUND', `No route ${request.method} ${url.pathname}${url.search}`) : errorBody('E5', 404, 'API endpoint not found');
    return fromShim(res.status(404).json(body));
  };
}

/**
 * One MSW handler per REST operation of the profile, in the Express app's routing order, each running the mock's
 * own middlewares and handler; then a catch-all for unknown `/api/*` routes (the profile's 404).
 */
export function restHandlers(core: MockCore, baseUrl: string): HttpHandler[] {
  const base = baseUrl.replace(/\/+$/, '');
  const method = (op: RestOperation) => op.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  const handlers = routedOperations(core.ctx.profile).map((op) =>
    http[method(op)](`${base}${op.path}`, async ({ request, params }) => {
      const response = await serve(core, op, request, params as Record<string, string>);
      core.ctx.bus.emit('request', { operationId: op.id, method: op.method, path: new URL(request.url).pathname, status: response.status });
      return response;
    }),
  );
  return [...handlers, http.all(`${base}/api/*`, unknownApiRoute(core))];
}
