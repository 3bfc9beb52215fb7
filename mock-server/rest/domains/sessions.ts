import { agentTurn } from '../../agent/runner.js';
import type { MockContext } from '../../context.js';
import { createChannel, storeMessage } from '../../engine/messages.js';
import type { ChannelRecord, MessageRecord, SessionRecord } from '../../state/records.js';
import { busMessage, compact } from '../../state/wire.js';
import type { HandlerMap } from '../handlers.js';
import { fail, ok, type Handler, type HandlerResult, type RequestContext } from '../result.js';
import { jobHandlers } from './jobs.js';
import { bodyOf, isResult, isUuid } from './helpers.js';
import {
  agentTimeoutConfig,
  asObject,
  contentProblem,
  cursorOf,
  expiryOf,
  iso,
  liveSession,
  mergeTimeoutConfig,
  messagePage,
  metadataError,
  nearExpiration,
  pageSize,
  renew,
  sessionInfo,
  sessionMessage,
  sessionNotFound,
  timeoutConfigProblem,
  touch,
  transportOf,
  validationError,
  type Transport,
} from './session-store.js';

type Dict = Record<string, unknown>;
type Send = (event: string, data: unknown) => void;

const health: Handler = (req) => {
  const now = req.mock.clock.now();
  const active = [...req.mock.state.sessions.values()].filter((s) => s.expiresAt > now);
  return ok({
    status: 'healthy',
    activeSessions: active.length,
    timestamp: iso(now),
    expiringSoon: active.filter((s) => nearExpiration(s, now)).length,
    uptime: Math.max(0, (now - req.mock.state.startedAt) / 1000),
  });
};

function createProblem(req: RequestContext, body: Dict): HandlerResult | undefined {
  if (typeof body.agentId !== 'string' || typeof body.userId !== 'string') {
    return validationError('Missing required fields: agentId, userId', { missingFields: ['agentId', 'userId'] });
  }
  for (const field of ['agentId', 'userId'] as const) {
    if (!isUuid(body[field])) return validationError(`Invalid UUID format for field '${field}'`, { providedValue: body[field], expectedFormat: 'UUID v4' });
  }
  if (req.mock.state.agents.get(body.agentId)?.status !== 'active') {
    return fail('NOT_FOUND', `Agent with ID '${body.agentId}' not found`);
  }
  return metadataError(body.metadata);
}

/** A session and its DM channel `session-<id>`: the agent alone in elizaos-1.7 (as 1.7.2), agent and user in documented. */
function openSession(ctx: MockContext, agentId: string, userId: string, body: Dict): SessionRecord {
  const now = ctx.clock.now();
  const sessionId = ctx.state.ids.uuid();
  const timeoutConfig = mergeTimeoutConfig(asObject(body.timeoutConfig), agentTimeoutConfig(ctx.state.agents.get(agentId)));
  const metadata = asObject(body.metadata) ?? {};
  const channel = createChannel(ctx, {
    messageServerId: ctx.state.messageServerId,
    name: `session-${sessionId}`,
    type: 'DM',
    participants: ctx.profile === 'documented' ? [agentId, userId] : [agentId],
    metadata: { sessionId, agentId, userId, timeoutConfig: { ...timeoutConfig }, ...metadata },
  });
  const session: SessionRecord = { sessionId, channelId: channel.id, agentId, userId, createdAt: now, lastActivity: now, metadata, expiresAt: now, timeoutConfig, renewalCount: 0 };
  session.expiresAt = expiryOf(session, now);
  ctx.state.sessions.set(sessionId, session);
  return session;
}

const create: Handler = (req) => {
  const body = bodyOf(req);
  const problem = createProblem(req, body);
  if (problem) return problem;
  const s = openSession(req.mock, String(body.agentId), String(body.userId), body);
  const { sessionId, channelId, agentId, userId, metadata, timeoutConfig } = s;
  return ok({ sessionId, channelId, agentId, userId, createdAt: iso(s.createdAt), metadata, expiresAt: iso(s.expiresAt), timeoutConfig }, { status: 201 });
};

const list: Handler = (req) => {
  const now = req.mock.clock.now();
  const all = [...req.mock.state.sessions.values()];
  const sessions = all.filter((s) => s.expiresAt > now).map((s) => sessionInfo(s, now));
  return ok({ sessions, total: sessions.length, stats: { totalSessions: all.length, activeSessions: sessions.length, expiredSessions: all.length - sessions.length } });
};

const get: Handler = (req) => {
  const s = liveSession(req);
  return isResult(s) ? s : ok(sessionInfo(s, req.mock.clock.now()));
};

function invalidContent(reason: string): HandlerResult {
  return validationError(`Invalid content: ${reason}`, { reason });
}

function sessionStatus(ctx: MockContext, s: SessionRecord, wasRenewed: boolean) {
  // 1.7.2 marks the warning as sent just before it reads it back, so it always answers false here.
  const isNearExpiration = ctx.profile === 'documented' && nearExpiration(s, ctx.clock.now());
  return { expiresAt: iso(s.expiresAt), renewalCount: s.renewalCount, wasRenewed, isNearExpiration };
}

function storeUserMessage(ctx: MockContext, s: SessionRecord, channel: ChannelRecord, body: Dict): MessageRecord {
  const content = String(body.content);
  return storeMessage(ctx, {
    channelId: channel.id,
    authorId: s.userId,
    content,
    sourceType: 'user',
    rawMessage: compact({ content, attachments: body.attachments }),
    metadata: { ...channel.metadata, sessionId: s.sessionId, ...(asObject(body.metadata) ?? {}) },
  });
}

/** 201 with the payload; elizaos-1.7 answers the hybrid `{success:true, ...}`. */
function sent(data: Dict): HandlerResult {
  const payload = compact(data);
  return ok(payload, { status: 201, real: { success: true, ...payload } });
}

async function streamReply(ctx: MockContext, channel: ChannelRecord, message: MessageRecord, send: Send): Promise<void> {
  send('user_message', busMessage(message, ctx.state.messageServerId));
  try {
    const [first] = await agentTurn(ctx, channel, message, { emit: false, onChunk: (chunk) => send('chunk', chunk) });
    if (first) send('done', first.content);
    // 1.7.2 keeps the stream open until its socket timeout when the agent never answers; the mock ends it.
    else if (ctx.profile === 'documented') send('error', { error: 'The agent did not answer' });
  } catch (error) {
    send('error', { error: error instanceof Error ? error.message : String(error) });
  }
}

/** Hands the stored message to the agent: in the response (http), as a stream (sse), or on the socket (websocket). */
async function deliver(ctx: MockContext, transport: Transport, channel: ChannelRecord, message: MessageRecord, status: Dict): Promise<HandlerResult> {
  if (transport === 'sse') return { kind: 'sse', stream: (send) => streamReply(ctx, channel, message, send) };
  const userMessage = busMessage(message, ctx.state.messageServerId);
  if (transport === 'http') {
    const [first] = await agentTurn(ctx, channel, message, { emit: false });
    return sent({ userMessage, agentResponse: first?.content, sessionStatus: status });
  }
  // websocket: no broadcast of the user message; the reply arrives in the channel room.
  agentTurn(ctx, channel, message, { emit: true }).catch((error: unknown) => ctx.logger.log('error', `session agent turn failed: ${String(error)}`));
  return sent({ userMessage, sessionStatus: status });
}

function sendProblem(req: RequestContext, body: Dict): HandlerResult | Transport {
  const transport = transportOf(body.transport ?? body.mode);
  if (typeof transport !== 'string') return invalidContent(transport.error);
  if (typeof body.content !== 'string') return invalidContent('Invalid message request format');
  return transport;
}

const sendMessage: Handler = async (req) => {
  const body = bodyOf(req);
  const transport = sendProblem(req, body);
  if (isResult(transport)) return transport;
  const s = liveSession(req);
  if (isResult(s)) return s;
  const problem = contentProblem(String(body.content));
  if (problem) return invalidContent(problem);
  const metadataProblem = metadataError(body.metadata);
  if (metadataProblem) return metadataProblem;
  const channel = req.mock.state.channels.get(s.channelId);
  if (!channel) {
    return fail('INTERNAL_ERROR', `Failed to send message in session '${s.sessionId}': Failed to create message in database`);
  }
  const wasRenewed = touch(s, req.mock.clock.now());
  const message = storeUserMessage(req.mock, s, channel, body);
  return deliver(req.mock, transport, channel, message, sessionStatus(req.mock, s, wasRenewed));
};

const listMessages: Handler = (req) => {
  const s = liveSession(req);
  if (isResult(s)) return s;
  const limit = pageSize(req);
  const before = cursorOf(req, 'before');
  if (isResult(before)) return before;
  const after = cursorOf(req, 'after');
  if (isResult(after)) return after;
  const page = messagePage(req.mock.state, s.channelId, limit, before, after);
  const oldest = page[page.length - 1];
  const newest = page[0];
  const cursors = oldest && newest ? { before: oldest.createdAt, after: newest.createdAt } : undefined;
  return ok(compact({ messages: page.map(sessionMessage), hasMore: page.length === limit, cursors }));
};

const renewSession: Handler = (req) => {
  const s = liveSession(req);
  if (isResult(s)) return s;
  const now = req.mock.clock.now();
  if (renew(s, now, true)) return ok(sessionInfo(s, now));
  const details = { maxDuration: s.timeoutConfig.maxDurationMinutes, createdAt: iso(s.createdAt), timeSinceCreation: now - s.createdAt };
  return fail('BAD_REQUEST', `Cannot renew session '${s.sessionId}': Maximum duration reached`, { details });
};

const updateTimeout: Handler = (req) => {
  const s = liveSession(req);
  if (isResult(s)) return s;
  const input = asObject(req.body);
  const problem = timeoutConfigProblem(input);
  if (problem) return validationError(`Invalid timeout configuration: ${problem}`, { reason: problem, providedConfig: req.body });
  // 1.7.2 merges the update over the agent's defaults, not over the session's current settings.
  const base = req.mock.profile === 'documented' ? s.timeoutConfig : agentTimeoutConfig(req.mock.state.agents.get(s.agentId));
  const now = req.mock.clock.now();
  s.timeoutConfig = mergeTimeoutConfig(input, base);
  s.expiresAt = expiryOf(s, now);
  return ok(sessionInfo(s, now));
};

const heartbeat: Handler = (req) => {
  const s = liveSession(req);
  if (isResult(s)) return s;
  const now = req.mock.clock.now();
  s.lastActivity = now;
  if (s.timeoutConfig.autoRenew) renew(s, now);
  return ok(sessionInfo(s, now));
};

const remove: Handler = (req) => {
  const id = req.params.sessionId ?? '';
  if (!req.mock.state.sessions.delete(id)) return sessionNotFound(id);
  const message = `Session ${id} deleted successfully`;
  return ok({ message }, { real: { success: true, message } });
};

export const sessionHandlers = {
  'messaging.sessions.health': health,
  'messaging.sessions.create': create,
  'messaging.sessions.list': list,
  'messaging.sessions.get': get,
  'messaging.sessions.messages.create': sendMessage,
  'messaging.sessions.messages.list': listMessages,
  'messaging.sessions.renew': renewSession,
  'messaging.sessions.timeout.update': updateTimeout,
  'messaging.sessions.heartbeat': heartbeat,
  'messaging.sessions.delete': remove,
  ...jobHandlers,
} satisfies Partial<HandlerMap>;
