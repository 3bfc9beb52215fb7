import type { Dispatcher } from 'undici';
import { restOperations } from '../spec/index.js';
import type { Exchange } from './model.js';

export interface Target {
  url: string;
  apiKey?: string;
  socketApiKey?: string;
  /** The run's own connection pool, closed when the run ends (default: the global one, whose keep-alive sockets outlive the run). */
  dispatcher?: Dispatcher;
  /** Aborts every request of the run once it is stopped (target gone, SIGINT). */
  signal?: AbortSignal;
  /** Per request, in ms, where no other timeout is given. Default 5000. */
  timeoutMs?: number;
}

/** `init` with the target's pool and a signal that fires on `timeoutMs` or when the run stops. */
export function fetchInit(target: Target, timeoutMs: number, init: RequestInit): RequestInit {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = target.signal ? AbortSignal.any([timeout, target.signal]) : timeout;
  // `dispatcher` is undici's extension of fetch's options; the DOM type of RequestInit does not name it
  return { ...init, signal, ...(target.dispatcher ? { dispatcher: target.dispatcher } : {}) } as RequestInit;
}

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** A raw body string (sent as is, with `contentType`). */
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** Send the API key (default: when the target has one). */
  withKey?: boolean;
  method?: string;
  /** Call a path directly (no operation), e.g. an unknown route. */
  path?: string;
}

export interface CallResult {
  status: number;
  body: unknown;
  text: string;
  headers: Headers;
  exchange: Exchange;
}

const SECRET_HEADERS = new Set(['x-api-key', 'authorization']);
const MAX_BODY = 4000;

function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, SECRET_HEADERS.has(k.toLowerCase()) ? '[redacted]' : v]));
}

function clip(text: string): string {
  return text.length > MAX_BODY ? `${text.slice(0, MAX_BODY)}… (${text.length} characters)` : text;
}

/** Fills `:param` placeholders and appends a query string. */
export function pathOf(path: string, params: Record<string, string> = {}, query: Record<string, string> = {}): string {
  const filled = path.replace(/:([A-Za-z_]\w*)/g, (_, name: string) => encodeURIComponent(params[name] ?? `:${name}`));
  const qs = new URLSearchParams(query).toString();
  return qs ? `${filled}?${qs}` : filled;
}

/** The `cause` of a failed fetch, as `code: message`, when there is one. */
export function causeOf(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (!cause) return undefined;
  return [cause.code, cause.message].filter((part) => typeof part === 'string' && part.length > 0).join(': ') || undefined;
}

/**
 * fetch, once more when the server had closed the pooled connection the request went out on (undici's
 * UND_ERR_SOCKET "other side closed", before any answer): 1.7.2 destroys the socket after some error answers
 * (e.g. `POST /api/system/env/local`), and the next request on it would fail for a reason that is not its own.
 */
export async function fetchOnFreshConnection(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const code = (error as { cause?: { code?: unknown } }).cause?.code;
    if (code !== 'UND_ERR_SOCKET' && code !== 'ECONNRESET') throw error;
    return fetch(url, init);
  }
}

/** Records every call: the evidence of findings, and the REST coverage of the run. */
export class HttpClient {
  constructor(
    readonly target: Target,
    private readonly timeoutMs: number,
    readonly called = new Map<string, Set<number>>(),
  ) {}

  /** The same client (and coverage) for another target, e.g. one check's, whose signal stops only that check. */
  withTarget(target: Target): HttpClient {
    return new HttpClient(target, this.timeoutMs, this.called);
  }

  async call(operationId: string | undefined, options: CallOptions = {}): Promise<CallResult> {
    const op = operationId ? restOperations.find((o) => o.id === operationId) : undefined;
    if (operationId && !op) throw new Error(`unknown operation ${operationId}`);
    const method = options.method ?? op?.method ?? 'GET';
    const url = `${this.target.url}${options.path ?? pathOf(op?.path ?? '/', options.params, options.query)}`;
    const requestBody = options.raw ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined);
    const headers: Record<string, string> = {
      ...(requestBody !== undefined ? { 'content-type': options.contentType ?? 'application/json' } : {}),
      ...((options.withKey ?? true) && this.target.apiKey ? { 'x-api-key': this.target.apiKey } : {}),
      ...options.headers,
    };
    const t0 = performance.now();
    const response = await fetchOnFreshConnection(url, fetchInit(this.target, this.timeoutMs, { method, headers, body: requestBody }));
    const text = await response.text();
    const ms = performance.now() - t0;
    if (operationId) this.called.set(operationId, (this.called.get(operationId) ?? new Set()).add(response.status));
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: the text is the body
    }
    const exchange: Exchange = {
      ...(operationId ? { operationId } : {}),
      method,
      url,
      requestHeaders: redactHeaders(headers),
      ...(requestBody !== undefined ? { requestBody: clip(requestBody) } : {}),
      status: response.status,
      responseHeaders: Object.fromEntries(response.headers),
      responseBody: clip(text),
      ms: Math.round(ms),
    };
    return { status: response.status, body, text, headers: response.headers, exchange };
  }
}

/** A curl command that reproduces an exchange (the API key as a variable, never its value). */
export function curlOf(exchange: Exchange): string {
  const parts = [`curl -i -X ${exchange.method} '${exchange.url}'`];
  for (const [name, value] of Object.entries(exchange.requestHeaders)) {
    parts.push(`-H '${name}: ${value === '[redacted]' ? '$ELIZA_API_KEY' : value}'`);
  }
  if (exchange.requestBody !== undefined) parts.push(`--data-raw '${exchange.requestBody.replace(/'/g, "'\\''")}'`);
  return parts.join(' \\\n  ');
}
