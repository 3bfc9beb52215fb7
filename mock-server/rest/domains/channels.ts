import { ALLOWED_MEDIA, ChannelType } from '../../../spec/index.js';
import { forgetChannel } from '../../agent/forget.js';
import { agentTurn } from '../../agent/runner.js';
import type { MockContext } from '../../context.js';
import { restUserBroadcast } from '../../engine/broadcasts.js';
import { channelForMessage, createChannel, storeMessage } from '../../engine/messages.js';
import type { ChannelRecord, MessageRecord } from '../../state/records.js';
import { busMessage, channel as channelJson, guiMessage } from '../../state/wire.js';
import type { HandlerMap } from '../handlers.js';
import { fail, noContent, ok, type Handler, type HandlerResult, type RequestContext } from '../result.js';
import { bodyOf, isUuid, queryNumber, queryString } from './helpers.js';
import { extname } from './file-name.js';
import { isRelease } from '../../../spec/profiles.js';

const TRANSPORTS: Record<string, 'http' | 'sse' | 'websocket'> = { http: 'http', sse: 'sse', websocket: 'websocket', sync: 'http', stream: 'sse' };

/** The transport of a message POST, or the 400 1.7.2 answers (checked before anything else). */
export function transportOf(body: Record<string, unknown>): 'http' | 'sse' | 'websocket' | HandlerResult {
  const given = body.transport ?? body.mode;
  if (given === undefined) return 'websocket';
  if (typeof given !== 'string') return fail('VALIDATION_ERROR', `Invalid transport type "${typeof given}". Transport must be a string.`);
  return (Object.hasOwn(TRANSPORTS, given) ? TRANSPORTS[given] : undefined) ?? fail('VALIDATION_ERROR', `Invalid transport "${given}". Must be one of: http, sse, websocket, sync, stream`);
}

function channelParam(req: RequestContext, message = 'Invalid channelId'): ChannelRecord | HandlerResult | undefined {
  const id = req.params.channelId;
  if (!isUuid(id)) return fail('INVALID_ID', message);
  return req.mock.state.channels.get(id);
}

const isResult = (value: unknown): value is HandlerResult => typeof value === 'object' && value !== null && 'kind' in value;

/** The reply of an http or sse transport: the agent answers in the response, with no socket traffic. */
async function replyInResponse(ctx: MockContext, channel: ChannelRecord, message: MessageRecord, transport: 'http' | 'sse'): Promise<HandlerResult> {
  const userMessage = busMessage(message, ctx.state.messageServerId);
  if (transport === 'sse') {
    return {
      kind: 'sse',
      stream: async (send) => {
        send('user_message', userMessage);
        const [first] = await agentTurn(ctx, channel, message, { emit: false, onChunk: (c) => send('chunk', c) });
        if (first) send('done', first.content);
        else send('error', { error: 'No agent replied' });
      },
    };
  }
  const [first] = await agentTurn(ctx, channel, message, { emit: false });
  const data = { userMessage, ...(first ? { agentResponse: first.content } : {}) };
  return ok(data, { status: 201, real: { success: true, ...data } });
}

function checkPost(req: RequestContext, body: Record<string, unknown>): HandlerResult | undefined {
  const valid = isUuid(req.params.channelId) && isUuid(body.author_id) && typeof body.content === 'string' && body.content.length > 0 && isUuid(body.message_server_id);
  return valid ? undefined : fail('VALIDATION_ERROR', 'Missing required fields: channelId, message_server_id, author_id, content');
}

const postMessage: Handler = async (req) => {
  const body = bodyOf(req);
  const transport = transportOf(body);
  if (typeof transport !== 'string') return transport;
  const invalid = checkPost(req, body);
  if (invalid) return invalid;
  const ctx = req.mock;
  const channelId = req.params.channelId as string;
  const metadata = (body.metadata ?? {}) as Record<string, unknown>;
  if (!ctx.state.channels.has(channelId) && !ctx.state.servers.has(body.message_server_id as string)) return fail('INTERNAL_ERROR', `Server ${String(body.message_server_id)} does not exist`);
  const existed = ctx.state.channels.has(channelId);
  const channel = channelForMessage(ctx, channelId, body.author_id as string, metadata, [metadata.targetUserId as string, metadata.recipientId as string], 'gui_auto_creation');
  const senderName = typeof metadata.user_display_name === 'string' ? metadata.user_display_name : 'User';
  const message = storeMessage(ctx, {
    channelId,
    authorId: body.author_id as string,
    content: body.content as string,
    sourceType: typeof body.source_type === 'string' ? body.source_type : 'eliza_gui',
    rawMessage: body.raw_message,
    metadata,
    inReplyTo: isUuid(body.in_reply_to_message_id) ? body.in_reply_to_message_id : undefined,
    authorDisplayName: senderName,
  });
  // 1.7.2 looks for "an agent" (anyone but the author, or metadata.targetAgentId) after storing, on every transport
  const hasAgent = channel.participants.some((p) => p !== message.authorId) || isUuid(metadata.targetAgentId);
  if (!hasAgent && (transport !== 'websocket' || isRelease(ctx.profile))) {
    // documented: a 4xx stores nothing; 1.7.2 keeps the message and the channel it created (reference §3)
    if (ctx.profile === 'documented') {
      ctx.state.messages.delete(message.id);
      if (!existed) ctx.state.channels.delete(channelId);
    }
    return fail('BAD_REQUEST', 'No agent found in channel participants');
  }
  if (transport !== 'websocket') return replyInResponse(ctx, channel, message, transport);
  ctx.hub.toRoom(channelId, 'messageBroadcast', restUserBroadcast(ctx, message, senderName, message.sourceType));
  void agentTurn(ctx, channel, message, { emit: true });
  const userMessage: Record<string, unknown> = busMessage(message, ctx.state.messageServerId);
  if (isRelease(ctx.profile)) {
    // 1.7.2 answers the stored row as created: no display name, and metadata only when the body had some
    delete userMessage.author_display_name;
    if (body.metadata === undefined) delete userMessage.metadata;
  }
  return ok({ userMessage }, { status: 201, real: { success: true, userMessage } });
};

/** Newest first, `limit` of them, older than `before`: from the channel's index (a limit that is no count slices as before). */
function pageOf(ctx: MockContext, channelId: string, limit: number, before = Number.POSITIVE_INFINITY): MessageRecord[] {
  if (Number.isInteger(limit) && limit >= 0) return ctx.state.channelPage(channelId, { limit, before });
  return ctx.state.channelMessages(channelId).filter((m) => m.createdAt < before).slice(0, limit);
}

const listMessages: Handler = (req) => {
  if (!isUuid(req.params.channelId)) return fail('INVALID_ID', 'Invalid channelId');
  const limit = queryNumber(req, 'limit', 50);
  const before = queryNumber(req, 'before', Number.POSITIVE_INFINITY);
  const messages = pageOf(req.mock, req.params.channelId, limit, before).map(guiMessage);
  return ok({ messages });
};

const createGroup: Handler = (req) => {
  const body = bodyOf(req);
  if (!isUuid(body.message_server_id)) return fail('INVALID_ID', 'Invalid message_server_id format');
  const participants = body.participantCentralUserIds;
  const type = body.type === undefined ? 'GROUP' : ChannelType.safeParse(body.type).data;
  const valid = typeof body.name === 'string' && body.name.length > 0 && Array.isArray(participants) && participants.every(isUuid) && type !== undefined;
  if (!valid) return fail('VALIDATION_ERROR', 'Invalid payload. Required: name, message_server_id (UUID), participantCentralUserIds (array of UUIDs). Optional: type, metadata.');
  const record = createChannel(req.mock, { messageServerId: body.message_server_id, name: body.name as string, type, participants: participants as string[], metadata: (body.metadata as Record<string, unknown> | undefined) ?? {} });
  return ok(channelJson(record), { status: 201 });
};

function withChannel(message: string, run: (req: RequestContext, channel: ChannelRecord) => HandlerResult, unknown?: (req: RequestContext) => HandlerResult): Handler {
  return (req) => {
    const channel = channelParam(req, message);
    if (isResult(channel)) return channel;
    if (!channel) return unknown ? unknown(req) : fail('NOT_FOUND', 'Channel not found');
    return run(req, channel);
  };
}

const addAgent: Handler = (req) => {
  const agentId = bodyOf(req).agentId;
  if (!isUuid(req.params.channelId) || !isUuid(agentId)) return fail('INVALID_ID', 'Invalid channelId or agentId format');
  const channel = req.mock.state.channels.get(req.params.channelId);
  if (!channel) return fail('NOT_FOUND', 'Channel not found');
  if (!channel.participants.includes(agentId)) channel.participants.push(agentId);
  return ok({ channelId: channel.id, agentId, message: 'Agent added to channel successfully' }, { status: 201 });
};

const removeAgent: Handler = (req) => {
  const { channelId, agentId } = req.params;
  if (!isUuid(channelId) || !isUuid(agentId)) return fail('INVALID_ID', 'Invalid channelId or agentId format');
  const channel = req.mock.state.channels.get(channelId);
  if (!channel) return fail('NOT_FOUND', 'Channel not found');
  if (!channel.participants.includes(agentId)) return fail('NOT_FOUND', 'Agent is not a participant in this channel');
  channel.participants = channel.participants.filter((p) => p !== agentId);
  return ok({ channelId, agentId, message: 'Agent removed from channel successfully' });
};

const deleteMessage: Handler = (req) => {
  const { channelId, messageId } = req.params;
  if (!isUuid(channelId) || !isUuid(messageId)) return fail('INVALID_ID', 'Invalid channelId or messageId');
  req.mock.state.messages.delete(messageId);
  req.mock.hub.toRoom(channelId, 'messageDeleted', { messageId, channelId });
  return noContent();
};

function clearMessages(ctx: MockContext, channelId: string): void {
  ctx.state.messages.deleteChannel(channelId);
  forgetChannel(ctx, channelId);
}

const update: Handler = withChannel(
  'Invalid channelId',
  (req, channel) => {
    const body = bodyOf(req);
    if (typeof body.name === 'string') channel.name = body.name;
    if (Array.isArray(body.participantCentralUserIds)) channel.participants = (body.participantCentralUserIds as unknown[]).filter(isUuid);
    if (typeof body.metadata === 'object' && body.metadata !== null) channel.metadata = body.metadata as Record<string, unknown>;
    channel.updatedAt = req.mock.clock.now();
    const updates = channelJson(channel);
    req.mock.hub.toRoom(channel.id, 'channelUpdated', { channelId: channel.id, updates });
    return ok(updates);
  },
  (req) => (req.mock.profile === 'documented' ? fail('NOT_FOUND', 'Channel not found') : fail('INTERNAL_ERROR', 'Failed to update channel')),
);

const uploadMedia: Handler = (req) => {
  if (!isUuid(req.params.channelId)) return fail('INVALID_ID', 'Invalid channelId format');
  const file = req.file;
  if (!file) return fail('VALIDATION_ERROR', 'No media file provided');
  if (file.originalname.includes('..') || file.originalname.includes('/')) return fail('VALIDATION_ERROR', 'Invalid filename detected');
  if (!(ALLOWED_MEDIA as readonly string[]).includes(file.mimetype)) return fail('UNSUPPORTED_MEDIA_TYPE', `Invalid file type. Only ${ALLOWED_MEDIA.join(', ')} are allowed`);
  const filename = `${req.mock.clock.now()}-${req.mock.state.ids.uuid().slice(0, 8)}${extname(file.originalname)}`;
  const url = `/media/uploads/channels/${req.params.channelId}/${filename}`;
  req.mock.state.putMedia({ url, bytes: file.buffer, contentType: file.mimetype, size: file.size });
  return ok({ url, type: file.mimetype, filename, originalName: file.originalname, size: file.size });
};

const generateTitle: Handler = (req) => {
  if (!isUuid(req.params.channelId)) return fail('INVALID_ID', 'Invalid channel ID format');
  const agentId = bodyOf(req).agentId;
  if (!isUuid(agentId)) return fail('VALIDATION_ERROR', 'Valid agent ID is required');
  if (req.mock.state.agents.get(agentId)?.status !== 'active') return fail('NOT_FOUND', 'Agent not found or not active');
  const messages = pageOf(req.mock, req.params.channelId, queryNumber(req, 'limit', 50));
  const channelId = req.params.channelId;
  if (messages.length < 4) return ok({ title: null, channelId, reason: 'Not enough messages to generate a title' });
  const oldest = messages[messages.length - 1]?.content ?? '';
  return ok({ title: oldest.split(/\s+/).slice(0, 5).join(' '), channelId });
};

const dmChannel: Handler = (req) => {
  const current = queryString(req, 'currentUserId');
  const target = queryString(req, 'targetUserId');
  if (!isUuid(current) || !isUuid(target)) return fail('VALIDATION_ERROR', 'Missing targetUserId or currentUserId');
  if (current === target) return fail('VALIDATION_ERROR', 'Cannot create DM channel with oneself');
  const [a, b] = [current, target].sort() as [string, string];
  const name = `DM-${a}-${b}`;
  const existing = [...req.mock.state.channels.values()].find((c) => c.type === 'DM' && c.name === name);
  const dmServer = queryString(req, 'dmServerId');
  const serverId = isUuid(dmServer) && req.mock.state.servers.has(dmServer) ? dmServer : req.mock.state.messageServerId;
  const record = existing ?? createChannel(req.mock, { messageServerId: serverId, name, type: 'DM', participants: [a, b], metadata: { user1: a, user2: b } });
  return ok(channelJson(record));
};

export const channelHandlers = {
  'messaging.channels.messages.create': postMessage,
  'messaging.channels.messages.list': listMessages,
  'messaging.channels.create': createGroup,
  'messaging.channels.details': withChannel('Invalid channelId', (_req, c) => ok(channelJson(c))),
  'messaging.channels.participants': withChannel('Invalid channelId', (_req, c) => ok([...c.participants]), () => ok([])),
  'messaging.channels.agents.list': withChannel('Invalid channelId format', (_req, c) => ok({ channelId: c.id, participants: [...c.participants] }), (req) => ok({ channelId: req.params.channelId, participants: [] })),
  'messaging.channels.agents.add': addAgent,
  'messaging.channels.agents.remove': removeAgent,
  'messaging.channels.messages.delete': deleteMessage,
  'messaging.channels.messages.clear': (req) => {
    if (!isUuid(req.params.channelId)) return fail('INVALID_ID', 'Invalid channelId');
    clearMessages(req.mock, req.params.channelId);
    req.mock.hub.toRoom(req.params.channelId, 'channelCleared', { channelId: req.params.channelId });
    return noContent();
  },
  'messaging.channels.update': update,
  'messaging.channels.delete': (req) => {
    if (!isUuid(req.params.channelId)) return fail('INVALID_ID', 'Invalid channelId');
    clearMessages(req.mock, req.params.channelId);
    req.mock.state.channels.delete(req.params.channelId);
    req.mock.hub.toRoom(req.params.channelId, 'channelDeleted', { channelId: req.params.channelId });
    return noContent();
  },
  'messaging.channels.upload-media': uploadMedia,
  'messaging.channels.generate-title': generateTitle,
  'messaging.message-servers.channels.list': (req) => {
    const id = req.params.messageServerId;
    if (!isUuid(id)) return fail('INVALID_ID', 'Invalid messageServerId');
    return ok({ channels: [...req.mock.state.channels.values()].filter((c) => c.messageServerId === id).map(channelJson) });
  },
  'messaging.dm-channel.get': dmChannel,
} satisfies Partial<HandlerMap>;
