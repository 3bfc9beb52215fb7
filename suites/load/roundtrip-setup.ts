import { randomUUID } from 'node:crypto';
import { LoadInterruptedError, LoadTargetError } from './errors.js';

const NIL_SERVER = '00000000-0000-0000-0000-000000000000';

/** One user alone with the agent in a channel made for the run. */
export interface Conversation {
  userId: string;
  channelId: string;
}

export interface RoundtripSetup {
  agentId: string;
  messageServerId: string;
  conversations: Conversation[];
}

function dataOf(body: unknown): Record<string, unknown> {
  const b = (body ?? {}) as Record<string, unknown>;
  return (b.success === true && typeof b.data === 'object' && b.data !== null ? b.data : b) as Record<string, unknown>;
}

async function call(url: string, path: string, apiKey: string | undefined, body?: unknown, stop?: AbortSignal): Promise<{ status: number; data: Record<string, unknown> }> {
  const headers: Record<string, string> = { ...(apiKey ? { 'x-api-key': apiKey } : {}), ...(body ? { 'content-type': 'application/json' } : {}) };
  const timeout = AbortSignal.timeout(10_000);
  try {
    const res = await fetch(`${url}${path}`, { method: body ? 'POST' : 'GET', headers, body: body ? JSON.stringify(body) : undefined, signal: stop ? AbortSignal.any([timeout, stop]) : timeout });
    return { status: res.status, data: dataOf(await res.json().catch(() => ({}))) };
  } catch (error) {
    if (stop?.aborted) throw new LoadInterruptedError();
    throw new LoadTargetError(`cannot reach ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Finds the first active agent and creates `count` channels, each with a fresh user and the agent. */
export async function prepareConversations(url: string, count: number, apiKey?: string, signal?: AbortSignal): Promise<RoundtripSetup> {
  const agents = await call(url, '/api/agents', apiKey, undefined, signal);
  const list = (agents.data.agents ?? []) as { id?: string; status?: string }[];
  const agentId = list.find((a) => a.status === 'active')?.id ?? list[0]?.id;
  if (!agentId) throw new LoadTargetError(`GET ${url}/api/agents answered ${agents.status} without an agent: roundtrip needs one`);
  const current = await call(url, '/api/messaging/message-server/current', apiKey, undefined, signal);
  const messageServerId = typeof current.data.messageServerId === 'string' ? current.data.messageServerId : NIL_SERVER;
  const conversations: Conversation[] = [];
  for (let i = 0; i < count; i += 1) {
    const userId = randomUUID();
    const body = { name: `eliza-wire bench ${i}`, participantCentralUserIds: [userId, agentId], message_server_id: messageServerId, type: 'GROUP' };
    const created = await call(url, '/api/messaging/channels', apiKey, body, signal);
    if (created.status !== 201 || typeof created.data.id !== 'string') throw new LoadTargetError(`POST ${url}/api/messaging/channels answered ${created.status}`);
    conversations.push({ userId, channelId: created.data.id });
  }
  return { agentId, messageServerId, conversations };
}
