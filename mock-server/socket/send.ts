import { REAL_MESSAGE_ERRORS, Uuid } from '../../spec/index.js';
import { agentTurn } from '../agent/runner.js';
import type { MockContext } from '../context.js';
import { DIAGNOSTIC_CODES } from '../diagnostics.js';
import { socketUserBroadcast } from '../engine/broadcasts.js';
import { channelForMessage, isDm, storeMessage } from '../engine/messages.js';
import type { PeerSocket } from './peer.js';

type Payload = Record<string, unknown>;

const isUuid = (value: unknown): value is string => Uuid.safeParse(value).success;

function sendError(ctx: MockContext, socket: PeerSocket, missing: string[]): void {
  ctx.diagnostics.report(DIAGNOSTIC_CODES.missingFields, `SEND_MESSAGE without valid ${missing.join(', ')}`, socket.id);
  ctx.hub.toSocket(socket, 'messageError', ctx.profile === 'documented'
    ? { error: `For SEND_MESSAGE, ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} required (UUIDs, and a non-empty message)`, code: 'VALIDATION_ERROR', details: { missing } }
    : { error: REAL_MESSAGE_ERRORS.sendMissingFields });
}

function diagnose(ctx: MockContext, socket: PeerSocket, payload: Payload, channelId: string | undefined): void {
  if ('serverId' in payload && !('messageServerId' in payload)) {
    ctx.diagnostics.report(DIAGNOSTIC_CODES.serverId, 'SEND_MESSAGE with serverId: use messageServerId (serverId is not read)', socket.id);
  }
  if (!payload.channelId && payload.roomId) {
    ctx.diagnostics.report(DIAGNOSTIC_CODES.roomIdOnly, 'SEND_MESSAGE with roomId but no channelId: send channelId', socket.id);
  }
  if (channelId && !(socket.data.joined as Set<string>).has(channelId)) {
    ctx.diagnostics.report(DIAGNOSTIC_CODES.notJoined, `socket sent to channel ${channelId} without joining it: join first to receive broadcasts`, socket.id);
  }
}

/** What is missing or malformed in a SEND_MESSAGE payload, per profile. */
function missingFields(ctx: MockContext, payload: Payload, channelId: unknown): string[] {
  const missing: string[] = [];
  if (!isUuid(channelId)) missing.push('channelId');
  if (!isUuid(payload.senderId)) missing.push('senderId');
  if (typeof payload.message !== 'string' || payload.message.length === 0) missing.push('message');
  const server = payload.messageServerId;
  const serverOk = isUuid(server) || server === ctx.state.messageServerId;
  if (ctx.profile === 'elizaos-1.7' ? !serverOk : server !== undefined && !serverOk) missing.push('messageServerId');
  return missing;
}

/**
 * SEND_MESSAGE: store, broadcast to the others, the sender's own copy with clientMessageId, messageAck; then
 * every agent participant answers. Errors are a messageError to the sender.
 */
export async function handleSend(ctx: MockContext, socket: PeerSocket, payload: Payload): Promise<void> {
  const channelId = payload.channelId ?? payload.roomId;
  diagnose(ctx, socket, payload, typeof channelId === 'string' ? channelId : undefined);
  const missing = missingFields(ctx, payload, channelId);
  if (missing.length > 0 || typeof channelId !== 'string') return sendError(ctx, socket, missing);
  const messageServerId = (payload.messageServerId as string | undefined) ?? ctx.state.messageServerId;
  if (!ctx.state.channels.has(channelId) && !ctx.state.servers.has(messageServerId)) {
    ctx.hub.toSocket(socket, 'messageError', { error: REAL_MESSAGE_ERRORS.unknownServer(messageServerId) });
    return;
  }
  const metadata = (payload.metadata ?? {}) as Payload;
  const channel = channelForMessage(ctx, channelId, payload.senderId as string, metadata, [metadata.targetUserId as string, metadata.recipientId as string, payload.targetUserId as string], 'socketio_auto_creation');
  const senderName = typeof payload.senderName === 'string' ? payload.senderName : 'User';
  const clientMessageId = typeof payload.messageId === 'string' ? payload.messageId : undefined;
  const message = storeMessage(ctx, {
    channelId,
    authorId: payload.senderId as string,
    content: payload.message as string,
    sourceType: typeof payload.source === 'string' ? payload.source : 'socketio_client',
    sourceId: clientMessageId ?? `socketio-${ctx.clock.now()}`,
    rawMessage: { ...payload },
    metadata: { ...metadata, user_display_name: senderName, socket_id: socket.id, messageServerId, attachments: payload.attachments, ...(isDm(metadata) ? { isDm: true } : {}) },
    authorDisplayName: senderName,
  });
  const broadcast = socketUserBroadcast(ctx, message, senderName, payload.attachments);
  ctx.hub.toRoom(channelId, 'messageBroadcast', broadcast, socket);
  ctx.hub.toSocket(socket, 'messageBroadcast', { ...broadcast, ...(clientMessageId ? { clientMessageId } : {}) });
  ctx.hub.toSocket(socket, 'messageAck', { ...(clientMessageId ? { clientMessageId } : {}), messageId: message.id, status: 'received_by_server_and_processing', channelId, roomId: channelId });
  await agentTurn(ctx, channel, message, { emit: true });
}
