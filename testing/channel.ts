import { NIL_UUID } from '../spec/index.js';
import { TEST_CLIENT_ERROR_CODES, TestClientError } from './errors.js';

export interface CreateChannelOptions {
  /** Entity ids of the members: add the agent's id to get its replies. */
  participants: string[];
  /** Default `eliza-wire test channel`. */
  name?: string;
  /** Default the nil UUID (the mock's message server). */
  messageServerId?: string;
  /** `GROUP` (default) or `DM`. */
  type?: 'GROUP' | 'DM';
  /** The REST API key (`X-API-KEY`), when the server has one. */
  apiKey?: string;
}

/**
 * Creates a channel through the protocol (`POST /api/messaging/channels`) and resolves with its id.
 *
 * @example
 * const channelId = await createChannel(server.url, { participants: [client.entityId, server.agentId] });
 */
export async function createChannel(url: string, options: CreateChannelOptions): Promise<string> {
  const endpoint = `${url.replace(/\/+$/, '')}/api/messaging/channels`;
  const body = { name: options.name ?? 'eliza-wire test channel', participantCentralUserIds: options.participants, message_server_id: options.messageServerId ?? NIL_UUID, type: options.type ?? 'GROUP' };
  let response: Response;
  try {
    response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', ...(options.apiKey ? { 'x-api-key': options.apiKey } : {}) }, body: JSON.stringify(body) });
  } catch (error) {
    throw new TestClientError(TEST_CLIENT_ERROR_CODES.setupFailed, `createChannel(): could not reach ${endpoint}: ${(error as Error).message}`, { cause: error });
  }
  const text = await response.text();
  const id = idOf(text);
  if (response.status !== 201 || !id) {
    throw new TestClientError(TEST_CLIENT_ERROR_CODES.setupFailed, `createChannel(): POST ${endpoint} answered ${response.status} ${text.slice(0, 200)}`);
  }
  return id;
}

function idOf(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { data?: { id?: unknown }; id?: unknown };
    const id = body.data?.id ?? body.id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
