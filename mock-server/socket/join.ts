import { REAL_MESSAGE_ERRORS } from '../../spec/index.js';
import type { MockContext } from '../context.js';
import { DIAGNOSTIC_CODES } from '../diagnostics.js';
import type { PeerSocket } from './peer.js';

type Payload = Record<string, unknown>;

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** ROOM_JOINING: join the room named by channelId (or its alias roomId) and confirm to the joiner. */
export function handleJoin(ctx: MockContext, socket: PeerSocket, payload: Payload): void {
  const channelId = str(payload.channelId) ?? str(payload.roomId);
  if (!channelId) {
    ctx.hub.toSocket(socket, 'messageError', ctx.profile === 'documented'
      ? { error: 'channelId is required for joining: send {type: 1, payload: {channelId}}', code: 'VALIDATION_ERROR' }
      : { error: REAL_MESSAGE_ERRORS.joinWithoutChannel });
    return;
  }
  if (!payload.channelId && payload.roomId) {
    ctx.diagnostics.report(DIAGNOSTIC_CODES.roomIdOnly, `join with roomId but no channelId: send channelId (roomId is a legacy alias)`, socket.id);
  }
  if ('serverId' in payload && !('messageServerId' in payload)) {
    ctx.diagnostics.report(DIAGNOSTIC_CODES.serverId, 'join with serverId: the server reads messageServerId, not serverId', socket.id);
  }
  void socket.join(channelId);
  (socket.data.joined as Set<string>).add(channelId);
  const agentId = str(payload.agentId);
  const confirmation = { message: `Socket ${socket.id} successfully joined channel ${channelId}.`, channelId, roomId: channelId, ...(agentId ? { agentId } : {}) };
  ctx.hub.toSocket(socket, 'channel_joined', confirmation);
  ctx.hub.toSocket(socket, 'room_joined', confirmation);
  const userId = (socket.data.entityId as string | undefined) ?? str(payload.entityId);
  if (ctx.profile === 'documented' && userId) ctx.hub.toRoom(channelId, 'userJoined', { userId, roomId: channelId, channelId }, socket);
  ctx.logger.log('debug', `socket ${socket.id} joined ${channelId}`);
}
