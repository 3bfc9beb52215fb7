import { Uuid } from '../../../spec/index.js';
import type { AgentRecord } from '../../state/records.js';
import { fail, type HandlerResult, type RequestContext } from '../result.js';

/** Whether a value is a UUID as 1.7.2's validateUuid accepts it. */
export const isUuid = (value: unknown): value is string => Uuid.safeParse(value).success;

/** The JSON body as an object (empty when absent or not an object). */
export function bodyOf(req: RequestContext): Record<string, unknown> {
  return typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};
}

/** A query value as one string. */
export function queryString(req: RequestContext, name: string): string | undefined {
  const value = req.query[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A numeric query value, or `fallback` when absent or not a number. */
export function queryNumber(req: RequestContext, name: string, fallback: number): number {
  const raw = queryString(req, name);
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(n) ? n : fallback;
}

/** The agent named by `:agentId`, or the error 1.7.2 answers (400 invalid id, 404 unknown or, with `running`, stopped). */
export function agentParam(req: RequestContext, options: { running?: boolean; message?: string } = {}): AgentRecord | HandlerResult {
  const id = req.params.agentId;
  if (!isUuid(id)) return fail('INVALID_ID', options.message ?? 'Invalid agent ID format');
  const agent = req.mock.state.agents.get(id);
  if (!agent || (options.running && agent.status !== 'active')) return fail('NOT_FOUND', 'Agent not found');
  return agent;
}

/** Whether a value is a handler result (an error to return) rather than a record. */
export function isResult(value: unknown): value is HandlerResult {
  return typeof value === 'object' && value !== null && 'kind' in value && typeof (value as { kind: unknown }).kind === 'string';
}
