import type { Server } from 'socket.io';
import { SOCKET_MESSAGE_TYPE } from '../../spec/index.js';
import type { MockContext } from '../context.js';
import { DIAGNOSTIC_CODES } from '../diagnostics.js';
import { LOG_LEVELS, type LogEntry } from '../logger.js';
import { handshakeMiddleware } from './handshake.js';
import { handleJoin } from './join.js';
import type { PeerSocket } from './peer.js';
import { handleSend } from './send.js';
import { argumentsProblem, GUARD_DIAGNOSTICS, guarded, messageError, refuse, shown } from './guard.js';
import { errorLine } from '../errors.js';

type Payload = Record<string, unknown>;
/** One client event's handler; it receives the event's arguments as they arrived (an ack callback last, if any). */
type ClientHandler = (...args: unknown[]) => unknown;

/** Event names clients send by mistake, and what they meant. */
const WRONG_NAMES: Record<string, string> = {
  messageBroadcast: "emit 'message' with {type: 2, payload} to send; messageBroadcast is what the server sends",
  join: "emit 'message' with {type: 1, payload: {channelId}} to join",
  joinRoom: "emit 'message' with {type: 1, payload: {channelId}} to join",
  send: "emit 'message' with {type: 2, payload} to send",
  sendMessage: "emit 'message' with {type: 2, payload} to send",
};
/** Client events a profile knows but the mock does nothing with (1.7.2 has no 'typing' listener). */
const IGNORED = new Set(['typing']);
/** Filter keys kept across updates once an update brings more than this many (memory stays bounded per socket). */
const MAX_FILTER_KEYS = 64;

function isObject(value: unknown): value is Payload {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function documentedError(ctx: MockContext, socket: PeerSocket, error: string, code: string): void {
  if (ctx.profile === 'documented') messageError(ctx, socket, error, code);
}

function onMessage(ctx: MockContext, socket: PeerSocket, data: unknown): unknown {
  if (!isObject(data) || !('type' in data) || !('payload' in data)) {
    ctx.diagnostics.report(DIAGNOSTIC_CODES.malformedEnvelope, "a 'message' event needs {type, payload}", socket.id);
    return documentedError(ctx, socket, "A 'message' event needs {type: number, payload: object}", 'VALIDATION_ERROR');
  }
  if (data.type === SOCKET_MESSAGE_TYPE.ROOM_JOINING || data.type === SOCKET_MESSAGE_TYPE.SEND_MESSAGE) {
    if (!isObject(data.payload)) return documentedError(ctx, socket, 'The payload must be an object', 'VALIDATION_ERROR');
    if (data.type === SOCKET_MESSAGE_TYPE.ROOM_JOINING) return handleJoin(ctx, socket, data.payload);
    return handleSend(ctx, socket, data.payload);
  }
  const known = typeof data.type === 'number' && data.type >= 3 && data.type <= 6;
  if (!known) {
    ctx.diagnostics.report(DIAGNOSTIC_CODES.unknownType, `unknown message type ${shown(data.type)}: use 1 (join) or 2 (send)`, socket.id);
    documentedError(ctx, socket, `Unknown message type ${shown(data.type)}: use 1 (ROOM_JOINING) or 2 (SEND_MESSAGE)`, 'UNKNOWN_MESSAGE_TYPE');
  }
  return undefined;
}

function passes(entry: LogEntry, filters: Payload): boolean {
  if (typeof filters.agentName === 'string' && filters.agentName.length > 0) return false;
  const level = filters.level;
  if (level === undefined || level === 'all') return true;
  const named = typeof level === 'string' && Object.hasOwn(LOG_LEVELS, level) ? LOG_LEVELS[level as keyof typeof LOG_LEVELS] : 70;
  return entry.level >= (typeof level === 'number' ? level : named);
}

/** 1.7.2 merges every update into the filters; past MAX_FILTER_KEYS keys only agentName and level carry over. */
function mergeFilters(filters: Payload, update: Payload): Payload {
  const merged = { ...filters, ...update };
  if (Object.keys(merged).length <= MAX_FILTER_KEYS) return merged;
  const kept = Object.fromEntries(['agentName', 'level'].filter((k) => Object.hasOwn(filters, k)).map((k) => [k, filters[k]]));
  return { ...kept, ...update };
}

function logHandlers(ctx: MockContext, socket: PeerSocket): Record<string, ClientHandler> {
  let filters: Payload = {};
  let unsubscribe: (() => void) | undefined;
  socket.on('disconnect', () => unsubscribe?.());
  return {
    subscribe_logs: () => {
      unsubscribe?.();
      unsubscribe = ctx.logger.subscribe((entry) => {
        if (passes(entry, filters)) ctx.hub.toSocket(socket, 'log_stream', { type: 'log_entry', payload: entry });
      });
      ctx.hub.toSocket(socket, 'log_subscription_confirmed', { subscribed: true, message: 'Successfully subscribed to log stream' });
    },
    unsubscribe_logs: () => {
      unsubscribe?.();
      unsubscribe = undefined;
      ctx.hub.toSocket(socket, 'log_subscription_confirmed', { subscribed: false, message: 'Successfully unsubscribed from log stream' });
    },
    update_log_filters: (update: unknown) => {
      if (!unsubscribe) return ctx.hub.toSocket(socket, 'log_filters_updated', { success: false, error: 'Not subscribed to log stream' });
      filters = mergeFilters(filters, isObject(update) ? update : {});
      ctx.hub.toSocket(socket, 'log_filters_updated', { success: true, filters });
    },
  };
}

const optionalString = (value: unknown) => value === undefined || typeof value === 'string';

function onTyping(ctx: MockContext, socket: PeerSocket, data: unknown): void {
  if (!isObject(data) || typeof data.roomId !== 'string' || !optionalString(data.channelId) || !optionalString(data.userId)) {
    return documentedError(ctx, socket, 'typing needs {roomId, userId, isTyping} (roomId, channelId and userId are strings)', 'VALIDATION_ERROR');
  }
  const room = (data.channelId as string | undefined) ?? data.roomId;
  ctx.hub.toRoom(room, 'userTyping', { userId: (data.userId as string | undefined) ?? socket.data.entityId, roomId: data.roomId, isTyping: data.isTyping === true, channelId: room }, socket);
}

function presenceHandlers(ctx: MockContext, socket: PeerSocket): Record<string, ClientHandler> {
  if (ctx.profile !== 'documented') return {};
  socket.on('disconnecting', () =>
    guarded(ctx, socket, 'disconnecting', () => {
      const userId = socket.data.entityId;
      if (!userId) return;
      for (const room of socket.data.joined ?? []) ctx.hub.toRoom(room, 'userLeft', { userId, roomId: room, channelId: room }, socket);
    }),
  );
  return { typing: (data) => onTyping(ctx, socket, data) };
}

function objectPayload(ctx: MockContext, socket: PeerSocket, payload: unknown, then: (p: Payload) => unknown): unknown {
  return isObject(payload) ? then(payload) : documentedError(ctx, socket, 'The payload must be an object', 'VALIDATION_ERROR');
}

/** The client events of the profile, by name: the only place a client event reaches a handler. */
function clientEvents(ctx: MockContext, socket: PeerSocket): Record<string, ClientHandler> {
  return {
    message: (data) => onMessage(ctx, socket, data),
    '1': (payload) => objectPayload(ctx, socket, payload, (p) => handleJoin(ctx, socket, p)),
    '2': (payload) => objectPayload(ctx, socket, payload, (p) => handleSend(ctx, socket, p)),
    ...logHandlers(ctx, socket),
    ...presenceHandlers(ctx, socket),
  };
}

function unknownEvent(ctx: MockContext, socket: PeerSocket, event: string): void {
  const hint = Object.hasOwn(WRONG_NAMES, event) ? WRONG_NAMES[event] : "use 'message' with {type: 1|2, payload}";
  ctx.diagnostics.report(DIAGNOSTIC_CODES.wrongEventName, `unknown event '${shown(event, 40)}': ${hint}`, socket.id);
  documentedError(ctx, socket, `Unknown event '${shown(event, 40)}': ${hint}`, 'UNKNOWN_EVENT');
}

/**
 * One client event: its arguments are checked against the payload limits before anything sees them, then it
 * goes to its handler; whatever the handler throws or rejects with becomes a diagnostic and a `messageError`.
 */
function dispatch(ctx: MockContext, socket: PeerSocket, handlers: Record<string, ClientHandler>, event: string, args: unknown[]): void {
  guarded(ctx, socket, event, () => {
    const problem = argumentsProblem(ctx, args);
    if (problem) return refuse(ctx, socket, event, problem);
    ctx.bus.emit('socket:in', { socketId: socket.id, event, payload: args[0] });
    const handler = Object.hasOwn(handlers, event) ? handlers[event] : undefined;
    if (handler) return handler(...args);
    if (!IGNORED.has(event)) unknownEvent(ctx, socket, event);
    return undefined;
  });
}

/** Serves one socket that passed the handshake: connection events, then every client event of the profile. */
export function onConnection(ctx: MockContext, socket: PeerSocket): void {
  const entityId = socket.data.entityId;
  ctx.bus.emit('socket:connect', { socketId: socket.id, entityId });
  if (entityId) ctx.hub.toSocket(socket, 'authenticated', { entityId, timestamp: ctx.clock.now() });
  ctx.hub.toSocket(socket, 'connection_established', { message: 'Connected to Eliza Socket.IO server', socketId: socket.id });
  const handlers = clientEvents(ctx, socket);
  // socket.io calls onAny listeners for every client event, before its own dispatch: one guarded entry point.
  socket.onAny((event: unknown, ...args: unknown[]) => dispatch(ctx, socket, handlers, String(event), args));
  // A packet the parser refuses reaches the socket as 'error'; socket.io then closes that connection only.
  socket.on('error', (error: unknown) => {
    guarded(ctx, socket, 'error', () => ctx.diagnostics.report(GUARD_DIAGNOSTICS.connectionError, `connection error: ${errorLine(error)}`, socket.id));
  });
  socket.on('disconnect', (reason: string) => ctx.bus.emit('socket:disconnect', { socketId: socket.id, reason }));
}

/** Wires the protocol onto a Socket.IO server. */
export function attachSocketRouter(io: Server, getCtx: () => MockContext): void {
  io.use(handshakeMiddleware(getCtx));
  io.on('connection', (socket) => onConnection(getCtx(), socket));
}
