import { clientEvents, schemaIn, serverEvents, type ClientEventId, type Profile } from '../../spec/index.js';
import type { MockContext } from '../context.js';
import { DIAGNOSTIC_CODES } from '../diagnostics.js';
import { LOG_LEVELS, type LogEntry } from '../logger.js';
import { handshakeMiddleware } from './handshake.js';
import { handleJoin } from './join.js';
import type { MockIo, PeerSocket } from './peer.js';
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

/** The envelope of a `message` event, or why it is not one (reported the way 1.7.2's clients would need). */
function envelope(ctx: MockContext, socket: PeerSocket, data: unknown): { type: unknown; payload: unknown } | undefined {
  if (isObject(data) && 'type' in data && 'payload' in data) return { type: data.type, payload: data.payload };
  ctx.diagnostics.report(DIAGNOSTIC_CODES.malformedEnvelope, "a 'message' event needs {type, payload}", socket.id);
  documentedError(ctx, socket, "A 'message' event needs {type: number, payload: object}", 'VALIDATION_ERROR');
  return undefined;
}

function unknownType(ctx: MockContext, socket: PeerSocket, type: unknown): void {
  ctx.diagnostics.report(DIAGNOSTIC_CODES.unknownType, `unknown message type ${shown(type)}: use 1 (join) or 2 (send)`, socket.id);
  documentedError(ctx, socket, `Unknown message type ${shown(type)}: use 1 (ROOM_JOINING) or 2 (SEND_MESSAGE)`, 'UNKNOWN_MESSAGE_TYPE');
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

type LogEventId = 'client.subscribe_logs' | 'client.unsubscribe_logs' | 'client.update_log_filters';

function logHandlers(ctx: MockContext, socket: PeerSocket): Record<LogEventId, ClientHandler> {
  let filters: Payload = {};
  let unsubscribe: (() => void) | undefined;
  socket.on('disconnect', () => unsubscribe?.());
  return {
    'client.subscribe_logs': () => {
      unsubscribe?.();
      unsubscribe = ctx.logger.subscribe((entry) => {
        if (passes(entry, filters)) ctx.hub.toSocket(socket, 'log_stream', { type: 'log_entry', payload: { ...entry } });
      });
      ctx.hub.toSocket(socket, 'log_subscription_confirmed', { subscribed: true, message: 'Successfully subscribed to log stream' });
    },
    'client.unsubscribe_logs': () => {
      unsubscribe?.();
      unsubscribe = undefined;
      ctx.hub.toSocket(socket, 'log_subscription_confirmed', { subscribed: false, message: 'Successfully unsubscribed from log stream' });
    },
    'client.update_log_filters': (update: unknown) => {
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
  // Without a userId in the event or from the handshake there is nobody to announce: userTyping requires one.
  const userId = (data.userId as string | undefined) ?? socket.data.entityId;
  if (userId === undefined) return documentedError(ctx, socket, 'typing needs a userId when the handshake gave no entityId', 'VALIDATION_ERROR');
  ctx.hub.toRoom(room, 'userTyping', { userId, roomId: data.roomId, isTyping: data.isTyping === true, channelId: room }, socket);
}

const userLeft = serverEvents.find((e) => e.id === 'server.userLeft');

/** Documented presence: a socket that goes leaves each of its rooms with `userLeft` (1.7.2 sends none). */
function watchPresence(ctx: MockContext, socket: PeerSocket): void {
  if (!userLeft || !schemaIn(userLeft, ctx.profile)) return;
  socket.on('disconnecting', () =>
    guarded(ctx, socket, 'disconnecting', () => {
      const userId = socket.data.entityId;
      if (!userId) return;
      for (const room of socket.data.joined ?? []) ctx.hub.toRoom(room, 'userLeft', { userId, roomId: room, channelId: room }, socket);
    }),
  );
}

function objectPayload(ctx: MockContext, socket: PeerSocket, payload: unknown, then: (p: Payload) => unknown): unknown {
  return isObject(payload) ? then(payload) : documentedError(ctx, socket, 'The payload must be an object', 'VALIDATION_ERROR');
}

/**
 * A handler for every client event of the spec, keyed by its id: a spec entry without a handler, or a handler for
 * an id the spec lacks, fails to compile. A `message` entry's handler receives the envelope's payload.
 */
type ClientHandlers = { [Id in ClientEventId]: ClientHandler };

function clientHandlers(ctx: MockContext, socket: PeerSocket): ClientHandlers {
  const join: ClientHandler = (payload) => objectPayload(ctx, socket, payload, (p) => handleJoin(ctx, socket, p));
  const send: ClientHandler = (payload) => objectPayload(ctx, socket, payload, (p) => handleSend(ctx, socket, p));
  // Types 3 to 6 are in the enum and handled by no server: 1.7.2 ignores them without a reply.
  const unanswered: ClientHandler = () => undefined;
  return {
    'client.message.room-joining': join,
    'client.message.send-message': send,
    'client.message.message': unanswered,
    'client.message.ack': unanswered,
    'client.message.thinking': unanswered,
    'client.message.control': unanswered,
    'client.room-joining.bare': join,
    'client.send-message.bare': send,
    ...logHandlers(ctx, socket),
    'client.typing': (data) => onTyping(ctx, socket, data),
  };
}

/** The client events of a profile by wire name (a `message` entry also by its type): only these are dispatched. */
interface ProfileRoutes {
  byEvent: Map<string, ClientEventId>;
  byMessageType: Map<number, ClientEventId>;
}

const ROUTES = new Map<Profile, ProfileRoutes>();

function routesOf(profile: Profile): ProfileRoutes {
  const cached = ROUTES.get(profile);
  if (cached) return cached;
  const routes: ProfileRoutes = { byEvent: new Map(), byMessageType: new Map() };
  for (const entry of clientEvents) {
    if (!schemaIn(entry, profile)) continue;
    if (entry.event === 'message' && entry.messageType !== undefined) routes.byMessageType.set(entry.messageType, entry.id);
    else routes.byEvent.set(entry.event, entry.id);
  }
  ROUTES.set(profile, routes);
  return routes;
}

/** The spec entry a client event is, and the arguments its handler gets; undefined when the profile has none. */
function route(ctx: MockContext, socket: PeerSocket, event: string, args: unknown[]): { id: ClientEventId; args: unknown[] } | 'handled' | undefined {
  const routes = routesOf(ctx.profile);
  if (event !== 'message') {
    const id = routes.byEvent.get(event);
    return id ? { id, args } : undefined;
  }
  const data = envelope(ctx, socket, args[0]);
  if (!data) return 'handled';
  const id = typeof data.type === 'number' ? routes.byMessageType.get(data.type) : undefined;
  if (id) return { id, args: [data.payload, ...args.slice(1)] };
  unknownType(ctx, socket, data.type);
  return 'handled';
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
function dispatch(ctx: MockContext, socket: PeerSocket, handlers: ClientHandlers, event: string, args: unknown[]): void {
  guarded(ctx, socket, event, () => {
    const problem = argumentsProblem(ctx, args);
    if (problem) return refuse(ctx, socket, event, problem);
    ctx.bus.emit('socket:in', { socketId: socket.id, event, payload: args[0] });
    const routed = route(ctx, socket, event, args);
    if (routed === 'handled') return undefined;
    if (routed) return handlers[routed.id](...routed.args);
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
  const handlers = clientHandlers(ctx, socket);
  watchPresence(ctx, socket);
  // socket.io calls onAny listeners for every client event, before its own dispatch: one guarded entry point.
  socket.onAny((event: unknown, ...args: unknown[]) => dispatch(ctx, socket, handlers, String(event), args));
  // A packet the parser refuses reaches the socket as 'error'; socket.io then closes that connection only.
  socket.on('error', (error: unknown) => {
    guarded(ctx, socket, 'error', () => ctx.diagnostics.report(GUARD_DIAGNOSTICS.connectionError, `connection error: ${errorLine(error)}`, socket.id));
  });
  socket.on('disconnect', (reason: string) => ctx.bus.emit('socket:disconnect', { socketId: socket.id, reason }));
}

/** Wires the protocol onto a Socket.IO server. */
export function attachSocketRouter(io: MockIo, getCtx: () => MockContext): void {
  io.use(handshakeMiddleware(getCtx));
  io.on('connection', (socket) => onConnection(getCtx(), socket));
}
