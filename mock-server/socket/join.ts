import { REAL_MESSAGE_ERRORS } from '../../spec/index.js';
import type { MockContext } from '../context.js';
import { DIAGNOSTIC_CODES } from '../diagnostics.js';
import { diagnoseAgents, routeOf } from './agent-check.js';
import { entityUuid } from './entity-id.js';
import { check, describeProblem, isAbsent, isText, problemDetails } from './fields.js';
import type { PeerSocket } from './peer.js';
import { isRelease } from '../../spec/profiles.js';
import { fromOtherRelease } from '../release-hints.js';

type Payload = Record<string, unknown>;

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

const RULE = "a non-empty string: the channel's id (roomId is its legacy alias)";

/** A join without a usable channel: missing, or present but not a string. The wire keeps the profile's answer. */
function refuse(ctx: MockContext, socket: PeerSocket, payload: Payload): void {
  const field = isAbsent(payload.channelId) && !isAbsent(payload.roomId) ? 'roomId' : 'channelId';
  const problem = check(field, payload[field], RULE, isText) ?? { field, problem: 'missing' as const, rule: RULE };
  if (problem.problem === 'invalid') {
    ctx.diagnostics.report(DIAGNOSTIC_CODES.joinInvalid, `ROOM_JOINING with ${describeProblem(problem)}`, socket.id, { invalid: problemDetails([problem]).invalid });
  }
  ctx.hub.toSocket(socket, 'messageError', ctx.profile === 'documented'
    ? problem.problem === 'invalid'
      ? { error: `For ROOM_JOINING: ${describeProblem(problem)}`, code: 'VALIDATION_ERROR', details: problemDetails([problem]) }
      : { error: 'channelId is required for joining: send {type: 1, payload: {channelId}}', code: 'VALIDATION_ERROR' }
    : { error: REAL_MESSAGE_ERRORS.joinWithoutChannel });
}

function diagnose(ctx: MockContext, socket: PeerSocket, payload: Payload, channelId: string): void {
  if (!payload.channelId && payload.roomId) {
    ctx.diagnostics.report(DIAGNOSTIC_CODES.roomIdOnly, `join with roomId but no channelId: send channelId (roomId is a legacy alias). ${fromOtherRelease('roomIdOnly', ctx.profile, '`channelId`')}`, socket.id);
  }
  if ('serverId' in payload && !('messageServerId' in payload)) {
    ctx.diagnostics.report(DIAGNOSTIC_CODES.serverId, `join with serverId: the server reads messageServerId, not serverId. ${fromOtherRelease('serverId', ctx.profile, '`messageServerId`')}`, socket.id);
  }
  const channel = ctx.state.channels.get(channelId);
  if (channel) diagnoseAgents(ctx, socket.id, channel, 'join');
  else if (isRelease(ctx.profile) && ctx.state.agents.has(channelId)) {
    const agent = ctx.state.agents.get(channelId)?.name ?? channelId;
    const you = (socket.data.entityId as string | undefined) ?? '<your entityId>';
    const body = JSON.stringify({ name: `Chat with ${agent}`, message_server_id: ctx.state.messageServerId, participantCentralUserIds: [you, channelId] });
    const create = `${routeOf('messaging.channels.create', {})} ${body}`;
    const add = `${routeOf('messaging.channels.agents.add', { channelId })} {"agentId":"${channelId}"}`;
    ctx.diagnostics.report(DIAGNOSTIC_CODES.agentNotParticipant, `joined channel ${channelId}, which is agent ${agent}'s id, not a channel: ElizaOS 1.7 does not route it to the agent. The first SEND_MESSAGE there creates a GROUP channel with only the sender in it, so no reply arrives. Create a channel with the agent (${create}) and join that, or add the agent once the channel exists: ${add}`, socket.id, { channelId, agentId: channelId });
  }
}

/** ROOM_JOINING: join the room named by channelId (or its alias roomId) and confirm to the joiner. */
export function handleJoin(ctx: MockContext, socket: PeerSocket, payload: Payload): void {
  const channelId = str(payload.channelId) ?? str(payload.roomId);
  if (!channelId) return refuse(ctx, socket, payload);
  diagnose(ctx, socket, payload, channelId);
  void socket.join(channelId);
  (socket.data.joined as Set<string>).add(channelId);
  const agentId = str(payload.agentId);
  const confirmation = { message: `Socket ${socket.id} successfully joined channel ${channelId}.`, channelId, roomId: channelId, ...(agentId ? { agentId } : {}) };
  ctx.hub.toSocket(socket, 'channel_joined', confirmation);
  ctx.hub.toSocket(socket, 'room_joined', confirmation);
  const given = str(payload.entityId);
  const userId = (socket.data.entityId as string | undefined) ?? (given === undefined ? undefined : entityUuid(given));
  if (ctx.profile === 'documented' && userId) ctx.hub.toRoom(channelId, 'userJoined', { userId, roomId: channelId, channelId }, socket);
  ctx.logger.log('debug', `socket ${socket.id} joined ${channelId}`);
}
