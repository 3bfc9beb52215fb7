import { randomUUID } from 'node:crypto';
import type { CheckContext } from '../check.js';

export interface ChannelFixture {
  channelId: string;
  userId: string;
  agentId?: string;
  messageServerId: string;
  remove: () => Promise<void>;
}

function idOf(body: unknown): string | undefined {
  const b = body as { data?: { id?: string }; id?: string } | undefined;
  return b?.data?.id ?? b?.id;
}

/** A channel made through the protocol for one check: a fresh user and the agent; `remove()` deletes it. */
export async function channelFixture(ctx: CheckContext, name: string): Promise<ChannelFixture> {
  const { messageServerId, agentId } = await ctx.discover();
  const userId = randomUUID();
  const created = await ctx.http.call('messaging.channels.create', {
    body: { name: `eliza-wire ${name}`, participantCentralUserIds: [userId, ...(agentId ? [agentId] : [])], message_server_id: messageServerId, type: 'GROUP' },
  });
  const channelId = idOf(created.body);
  if (created.status !== 201 || !channelId) throw new Error(`creating a channel for ${name} answered ${created.status}: ${created.text.slice(0, 200)}`);
  return {
    channelId,
    userId,
    agentId,
    messageServerId,
    remove: async () => {
      await ctx.http.call('messaging.channels.delete', { params: { channelId } });
    },
  };
}

/** Path parameter values a check can fill from a channel fixture; `undefined` when one cannot be filled. */
export function paramsFor(names: string[], f: ChannelFixture, overrides: Record<string, string> = {}): Record<string, string> | undefined {
  const known: Record<string, string | undefined> = {
    agentId: f.agentId,
    channelId: f.channelId,
    roomId: f.channelId,
    messageServerId: f.messageServerId,
    serverId: f.messageServerId,
    ...overrides,
  };
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = known[name];
    if (value === undefined) return undefined;
    out[name] = value;
  }
  return out;
}
