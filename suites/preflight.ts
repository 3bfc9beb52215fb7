import { Agent, type Dispatcher } from 'undici';
import { unreachableReason } from './unreachable.js';

/** What a preflight found wrong with a target; `found` and `fix` make one line together (`preflightLine`). */
export interface PreflightProblem {
  ok: false;
  kind: 'url' | 'path' | 'unreachable' | 'not-elizaos' | 'needs-api-key';
  /** What was found, naming the target, e.g. `cannot reach http://127.0.0.1:3000: ECONNREFUSED (nothing listens there)`. */
  found: string;
  /** The likely fix, e.g. `drop the path: pass http://127.0.0.1:3000`. */
  fix: string;
}

export type PreflightResult = { ok: true; url: string } | PreflightProblem;

export interface PreflightOptions {
  /** Sent as X-API-KEY, as the checks will. */
  apiKey?: string;
  /** Per probe. Default 5000 ms. */
  timeoutMs?: number;
  /** The connection pool to probe through (the run's own); default a pool of its own, closed before returning. */
  dispatcher?: Dispatcher;
}

/** The one line a CLI prints for a problem: what was found, then the fix. */
export function preflightLine(problem: PreflightProblem): string {
  return `${problem.found}; ${problem.fix}`;
}

/** A target that failed its preflight: `runConformance` and `runDiff` throw it before any check. */
export class PreflightError extends Error {
  readonly code = 'ELIZA_WIRE_PREFLIGHT';
  constructor(readonly problem: PreflightProblem) {
    super(preflightLine(problem));
    this.name = 'PreflightError';
  }
}

const problem = (kind: PreflightProblem['kind'], found: string, fix: string): PreflightProblem => ({ ok: false, kind, found, fix });

/** A URL that cannot be a base URL: not http(s), or with a path (socket.io-client would read the path as a namespace). */
function urlProblem(url: string): PreflightProblem | URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return problem('url', `"${url}" is not a URL`, 'pass the base URL of the server, e.g. http://127.0.0.1:3000');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return problem('url', `"${url}" is not an http(s) URL`, 'pass the base URL of the server, e.g. http://127.0.0.1:3000');
  if (parsed.pathname.replace(/\/+$/, '') !== '' || parsed.search) return problem('path', `${url} has a path (${parsed.pathname}${parsed.search})`, `drop the path: pass ${parsed.origin}`);
  return parsed;
}

interface Answer {
  status: number;
  json: boolean;
  type: string;
}

async function probe(url: string, options: PreflightOptions, dispatcher: Dispatcher): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json', ...(options.apiKey ? { 'x-api-key': options.apiKey } : {}) };
  const init = { headers, redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs ?? 5000), dispatcher } as RequestInit;
  const response = await fetch(url, init);
  const text = await response.text();
  const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  let json = false;
  try {
    json = text.length > 0 && typeof JSON.parse(text) === 'object';
  } catch {
    // not JSON: not an ElizaOS answer
  }
  return { status: response.status, json, type };
}

/** An answer that only an ElizaOS-like API gives: JSON at an /api route, and not a 404. */
const speaksApi = (a: Answer) => a.json && a.status !== 404;

function describe(a: Answer): string {
  if (a.type === 'text/html') return `${a.status} with an HTML page`;
  return `${a.status}${a.type ? ` ${a.type}` : ''}${a.json ? '' : ' (not JSON)'}`;
}

async function classify(base: URL, options: PreflightOptions, dispatcher: Dispatcher): Promise<PreflightResult> {
  const origin = base.origin;
  let ping: Answer;
  try {
    ping = await probe(`${origin}/api/server/ping`, options, dispatcher);
  } catch (error) {
    const { reason, fix } = unreachableReason(error, base, options.timeoutMs ?? 5000);
    return problem('unreachable', `cannot reach ${origin}: ${reason}`, fix);
  }
  if (ping.status === 401 && !options.apiKey) return problem('needs-api-key', `${origin} answers 401 without an API key`, 'pass --api-key <key> (the server\'s ELIZA_SERVER_AUTH_TOKEN)');
  // 401 despite a key: the key is wrong, or the server refuses a right one; the auth checks tell which
  if (ping.status === 401) return { ok: true, url: origin };
  if (speaksApi(ping)) return { ok: true, url: origin };
  const agents = await probe(`${origin}/api/agents`, options, dispatcher).catch(() => undefined);
  if (agents && speaksApi(agents)) return { ok: true, url: origin };
  const what = `GET /api/server/ping answered ${describe(ping)}${agents ? `, GET /api/agents ${describe(agents)}` : ''}`;
  return problem('not-elizaos', `${origin} is not an ElizaOS server (${what})`, 'pass the base URL of an ElizaOS server (the one its web UI and /api are served from), e.g. http://127.0.0.1:3000');
}

/**
 * Probes a target before any check and says what is wrong with it, as data: a URL with a path, nothing
 * listening (the cause named: ECONNREFUSED, ENOTFOUND, a TLS error…), a server that is not ElizaOS (HTML, 404 on
 * /api), or one that answers 401 when no API key was given. A 401 despite a key passes: a server refusing the
 * right key is a finding of the auth checks. Never throws.
 *
 * @example
 * const result = await preflight('http://127.0.0.1:3000/api');
 * if (!result.ok) console.error(preflightLine(result)); // "http://127.0.0.1:3000/api has a path (/api); drop the path: pass http://127.0.0.1:3000"
 */
export async function preflight(url: string, options: PreflightOptions = {}): Promise<PreflightResult> {
  const base = urlProblem(url);
  if (!(base instanceof URL)) return base;
  const own = options.dispatcher ? undefined : new Agent();
  try {
    return await classify(base, options, options.dispatcher ?? (own as Agent));
  } finally {
    await own?.close();
  }
}
