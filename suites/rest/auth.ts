import { restOperations } from '../../spec/index.js';
import { finding, type Check } from '../check.js';
import { curlOf } from '../http.js';
import { levelIn } from '../../spec/profiles.js';

const BOTH = { documented: 'MUST', 'elizaos-1.7': 'MUST' } as const;
/** Cheap, safe reads that exist in both profiles: enough to show the key is enforced across /api. */
const PROBES = ['agents.list', 'server.ping', 'system.version', 'messaging.message-servers.current'];

const required: Check = {
  id: 'rest.auth.required',
  title: 'Without the API key, /api answers 401 in the profile’s envelope (ignored auth is a finding)',
  domain: 'auth',
  specIds: PROBES,
  levels: BOTH,
  requires: 'apiKey',
  run: async (ctx) => {
    const findings = [];
    for (const id of PROBES) {
      const op = restOperations.find((o) => o.id === id);
      const result = await ctx.http.call(id, { withKey: false });
      const variant = op?.responses.find((v) => v.status === 401 && levelIn(v.profiles, ctx.profile));
      const issues = variant?.schema?.safeParse(result.body).success === false;
      if (result.status !== 401) findings.push(finding(`${id} without X-API-KEY answered ${result.status}: the key is ignored`, 'MUST', curlOf(result.exchange), { exchanges: [result.exchange] }, id));
      else if (issues) findings.push(finding(`${id} 401 body is not the profile’s envelope (${variant?.envelope})`, 'MUST', curlOf(result.exchange), { exchanges: [result.exchange] }, id));
    }
    const wrong = await ctx.http.call('agents.list', { withKey: false, headers: { 'x-api-key': `${ctx.target.apiKey ?? ''}-wrong` } });
    if (wrong.status !== 401) findings.push(finding(`a wrong X-API-KEY answered ${wrong.status}, expected 401`, 'MUST', curlOf(wrong.exchange), { exchanges: [wrong.exchange] }, 'agents.list'));
    return findings;
  },
};

const accepted: Check = {
  id: 'rest.auth.accepted',
  title: 'With the API key, /api answers as without auth',
  domain: 'auth',
  specIds: PROBES,
  levels: BOTH,
  requires: 'apiKey',
  run: async (ctx) => {
    const findings = [];
    for (const id of PROBES) {
      const result = await ctx.http.call(id);
      if (result.status === 401) findings.push(finding(`${id} with the X-API-KEY answered 401`, 'MUST', curlOf(result.exchange), { exchanges: [result.exchange] }, id));
    }
    return findings;
  },
};

const publicRoutes: Check = {
  id: 'rest.auth.public-routes',
  title: '/health, /healthz and CORS preflights stay public when the server has a key',
  domain: 'auth',
  specIds: ['root.health', 'root.healthz'],
  levels: BOTH,
  requires: 'apiKey',
  run: async (ctx) => {
    const findings = [];
    for (const id of ['root.healthz', 'root.health']) {
      const result = await ctx.http.call(id, { withKey: false });
      if (result.status === 401 || result.status === 403) findings.push(finding(`${id} without a key answered ${result.status}: it must stay public`, 'MUST', curlOf(result.exchange), { exchanges: [result.exchange] }, id));
    }
    const preflight = await ctx.http.call(undefined, { method: 'OPTIONS', path: '/api/agents', withKey: false, headers: { origin: 'http://client.test', 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-api-key' } });
    if (preflight.status === 401) findings.push(finding('a CORS preflight to /api answered 401: OPTIONS must be exempt', 'MUST', curlOf(preflight.exchange), { exchanges: [preflight.exchange] }));
    return findings;
  },
};

const SHOULD = { documented: 'SHOULD', 'elizaos-1.7': 'SHOULD' } as const;
const EXPECTED_HEADERS: Record<string, RegExp> = {
  'x-content-type-options': /^nosniff$/i,
  'x-frame-options': /^(sameorigin|deny)$/i,
  'referrer-policy': /./,
};

const securityHeaders: Check = {
  id: 'rest.headers.security',
  title: 'API responses carry the security headers (nosniff, frame options, referrer policy) and no X-Powered-By',
  domain: 'headers',
  specIds: ['agents.list'],
  levels: SHOULD,
  run: async (ctx) => {
    const result = await ctx.http.call('agents.list');
    const problems = Object.entries(EXPECTED_HEADERS).filter(([name, re]) => !re.test(result.headers.get(name) ?? '')).map(([name]) => `${name} is ${JSON.stringify(result.headers.get(name))}`);
    if (result.headers.get('x-powered-by')) problems.push(`x-powered-by reveals "${result.headers.get('x-powered-by')}"`);
    return problems.map((p) => finding(`GET /api/agents: ${p}`, 'SHOULD', curlOf(result.exchange), { exchanges: [result.exchange] }, 'agents.list'));
  },
};

const corsPreflight: Check = {
  id: 'rest.cors.preflight',
  title: 'A CORS preflight is answered 2xx, allowing the origin and the X-API-KEY header',
  domain: 'headers',
  specIds: [],
  levels: SHOULD,
  run: async (ctx) => {
    const result = await ctx.http.call(undefined, { method: 'OPTIONS', path: '/api/agents', withKey: false, headers: { origin: 'http://client.test', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-api-key' } });
    const problems = [];
    if (result.status < 200 || result.status >= 300) problems.push(`status ${result.status}`);
    if (!result.headers.get('access-control-allow-origin')) problems.push('no Access-Control-Allow-Origin');
    if (!/x-api-key/i.test(result.headers.get('access-control-allow-headers') ?? '')) problems.push('X-API-KEY is not in Access-Control-Allow-Headers');
    return problems.map((p) => finding(`OPTIONS /api/agents: ${p}`, 'SHOULD', curlOf(result.exchange), { exchanges: [result.exchange] }));
  },
};

export const authChecks: Check[] = [required, accepted, publicRoutes, securityHeaders, corsPreflight];
