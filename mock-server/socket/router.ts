import type { Server } from 'socket.io';
import { SOCKET_MESSAGE_TYPE } from '../../spec/index.js';
import type { MockContext } from '../context.js';
import { DIAGNOSTIC_CODES } from '../diagnostics.js';
import { LOG_LEVELS, type LogEntry } from '../logger.js';
import { handshakeMiddleware } from './handshake.js';
import { handleJoin } from './join.js';
import type { PeerSocket } from './peer.js';
import { handleSend } from './send.js';

type Payload = Record<string, unknown>;

/** Event names clients send by mistake, and what they meant. */
const WRONG_NAMES: Record<string, string> = {
  messageBroadcast: "emit 'message' with {type: 2, payload} to send; messageBroadcast is what the server sends",
  join: "emit 'message' with {type: 1, payload: {channelId}} to join",
  joinRoom: "emit 'message' with {type: 1, payload: {channelId}} to join",
  send: "emit 'message' with {type: 2, payload} to send",
  sendMessage: "emit 'message' with {type: 2, payload} to send",
};
const KNOWN = new Set(['message', '1', '2', 'subscribe_logs', 'unsubscribe_logs', 'update_log_filters', 'typing']);

function isObject(value: unknown): value is Payload {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function documentedError(ctx: MockContext, socket: PeerSocket, error: string, code: string): void {
  if (ctx.profile === 'documented') ctx.hub.toSocket(socket, 'messageError', { error, code });
}

function onMessage(ctx: MockContext, socket: PeerSocket, data: unknown): void {
  if (!isObject(data) || !('type' in data) || !('payload' in data)) {
    ctx.diagnostics.report(DIAGNOSTIC_CODES.malformedEnvelope, "a 'message' event needs {type, payload}", socket.id);
    return documentedError(ctx, socket, "A 'message' event needs {type: number, payload: object}", 'VALIDATION_ERROR');
  }
  if (data.type === SOCKET_MESSAGE_TYPE.ROOM_JOINING || data.type === SOCKET_MESSAGE_TYPE.SEND_MESSAGE) {
    if (!isObject(data.payload)) return documentedError(ctx, socket, 'The payload must be an object', 'VALIDATION_ERROR');
    if (data.type === SOCKET_MESSAGE_TYPE.ROOM_JOINING) return handleJoin(ctx, socket, data.payload);
    void handleSend(ctx, socket, data.payload).catch((e: unknown) => ctx.logger.log('error', `send failed: ${String(e)}`));
    return;
  }
  const known = typeof data.type === 'number' && data.type >= 3 && data.type <= 6;
  if (!known) {
    ctx.diagnostics.report(DIAGNOSTIC_CODES.unknownType, `unknown message type ${JSON.stringify(data.type)}: use 1 (join) or 2 (send)`, socket.id);
    documentedError(ctx, socket, `Unknown message type ${JSON.stringify(data.type)}: use 1 (ROOM_JOINING) or 2 (SEND_MESSAGE)`, 'UNKNOWN_MESSAGE_TYPE');
  }
}

function passes(entry: LogEntry, filters: Payload): boolean {
  if (typeof filters.agentName === 'string' && filters.agentName.length > 0) return false;
  const level = filters.level;
  if (level === undefined || level === 'all') return true;
  const min = typeof level === 'number' ? level : (LOG_LEVELS[level as keyof typeof LOG_LEVELS] ?? 70);
  return entry.level >= min;
}

function logHandlers(ctx: MockContext, socket: PeerSocket): void {
  let filters: Payload = {};
  let unsubscribe: (() => void) | undefined;
  socket.on('subscribe_logs', () => {
    unsubscribe?.();
    unsubscribe = ctx.logger.subscribe((entry) => {
      if (passes(entry, filters)) ctx.hub.toSocket(socket, 'log_stream', { type: 'log_entry', payload: entry });
    });
    ctx.hub.toSocket(socket, 'log_subscription_confirmed', { subscribed: true, message: 'Successfully subscribed to log stream' });
  });
  socket.on('unsubscribe_logs', () => {
    unsubscribe?.();
    unsubscribe = undefined;
    ctx.hub.toSocket(socket, 'log_subscription_confirmed', { subscribed: false, message: 'Successfully unsubscribed from log stream' });
  });
  socket.on('update_log_filters', (update: unknown) => {
    if (!unsubscribe) return ctx.hub.toSocket(socket, 'log_filters_updated', { success: false, error: 'Not subscribed to log stream' });
    filters = { ...filters, ...(isObject(update) ? update : {}) };
    ctx.hub.toSocket(socket, 'log_filters_updated', { success: true, filters });
  });
  socket.on('disconnect', () => unsubscribe?.());
}

function presenceHandlers(ctx: MockContext, socket: PeerSocket): void {
  if (ctx.profile !== 'documented') return;
  socket.on('typing', (data: unknown) => {
    if (!isObject(data) || typeof data.roomId !== 'string') return documentedError(ctx, socket, 'typing needs {roomId, userId, isTyping}', 'VALIDATION_ERROR');
    const room = (data.channelId as string | undefined) ?? data.roomId;
    ctx.hub.toRoom(room, 'userTyping', { userId: (data.userId as string | undefined) ?? socket.data.entityId, roomId: data.roomId, isTyping: data.isTyping === true, channelId: room }, socket);
  });
  socket.on('disconnecting', () => {
    const userId = socket.data.entityId as string | undefined;
    if (!userId) return;
    for (const room of socket.data.joined as Set<string>) ctx.hub.toRoom(room, 'userLeft', { userId, roomId: room, channelId: room }, socket);
  });
}

/** Serves one socket that passed the handshake: connection events, then every client event of the profile. */
export function onConnection(ctx: MockContext, socket: PeerSocket): void {
  const entityId = socket.data.entityId as string | undefined;
  ctx.bus.emit('socket:connect', { socketId: socket.id, entityId });
  if (entityId) ctx.hub.toSocket(socket, 'authenticated', { entityId, timestamp: ctx.clock.now() });
  ctx.hub.toSocket(socket, 'connection_established', { message: 'Connected to Eliza Socket.IO server', socketId: socket.id });
  socket.onAny((event: string, ...args: unknown[]) => {
    ctx.bus.emit('socket:in', { socketId: socket.id, event, payload: args[0] });
    if (KNOWN.has(event)) return;
    const hint = WRONG_NAMES[event] ?? "use 'message' with {type: 1|2, payload}";
    ctx.diagnostics.report(DIAGNOSTIC_CODES.wrongEventName, `unknown event '${event}': ${hint}`, socket.id);
    documentedError(ctx, socket, `Unknown event '${event}': ${hint}`, 'UNKNOWN_EVENT');
  });
  socket.on('message', (data: unknown) => onMessage(ctx, socket, data));
  socket.on('1', (payload: unknown) => (isObject(payload) ? handleJoin(ctx, socket, payload) : documentedError(ctx, socket, 'The payload must be an object', 'VALIDATION_ERROR')));
  socket.on('2', (payload: unknown) => {
    if (!isObject(payload)) return documentedError(ctx, socket, 'The payload must be an object', 'VALIDATION_ERROR');
    void handleSend(ctx, socket, payload).catch((e: unknown) => ctx.logger.log('error', `send failed: ${String(e)}`));
  });
  logHandlers(ctx, socket);
  presenceHandlers(ctx, socket);
  socket.on('disconnect', (reason: string) => ctx.bus.emit('socket:disconnect', { socketId: socket.id, reason }));
}

/** Wires the protocol onto a Socket.IO server. */
export function attachSocketRouter(io: Server, getCtx: () => MockContext): void {
  io.use(handshakeMiddleware(getCtx));
  io.on('connection', (socket) => onConnection(getCtx(), socket));
}
