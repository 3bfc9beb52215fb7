import { agentTurn } from '../../agent/runner.js';
import type { MockContext } from '../../context.js';
import { actionBroadcast, agentReplyBroadcast, restUserBroadcast } from '../../engine/broadcasts.js';
import { createChannel, storeMessage } from '../../engine/messages.js';
import type { ChannelRecord } from '../../state/records.js';
import { centralMessage, messageServer } from '../../state/wire.js';
import type { HandlerMap } from '../handlers.js';
import { fail, ok, type Handler, type HandlerResult, type RequestContext } from '../result.js';
import { bodyOf, isUuid } from './helpers.js';
import { isRelease } from '../../../spec/profiles.js';

const MISSING_SUBMIT = 'Missing required fields: channel_id, message_server_id, author_id, content, source_type, raw_message';

/** The channel a posted message goes to (created as a GROUP when missing). */
function channelOf(ctx: MockContext, channelId: string, messageServerId: string, authorId: string): ChannelRecord {
  return ctx.state.channels.get(channelId) ?? createChannel(ctx, { id: channelId, messageServerId, name: `Chat ${channelId.slice(0, 8)}`, type: 'GROUP', participants: [authorId], sourceType: 'auto_created' });
}

function checkSubmit(body: Record<string, unknown>): HandlerResult | undefined {
  const ok = isUuid(body.channel_id) && isUuid(body.message_server_id) && isUuid(body.author_id) && typeof body.content === 'string' && body.content.length > 0 && typeof body.source_type === 'string' && body.source_type.length > 0 && Boolean(body.raw_message);
  if (!ok) return fail('VALIDATION_ERROR', MISSING_SUBMIT);
  if (body.in_reply_to_message_id !== undefined && !isUuid(body.in_reply_to_message_id)) return fail('INVALID_ID', 'Invalid in_reply_to_message_id format');
  if (body.messageId !== undefined && !isUuid(body.messageId)) return fail('INVALID_ID', 'Invalid messageId format');
  return undefined;
}

function agentName(body: Record<string, unknown>): string {
  const metadata = (body.metadata ?? {}) as Record<string, unknown>;
  return typeof metadata.agentName === 'string' ? metadata.agentName : 'Agent';
}

/** POST /submit (V2) and POST /action (V3): an agent's message, broadcast to the channel's room. */
function agentPost(kind: 'submit' | 'action'): Handler {
  return (req) => {
    const body = bodyOf(req);
    const invalid = checkSubmit(body);
    if (invalid) return invalid;
    const ctx = req.mock;
    channelOf(ctx, body.channel_id as string, body.message_server_id as string, body.author_id as string);
    const raw = body.raw_message as Record<string, unknown>;
    const message = storeMessage(ctx, {
      id: body.messageId as string | undefined,
      channelId: body.channel_id as string,
      authorId: body.author_id as string,
      content: body.content as string,
      sourceType: body.source_type as string,
      rawMessage: raw,
      metadata: (body.metadata as Record<string, unknown> | undefined) ?? {},
      inReplyTo: body.in_reply_to_message_id as string | undefined,
    });
    const payload = kind === 'submit'
      ? agentReplyBroadcast(ctx, message, agentName(body), typeof raw.thought === 'string' ? raw.thought : undefined, Array.isArray(raw.actions) ? (raw.actions as string[]) : undefined)
      : actionBroadcast(ctx, message, agentName(body));
    ctx.hub.toRoom(message.channelId, 'messageBroadcast', payload);
    return ok(centralMessage(message), { status: 201 });
  };
}

const actionUpdate: Handler = (req) => {
  if (!isUuid(req.params.id)) return fail('INVALID_ID', 'Invalid message id');
  const body = bodyOf(req);
  if (body.in_reply_to_message_id !== undefined && !isUuid(body.in_reply_to_message_id)) return fail('INVALID_ID', 'Invalid in_reply_to_message_id format');
  if (body.author_id !== undefined && !isUuid(body.author_id)) return fail('INVALID_ID', 'Invalid author_id format');
  const message = req.mock.state.messages.get(req.params.id);
  if (!message) return fail('NOT_FOUND', 'Message not found');
  if (typeof body.content === 'string') message.content = body.content;
  if (body.raw_message !== undefined) message.rawMessage = body.raw_message;
  if (typeof body.source_type === 'string') message.sourceType = body.source_type;
  if (typeof body.author_id === 'string') message.authorId = body.author_id;
  if (typeof body.metadata === 'object' && body.metadata !== null) message.metadata = body.metadata as Record<string, unknown>;
  message.updatedAt = Math.max(req.mock.clock.now(), message.createdAt);
  const serverMessageId = typeof body.server_message_id === 'string' ? body.server_message_id : undefined;
  req.mock.hub.toRoom(message.channelId, 'messageBroadcast', actionBroadcast(req.mock, message, agentName(body), { serverMessageId }));
  return ok(centralMessage(message));
};

const ingest: Handler = (req) => {
  const body = bodyOf(req);
  const fields = ['channel_id', 'message_server_id', 'author_id', 'content'] as const;
  if (!fields.every((f) => typeof body[f] === 'string' && (body[f] as string).length > 0)) return fail('VALIDATION_ERROR', 'Invalid external message payload');
  const ctx = req.mock;
  const channel = channelOf(ctx, body.channel_id as string, body.message_server_id as string, body.author_id as string);
  const senderName = typeof body.author_display_name === 'string' ? body.author_display_name : 'User';
  const message = storeMessage(ctx, {
    channelId: channel.id,
    authorId: body.author_id as string,
    content: body.content as string,
    sourceType: typeof body.source_type === 'string' ? body.source_type : 'external',
    sourceId: body.source_id as string | undefined,
    rawMessage: body.raw_message,
    metadata: (body.metadata as Record<string, unknown> | undefined) ?? {},
    authorDisplayName: senderName,
  });
  // 1.7.2 broadcasts the body's source_type as it came: without one, the key is absent
  const source = typeof body.source_type === 'string' ? body.source_type : undefined;
  ctx.hub.toRoom(channel.id, 'messageBroadcast', restUserBroadcast(ctx, message, senderName, source));
  void agentTurn(ctx, channel, message, { emit: true });
  const data = { messageId: message.id };
  return ok(data, { status: 202, real: { success: true, message: 'Message ingested and published to bus', data } });
};

const complete: Handler = (req) => {
  // 1.7.2 has no such route: the spec's only elizaos-1.7 answer is the unknown-route 404.
  if (isRelease(req.mock.profile)) return fail('NOT_FOUND', 'API endpoint not found');
  const body = bodyOf(req);
  if (!isUuid(body.channel_id)) return fail('VALIDATION_ERROR', 'channel_id is required');
  return ok({ channelId: body.channel_id });
};

function serverAgentsCheck(req: RequestContext, verb: 'access' | 'modify', agentId?: unknown): HandlerResult | undefined {
  const id = req.params.messageServerId;
  const idsOk = isUuid(id) && (agentId === undefined || isUuid(agentId));
  if (!idsOk) return fail('INVALID_ID', verb === 'access' ? 'Invalid messageServerId format' : 'Invalid messageServerId or agentId format');
  if (isRelease(req.mock.profile) && id !== req.mock.state.messageServerId) return fail('FORBIDDEN', `Cannot ${verb} agents for a different server`);
  return undefined;
}

export const messagingHandlers = {
  'messaging.submit': agentPost('submit'),
  'messaging.action.create': agentPost('action'),
  'messaging.action.update': actionUpdate,
  'messaging.ingest-external': ingest,
  'messaging.complete': complete,
  'messaging.message-servers.current': (req) => ok({ messageServerId: req.mock.state.messageServerId }),
  'messaging.message-servers.list': (req) => {
    const servers = [...req.mock.state.servers.values()].map(messageServer);
    return ok(req.operationId === 'messaging.central-servers.list' ? { servers } : { messageServers: servers });
  },
  'messaging.message-servers.create': (req) => {
    const body = bodyOf(req);
    if (typeof body.name !== 'string' || !body.name || typeof body.sourceType !== 'string' || !body.sourceType) return fail('VALIDATION_ERROR', 'Missing required fields: name, sourceType');
    const now = req.mock.clock.now();
    const record = { id: req.mock.state.ids.uuid(), name: body.name, sourceType: body.sourceType, sourceId: body.sourceId as string | undefined, metadata: body.metadata as Record<string, unknown> | undefined, createdAt: now, updatedAt: now, agents: new Set<string>() };
    req.mock.state.servers.set(record.id, record);
    return ok({ server: messageServer(record) }, { status: 201 });
  },
  'messaging.message-servers.agents.list': (req) => {
    const invalid = serverAgentsCheck(req, 'access');
    if (invalid) return invalid;
    const server = req.mock.state.servers.get(req.params.messageServerId ?? '');
    return ok({ messageServerId: req.params.messageServerId, agents: [...(server?.agents ?? [])] });
  },
  'messaging.message-servers.agents.add': (req) => {
    const agentId = bodyOf(req).agentId;
    const invalid = serverAgentsCheck(req, 'modify', agentId ?? null);
    if (invalid) return invalid;
    req.mock.state.servers.get(req.params.messageServerId ?? '')?.agents.add(agentId as string);
    return ok({ messageServerId: req.params.messageServerId, agentId, message: 'Agent added to message server successfully' }, { status: 201 });
  },
  'messaging.message-servers.agents.remove': (req) => {
    const invalid = serverAgentsCheck(req, 'modify', req.params.agentId);
    if (invalid) return invalid;
    req.mock.state.servers.get(req.params.messageServerId ?? '')?.agents.delete(req.params.agentId ?? '');
    return ok({ messageServerId: req.params.messageServerId, agentId: req.params.agentId, message: 'Agent removed from message server successfully' });
  },
  'messaging.agents.message-servers.list': (req) => {
    const agentId = req.params.agentId;
    if (!isUuid(agentId)) return fail('INVALID_ID', 'Invalid agentId format');
    const servers = [...req.mock.state.servers.values()].filter((s) => s.agents.has(agentId)).map((s) => s.id);
    return ok({ agentId, messageServers: servers });
  },
} satisfies Partial<HandlerMap>;
