import { randomUUID } from 'node:crypto';
import type { Flow } from '../../spec/index.js';
import type { Target } from '../http.js';
import { restCall } from './rest-call.js';

export interface FlowFixture {
  ctx: Record<string, unknown>;
  entities: Record<string, string>;
  /** Removes what the setup created. */
  cleanup: () => Promise<void>;
}

function dataOf(body: unknown): Record<string, unknown> {
  const b = (body ?? {}) as Record<string, unknown>;
  return (b.success === true && typeof b.data === 'object' && b.data !== null ? b.data : b) as Record<string, unknown>;
}

/** The current message server and the first running agent, found through the protocol. */
export async function discover(target: Target): Promise<{ messageServerId: string; agentId?: string }> {
  const current = await restCall(target, 'messaging.message-servers.current', {});
  const agents = await restCall(target, 'agents.list', {});
  const list = (dataOf(agents.body).agents ?? []) as { id: string; status: string }[];
  const messageServerId = String(dataOf(current.body).messageServerId ?? '00000000-0000-0000-0000-000000000000');
  return { messageServerId, agentId: list.find((a) => a.status === 'active')?.id };
}

async function storeMessage(target: Target, channelId: string, author: string, messageServerId: string): Promise<string | undefined> {
  const posted = await restCall(target, 'messaging.channels.messages.create', { channelId }, { author_id: author, content: 'setup message', message_server_id: messageServerId, transport: 'websocket' });
  const body = posted.body as { userMessage?: { id?: string }; data?: { userMessage?: { id?: string } } } | undefined;
  return body?.userMessage?.id ?? body?.data?.userMessage?.id;
}

/**
 * A channel for one flow, created through the protocol with the flow's actors (and the agent, when the flow
 * needs it) as participants, plus one stored message for the flows that use `$ctx.messageId`. `found` is what an
 * earlier `discover` found (a run discovers once, before any check creates agents of its own).
 */
export async function prepareFlow(target: Target, flow: Flow, found?: { messageServerId: string; agentId?: string }): Promise<FlowFixture> {
  const { messageServerId, agentId } = found ?? (await discover(target));
  const entities = Object.fromEntries(Object.keys(flow.actors).map((name) => [name, randomUUID()]));
  const participants = [...Object.values(entities), ...(flow.agentInChannel && agentId ? [agentId] : [])];
  const created = await restCall(target, 'messaging.channels.create', {}, { name: `eliza-wire ${flow.id}`, participantCentralUserIds: participants, message_server_id: messageServerId, type: 'GROUP' });
  if (created.status !== 201) throw new Error(`setup of ${flow.id}: creating a channel answered ${created.status} ${JSON.stringify(created.body)}`);
  const channelId = String(dataOf(created.body).id);
  // a stored message only for the flows that use one: an agent in the channel would answer it during the flow
  const messageId = JSON.stringify(flow).includes('$ctx.messageId') ? await storeMessage(target, channelId, Object.values(entities)[0] ?? randomUUID(), messageServerId) : undefined;
  return {
    ctx: { channelId, messageServerId, agentId, messageId },
    entities,
    cleanup: async () => {
      await restCall(target, 'messaging.channels.delete', { channelId });
    },
  };
}
