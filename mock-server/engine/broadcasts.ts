import type { MockContext } from '../context.js';
import type { MessageRecord } from '../state/records.js';
import { compact } from '../state/wire.js';

/**
 * The messageBroadcast payloads. elizaos-1.7 has one variant per producer (V1 socket, V2 submit, V3 action,
 * V4 action update, V5 REST); documented has one shape with channelId and roomId for all of them.
 */
/** The fields V1, V3, V5 and the documented shape share (V2 renames and drops some). */
function common(ctx: MockContext, m: MessageRecord, senderName: string) {
  return {
    id: m.id,
    senderId: m.authorId,
    senderName,
    text: m.content,
    channelId: m.channelId,
    roomId: m.channelId,
    messageServerId: ctx.state.messageServerId,
    createdAt: m.createdAt,
    source: m.sourceType,
  };
}

function documented(ctx: MockContext, m: MessageRecord, senderName: string, extra: Record<string, unknown> = {}) {
  const attachments = Array.isArray(m.metadata.attachments) && m.metadata.attachments.length > 0 ? m.metadata.attachments : undefined;
  return compact({ ...common(ctx, m, senderName), attachments, ...extra });
}

/** A user message sent over the socket: V1 (elizaos-1.7). The sender's own copy adds `clientMessageId`. */
export function socketUserBroadcast(ctx: MockContext, m: MessageRecord, senderName: string, attachments: unknown) {
  if (ctx.profile === 'documented') return documented(ctx, m, senderName);
  return compact({ ...common(ctx, m, senderName), attachments });
}

/** An agent reply: V2 (`serverId`, no `channelId`). */
export function agentReplyBroadcast(ctx: MockContext, m: MessageRecord, agentName: string, thought?: string, actions?: string[]) {
  if (ctx.profile === 'documented') return documented(ctx, m, agentName, { thought, actions });
  return compact({
    senderId: m.authorId,
    senderName: agentName,
    text: m.content,
    roomId: m.channelId,
    serverId: ctx.state.messageServerId,
    createdAt: m.createdAt,
    source: m.sourceType,
    id: m.id,
    thought,
    actions,
  });
}

/** An action message (V3) or its update (V4, whose messageServerId is the body's server_message_id). */
export function actionBroadcast(ctx: MockContext, m: MessageRecord, agentName: string, update?: { serverMessageId?: string }) {
  const raw = (m.rawMessage ?? {}) as Record<string, unknown>;
  const thought = typeof raw.thought === 'string' ? raw.thought : undefined;
  const actions = Array.isArray(raw.actions) ? (raw.actions as string[]) : undefined;
  if (ctx.profile === 'documented') return documented(ctx, m, agentName, { thought, actions });
  return compact({
    senderId: m.authorId,
    senderName: agentName,
    text: m.content,
    roomId: m.channelId,
    messageServerId: update ? update.serverMessageId : ctx.state.messageServerId,
    createdAt: m.createdAt,
    source: m.sourceType,
    id: m.id,
    thought,
    actions,
    updatedAt: m.updatedAt,
    rawMessage: m.rawMessage ?? {},
  });
}

/** A message posted over REST: V5. `source` is what the request named (1.7.2 sends none when the ingest body has none). */
export function restUserBroadcast(ctx: MockContext, m: MessageRecord, senderName: string, source: string | undefined) {
  if (ctx.profile === 'documented') return documented(ctx, m, senderName);
  return compact({ senderId: m.authorId, senderName, text: m.content, roomId: m.channelId, messageServerId: ctx.state.messageServerId, createdAt: m.createdAt, source, id: m.id });
}
