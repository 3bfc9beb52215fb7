import { restOperations } from '../../spec/index.js';
import { fetchInit, fetchOnFreshConnection, type Target } from '../http.js';

export interface RestResult {
  status: number;
  body: unknown;
}

/** Calls a spec operation by id with path params and a JSON body, within the target's timeout; the body is parsed when it is JSON. */
export async function restCall(target: Target, operationId: string, params: Record<string, string>, body?: unknown): Promise<RestResult> {
  const op = restOperations.find((o) => o.id === operationId);
  if (!op) throw new Error(`unknown operation ${operationId}`);
  const path = op.path.replace(/:([A-Za-z_]\w*)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  const headers: Record<string, string> = { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(target.apiKey ? { 'x-api-key': target.apiKey } : {}) };
  const init = fetchInit(target, target.timeoutMs ?? 5000, { method: op.method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const response = await fetchOnFreshConnection(`${target.url}${path}`, init);
  const text = await response.text();
  try {
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  } catch {
    return { status: response.status, body: text };
  }
}
