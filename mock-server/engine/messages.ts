import type { z } from 'zod';
import type { ChannelType } from '../../spec/index.js';
import type { MockContext } from '../context.js';
import type { ChannelRecord, MessageRecord } from '../state/records.js';

export interface NewMessage {
  id?: string;
  channelId: string;
  authorId: string;
  content: string;
  sourceType: string;
  sourceId?: string;
  rawMessage?: unknown;
  metadata?: Record<string, unknown>;
  inReplyTo?: string;
  authorDisplayName?: string;
}

export function storeMessage(ctx: MockContext, input: NewMessage): MessageRecord {
  const now = ctx.clock.now();
  const record: MessageRecord = {
    id: input.id ?? ctx.state.ids.uuid(),
    channelId: input.channelId,
    authorId: input.authorId,
    content: input.content,
    rawMessage: input.rawMessage,
    sourceType: input.sourceType,
    sourceId: input.sourceId,
    metadata: input.metadata ?? {},
    inReplyToRootMessageId: input.inReplyTo,
    authorDisplayName: input.authorDisplayName,
    createdAt: now,
    updatedAt: now,
  };
  ctx.state.messages.set(record.id, record);
  return record;
}

export interface NewChannel {
  id?: string;
  messageServerId: string;
  name: string;
  type: z.output<typeof ChannelType>;
  participants: string[];
  metadata?: Record<string, unknown>;
  sourceType?: string;
}

export function createChannel(ctx: MockContext, input: NewChannel): ChannelRecord {
  const now = ctx.clock.now();
  const record: ChannelRecord = {
    id: input.id ?? ctx.state.ids.uuid(),
    messageServerId: input.messageServerId,
    name: input.name,
    type: input.type,
    sourceType: input.sourceType,
    metadata: input.metadata ?? {},
    participants: [...new Set(input.participants)],
    createdAt: now,
    updatedAt: now,
  };
  ctx.state.channels.set(record.id, record);
  return record;
}

/** Whether metadata marks a direct message (`isDm` or `channelType: "DM"`). */
export function isDm(metadata: unknown): boolean {
  const m = (metadata ?? {}) as Record<string, unknown>;
  return m.isDm === true || m.channelType === 'DM' || m.channel_type === 'DM';
}

/** The channel a message goes to, created the way 1.7.2 auto-creates it when missing. */
export function channelForMessage(
  ctx: MockContext,
  channelId: string,
  authorId: string,
  metadata: unknown,
  extraParticipants: (string | undefined)[],
  createdBy: string,
): ChannelRecord {
  const existing = ctx.state.channels.get(channelId);
  if (existing) return existing;
  const dm = isDm(metadata);
  // The seeds tell clients to use the agent's id as the room id: documented, that puts the agent in the channel.
  const agentRoom = ctx.profile === 'documented' && ctx.state.agents.has(channelId) ? [channelId] : [];
  return createChannel(ctx, {
    id: channelId,
    messageServerId: ctx.state.messageServerId,
    name: `${dm ? 'DM' : 'Chat'} ${channelId.slice(0, 8)}`,
    type: dm ? 'DM' : 'GROUP',
    participants: [authorId, ...agentRoom, ...(dm ? extraParticipants.filter((p): p is string => typeof p === 'string') : [])],
    sourceType: 'auto_created',
    metadata: { created_by: createdBy, created_for_user: authorId, created_at: new Date(ctx.clock.now()).toISOString(), channel_type: dm ? 'DM' : 'GROUP' },
  });
}
