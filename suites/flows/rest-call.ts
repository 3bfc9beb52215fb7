import { restOperations } from '../../spec/index.js';
import { fetchOnFreshConnection } from '../http.js';

export interface RestResult {
  status: number;
  body: unknown;
}

/** Calls a spec operation by id with path params and a JSON body; the body is parsed when it is JSON. */
export async function restCall(target: { url: string; apiKey?: string }, operationId: string, params: Record<string, string>, body?: unknown): Promise<RestResult> {
  const op = restOperations.find((o) => o.id === operationId);
  if (!op) throw new Error(`unknown operation ${operationId}`);
  const path = op.path.replace(/:([A-Za-z_]\w*)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  const headers: Record<string, string> = { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(target.apiKey ? { 'x-api-key': target.apiKey } : {}) };
  const response = await fetchOnFreshConnection(`${target.url}${path}`, { method: op.method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  try {
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  } catch {
    return { status: response.status, body: text };
  }
}
