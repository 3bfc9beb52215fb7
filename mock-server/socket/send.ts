import { REAL_MESSAGE_ERRORS } from '../../spec/index.js';
import { agentTurn } from '../agent/runner.js';
import type { MockContext } from '../context.js';
import { DIAGNOSTIC_CODES } from '../diagnostics.js';
import { socketUserBroadcast } from '../engine/broadcasts.js';
import { channelForMessage, isDm, storeMessage } from '../engine/messages.js';
import { diagnoseAgents } from './agent-check.js';
import { entityUuid } from './entity-id.js';
import { check, describeProblem, isAbsent, isText, isUuid, problemDetails, quote, sample, type FieldProblem } from './fields.js';
import type { PeerSocket } from './peer.js';
import { isRelease } from '../../spec/profiles.js';
import { fromOtherRelease } from '../release-hints.js';

type Payload = Record<string, unknown>;

/** The channel a send names: `channelId`, or its alias `roomId` when channelId is absent (1.7.2: `channelId || roomId`). */
const channelField = (payload: Payload): 'channelId' | 'roomId' => (isAbsent(payload.channelId) && !isAbsent(payload.roomId) ? 'roomId' : 'channelId');

/** What is missing or present-but-invalid in a SEND_MESSAGE payload, per profile (documented accepts any sender id). */
function sendProblems(ctx: MockContext, payload: Payload): FieldProblem[] {
  const real = isRelease(ctx.profile);
  const server = ctx.state.messageServerId;
  const field = channelField(payload);
  const problems = [
    check(field, payload[field], field === 'roomId' ? 'a UUID: roomId is the legacy alias of channelId' : 'a UUID, the id of the channel', isUuid),
    real
      ? check('senderId', payload.senderId, 'a UUID, the same id as the handshake auth.entityId', isUuid)
      : check('senderId', payload.senderId, 'a non-empty string', isText),
    check('message', payload.message, 'a non-empty string', isText),
    real || !isAbsent(payload.messageServerId)
      ? check('messageServerId', payload.messageServerId, `a UUID, e.g. the default message server ${server}`, (v) => isUuid(v) || v === server)
      : undefined,
  ];
  return problems.filter((p): p is FieldProblem => p !== undefined);
}

/** The diagnostics of a refused send (a side channel), then the profile's messageError (the wire). */
function sendError(ctx: MockContext, socket: PeerSocket, problems: FieldProblem[]): void {
  const details = problemDetails(problems);
  const missing = problems.filter((p) => p.problem === 'missing');
  const invalid = problems.filter((p) => p.problem === 'invalid');
  const real = isRelease(ctx.profile);
  const says = real ? ` ElizaOS 1.7 answers "${REAL_MESSAGE_ERRORS.sendMissingFields}" either way.` : '';
  if (missing.length > 0) {
    ctx.diagnostics.report(DIAGNOSTIC_CODES.missingFields, `SEND_MESSAGE without ${missing.map((p) => `${p.field} (${p.rule})`).join(', ')}.${says}`, socket.id, { missing: details.missing });
  }
  if (invalid.length > 0) {
    const present = real ? ' (present, but not valid: the messageError says "required" all the same)' : '';
    ctx.diagnostics.report(DIAGNOSTIC_CODES.invalidFields, `SEND_MESSAGE with ${invalid.map(describeProblem).join('; ')}${present}.`, socket.id, { invalid: details.invalid });
  }
  ctx.hub.toSocket(socket, 'messageError', real
    ? { error: REAL_MESSAGE_ERRORS.sendMissingFields }
    : { error: `For SEND_MESSAGE: ${problems.map(describeProblem).join('; ')}`, code: 'VALIDATION_ERROR', details });
}

function diagnose(ctx: MockContext, socket: PeerSocket, payload: Payload, channelId: string | undefined): void {
  if ('serverId' in payload && !('messageServerId' in payload)) {
    ctx.diagnostics.report(DIAGNOSTIC_CODES.serverId, `SEND_MESSAGE with serverId: use messageServerId (serverId is not read). ${fromOtherRelease('serverId', ctx.profile, '`messageServerId`')}`, socket.id);
  }
  if (isAbsent(payload.channelId) && !isAbsent(payload.roomId)) {
    ctx.diagnostics.report(DIAGNOSTIC_CODES.roomIdOnly, `SEND_MESSAGE with roomId but no channelId: send channelId (roomId is a legacy alias; ElizaOS 1.7 reads channelId first). ${fromOtherRelease('roomIdOnly', ctx.profile, '`channelId`')}`, socket.id);
  }
  if (channelId && !(socket.data.joined as Set<string>).has(channelId)) {
    ctx.diagnostics.report(DIAGNOSTIC_CODES.notJoined, `socket sent to channel ${channelId} without joining it: join first to receive broadcasts`, socket.id);
  }
}

/**
 * The sender as stored: documented accepts the seeds' ids such as "my-extension-id" and stores the UUID derived
 * from it (what it serves keeps the spec's UUID shape), saying that a release would refuse it.
 */
function senderOf(ctx: MockContext, socket: PeerSocket, senderId: string): string {
  if (isUuid(senderId)) return senderId;
  const stored = entityUuid(senderId);
  const rule = 'ElizaOS 1.7 answers messageError unless senderId is a UUID (e.g. crypto.randomUUID(), the same id as the handshake auth.entityId)';
  ctx.diagnostics.report(DIAGNOSTIC_CODES.notUuid, `senderId ${quote(senderId)} is not a UUID: the documented profile accepts it (stored and broadcast as ${stored}, derived from it), but ${rule}`, socket.id, { field: 'senderId', value: sample(senderId), stored, rule: 'a UUID' });
  return stored;
}

/**
 * SEND_MESSAGE: store, broadcast to the others, the sender's own copy with clientMessageId, messageAck; then
 * every agent participant answers. Errors are a messageError to the sender.
 */
export async function handleSend(ctx: MockContext, socket: PeerSocket, payload: Payload): Promise<void> {
  const channelId = payload[channelField(payload)];
  diagnose(ctx, socket, payload, typeof channelId === 'string' ? channelId : undefined);
  const problems = sendProblems(ctx, payload);
  if (problems.length > 0 || typeof channelId !== 'string') return sendError(ctx, socket, problems);
  const senderId = senderOf(ctx, socket, payload.senderId as string);
  const messageServerId = isAbsent(payload.messageServerId) ? ctx.state.messageServerId : (payload.messageServerId as string);
  if (!ctx.state.channels.has(channelId) && !ctx.state.servers.has(messageServerId)) {
    ctx.hub.toSocket(socket, 'messageError', { error: REAL_MESSAGE_ERRORS.unknownServer(messageServerId) });
    return;
  }
  const metadata = (payload.metadata ?? {}) as Payload;
  const channel = channelForMessage(ctx, channelId, senderId, metadata, [metadata.targetUserId as string, metadata.recipientId as string, payload.targetUserId as string], 'socketio_auto_creation');
  const senderName = typeof payload.senderName === 'string' ? payload.senderName : 'User';
  const clientMessageId = typeof payload.messageId === 'string' ? payload.messageId : undefined;
  const message = storeMessage(ctx, {
    channelId,
    authorId: senderId,
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
  diagnoseAgents(ctx, socket.id, channel, 'send');
  await agentTurn(ctx, channel, message, { emit: true });
}
