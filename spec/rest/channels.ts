import { z } from 'zod';
import { BusMessage, Channel, Content, GuiMessage, UploadedMedia } from '../schemas/messaging.js';
import { E5Error } from '../schemas/envelopes.js';
import { ChannelType, EpochMs, FilePart, Metadata, NonEmpty, Uuid } from '../schemas/primitives.js';
import { defineOperation, multipartFile, operationInputs, renameId, type ErrorInput, type OperationInput } from './define.js';
import { lv } from './levels.js';

const channelId = { channelId: Uuid };
const invalidChannel: ErrorInput = { status: 400, code: 'INVALID_ID', message: 'Invalid channelId' };
const failed = (message: string): ErrorInput => ({ status: 500, code: 'INTERNAL_ERROR', message });

/** `transport` (or the legacy `mode`) of a message POST: how the agent's reply comes back. */
export const Transport = z.enum(['http', 'sse', 'websocket']).meta({ id: 'Transport' });
export const LegacyMode = z.enum(['sync', 'stream', 'websocket']).meta({ id: 'LegacyMode' });

export const PostChannelMessageBody = z
  .object({
    author_id: Uuid,
    content: NonEmpty,
    message_server_id: Uuid,
    in_reply_to_message_id: Uuid.optional(),
    raw_message: z.unknown().optional(),
    metadata: z
      .looseObject({
        user_display_name: z.string().optional(),
        isDm: z.boolean().optional(),
        channelType: ChannelType.optional(),
        targetUserId: Uuid.optional(),
        recipientId: Uuid.optional(),
        targetAgentId: Uuid.optional(),
      })
      .optional(),
    source_type: z.string().optional(),
    transport: Transport.optional(),
    mode: LegacyMode.optional(),
  })
  .meta({ id: 'PostChannelMessageBody' });

const UserMessageData = z.strictObject({ userMessage: BusMessage, agentResponse: Content.optional() });

const invalidTransport: ErrorInput = {
  status: 400,
  code: 'VALIDATION_ERROR',
  message: 'Invalid transport "x". Must be one of: http, sse, websocket, sync, stream',
  when: 'transport/mode is not one of the allowed values (checked first)',
};

const SSE = z.string().meta({ description: 'Server-sent events: `user_message`, `chunk`*, then `done` or `error`.' });

export const channelInputs = operationInputs([
  {
    id: 'messaging.channels.messages.create',
    method: 'POST',
    path: '/api/messaging/channels/:channelId/messages',
    summary: 'Post a user message to a channel (created if missing); the reply comes by socket, HTTP or SSE',
    profiles: lv('MUST', 'MUST'),
    style: 'E2',
    probed: true,
    params: channelId,
    body: PostChannelMessageBody,
    success: [
      {
        status: 201,
        data: UserMessageData,
        releases: { 'elizaos-1.7': { body: z.strictObject({ success: z.literal(true), userMessage: BusMessage, agentResponse: Content.optional() }).meta({ id: 'UserMessageHybrid' }) } },
        description: 'Stored (websocket: the reply arrives on the socket; http: `agentResponse` holds it)',
      },
      { status: 200, data: SSE, contentType: 'text/event-stream', description: 'SSE stream of the reply', when: 'transport is sse (or mode stream)' },
    ],
    errors: [
      invalidTransport,
      { status: 400, code: 'VALIDATION_ERROR', message: 'Missing required fields: channelId, message_server_id, author_id, content' },
      { status: 400, code: 'BAD_REQUEST', message: 'No agent found in channel participants', when: 'no participant but the author (and no metadata.targetAgentId); elizaos-1.7: on every transport, after the message is stored; documented: http and sse only' },
      { status: 403, code: 'FORBIDDEN', message: 'Forbidden: message_server_id does not match current server', when: 'data isolation on' },
      failed('Failed to process message'),
    ],
  },
  {
    id: 'messaging.channels.messages.list',
    method: 'GET',
    path: '/api/messaging/channels/:channelId/messages',
    summary: "A channel's messages, newest first",
    profiles: lv('MUST', 'MUST'),
    style: 'E2',
    probed: true,
    params: channelId,
    query: { limit: z.number().int().positive().optional(), before: EpochMs.optional() },
    success: { status: 200, data: z.strictObject({ messages: z.array(GuiMessage) }) },
    errors: [invalidChannel, failed('Failed to fetch messages')],
  },
  {
    id: 'messaging.channels.create',
    method: 'POST',
    path: '/api/messaging/channels',
    summary: 'Create a channel with its participants',
    profiles: lv('MUST', 'MUST'),
    style: 'E2',
    probed: true,
    body: z
      .object({
        name: z.string().min(1),
        participantCentralUserIds: z.array(Uuid),
        message_server_id: Uuid,
        type: ChannelType.optional(),
        metadata: Metadata.optional(),
      })
      .meta({ id: 'CreateChannelBody' }),
    success: { status: 201, data: Channel },
    errors: [
      { status: 400, code: 'INVALID_ID', message: 'Invalid message_server_id format' },
      {
        status: 400,
        code: 'VALIDATION_ERROR',
        message: 'Invalid payload. Required: name, message_server_id (UUID), participantCentralUserIds (array of UUIDs). Optional: type, metadata.',
      },
      { status: 403, code: 'FORBIDDEN', when: 'data isolation on and message_server_id is not the current server' },
      failed('Failed to create group channel'),
    ],
  },
  {
    id: 'messaging.channels.details',
    method: 'GET',
    path: '/api/messaging/channels/:channelId/details',
    summary: 'One channel',
    profiles: lv('MUST', 'MUST'),
    style: 'E2',
    params: channelId,
    success: { status: 200, data: Channel },
    errors: [invalidChannel, { status: 404, code: 'NOT_FOUND', message: 'Channel not found' }, failed('Failed to fetch channel details')],
  },
  {
    id: 'messaging.channels.participants',
    method: 'GET',
    path: '/api/messaging/channels/:channelId/participants',
    summary: "A channel's participant ids (a bare array)",
    profiles: lv('MUST', 'MUST'),
    style: 'E2',
    probed: true,
    params: channelId,
    success: { status: 200, data: z.array(Uuid) },
    errors: [invalidChannel, failed('Failed to fetch channel participants')],
  },
  {
    id: 'messaging.channels.agents.list',
    method: 'GET',
    path: '/api/messaging/channels/:channelId/agents',
    summary: "A channel's participants (all of them, not only agents)",
    profiles: lv('SHOULD', 'MUST'),
    style: 'E2',
    probed: true,
    params: channelId,
    success: { status: 200, data: z.strictObject({ channelId: Uuid, participants: z.array(Uuid) }) },
    errors: [{ status: 400, code: 'INVALID_ID', message: 'Invalid channelId format' }, failed('Failed to fetch channel agents')],
  },
  {
    id: 'messaging.channels.agents.add',
    method: 'POST',
    path: '/api/messaging/channels/:channelId/agents',
    summary: 'Add an agent to a channel',
    profiles: lv('MUST', 'MUST'),
    style: 'E2',
    probed: true,
    params: channelId,
    body: z.object({ agentId: Uuid }),
    success: {
      status: 201,
      data: z.strictObject({ channelId: Uuid, agentId: Uuid, message: z.literal('Agent added to channel successfully') }),
    },
    errors: [
      { status: 400, code: 'INVALID_ID', message: 'Invalid channelId or agentId format' },
      { status: 404, code: 'NOT_FOUND', message: 'Channel not found' },
      failed('Failed to add agent to channel'),
    ],
  },
  {
    id: 'messaging.channels.agents.remove',
    method: 'DELETE',
    path: '/api/messaging/channels/:channelId/agents/:agentId',
    summary: 'Remove an agent from a channel',
    profiles: lv('MUST', 'MUST'),
    style: 'E2',
    probed: true,
    params: { channelId: Uuid, agentId: Uuid },
    success: {
      status: 200,
      data: z.strictObject({ channelId: Uuid, agentId: Uuid, message: z.literal('Agent removed from channel successfully') }),
    },
    errors: [
      { status: 400, code: 'INVALID_ID', message: 'Invalid channelId or agentId format' },
      { status: 404, code: 'NOT_FOUND', message: 'Channel not found' },
      { status: 404, code: 'NOT_FOUND', message: 'Agent is not a participant in this channel' },
      failed('Failed to remove agent from channel'),
    ],
  },
  {
    id: 'messaging.channels.messages.delete',
    method: 'DELETE',
    path: '/api/messaging/channels/:channelId/messages/:messageId',
    summary: 'Delete one message (socket: messageDeleted to the room)',
    profiles: lv('MUST', 'MUST'),
    style: 'E2',
    probed: true,
    params: { channelId: Uuid, messageId: Uuid },
    success: { status: 204 },
    errors: [{ status: 400, code: 'INVALID_ID', message: 'Invalid channelId or messageId' }, failed('Failed to delete message')],
  },
  {
    id: 'messaging.channels.messages.clear',
    method: 'DELETE',
    path: '/api/messaging/channels/:channelId/messages',
    summary: "Clear a channel's history (socket: channelCleared to the room)",
    profiles: lv('MUST', 'MUST'),
    style: 'E2',
    probed: true,
    params: channelId,
    success: { status: 204 },
    errors: [invalidChannel, failed('Failed to clear messages')],
  },
  {
    id: 'messaging.channels.update',
    method: 'PATCH',
    path: '/api/messaging/channels/:channelId',
    summary: 'Update a channel; participants and metadata are replaced (socket: channelUpdated)',
    profiles: lv('MUST', 'MUST'),
    style: 'E2',
    probed: true,
    params: channelId,
    body: z.object({ name: z.string().optional(), participantCentralUserIds: z.array(Uuid).optional(), metadata: Metadata.optional() }),
    success: { status: 200, data: Channel },
    errors: [
      invalidChannel,
      { status: 404, code: 'NOT_FOUND', message: 'Channel not found', profiles: lv('MUST', undefined) },
      { ...failed('Failed to update channel'), when: 'elizaos-1.7: also when the channel is unknown (no 404)' },
    ],
  },
  {
    id: 'messaging.channels.delete',
    method: 'DELETE',
    path: '/api/messaging/channels/:channelId',
    summary: 'Delete a channel (socket: channelDeleted to the room)',
    profiles: lv('MUST', 'MUST'),
    style: 'E2',
    probed: true,
    params: channelId,
    success: { status: 204 },
    errors: [invalidChannel, failed('Failed to delete channel')],
  },
  {
    id: 'messaging.channels.upload-media',
    method: 'POST',
    path: '/api/messaging/channels/:channelId/upload-media',
    summary: 'Upload a media file to a channel (field `file`, 50 MB, allowlisted MIME types)',
    profiles: lv('SHOULD', 'MUST'),
    style: 'E2',
    probed: true,
    params: channelId,
    body: multipartFile(FilePart),
    success: { status: 200, data: UploadedMedia },
    errors: [
      { status: 400, code: 'INVALID_ID', message: 'Invalid channelId format' },
      { status: 400, code: 'VALIDATION_ERROR', message: 'No media file provided' },
      { status: 400, code: 'VALIDATION_ERROR', message: 'Invalid filename detected' },
      { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', releases: { 'elizaos-1.7': { status: 500, body: E5Error, code: 500, envelope: 'E5' } }, message: 'Invalid file type', when: 'the MIME type is not allowed' },
      { status: 413, code: 'PAYLOAD_TOO_LARGE', releases: { 'elizaos-1.7': { status: 500, body: E5Error, code: 500, envelope: 'E5' } }, message: 'File too large', when: 'the file is over 50 MB' },
      failed('Failed to process media upload'),
    ],
  },
  {
    id: 'messaging.channels.generate-title',
    method: 'POST',
    path: '/api/messaging/channels/:channelId/generate-title',
    summary: "Ask an agent for a title summarising the channel's messages",
    profiles: lv('SHOULD', 'MUST'),
    style: 'E2',
    probed: true,
    params: channelId,
    query: { limit: z.number().int().positive().optional(), before: EpochMs.optional() },
    body: z.object({ agentId: Uuid }),
    success: [
      { status: 200, data: z.strictObject({ title: z.string(), channelId: Uuid }) },
      {
        status: 200,
        data: z.strictObject({ title: z.null(), channelId: Uuid, reason: z.literal('Not enough messages to generate a title') }),
        description: 'Fewer than 4 messages',
        when: 'the channel has fewer than 4 messages',
      },
    ],
    errors: [
      { status: 400, code: 'INVALID_ID', message: 'Invalid channel ID format' },
      { status: 400, code: 'VALIDATION_ERROR', message: 'Valid agent ID is required' },
      { status: 404, code: 'NOT_FOUND', message: 'Agent not found or not active' },
      failed('Failed to summarize channel'),
    ],
  },
]);

const serverChannelsInput: OperationInput & { id: 'messaging.message-servers.channels.list' } = {
    id: 'messaging.message-servers.channels.list',
    method: 'GET',
    path: '/api/messaging/message-servers/:messageServerId/channels',
    summary: 'The channels of a message server',
    profiles: lv('MUST', 'MUST'),
    style: 'E2',
    params: { messageServerId: Uuid },
    success: { status: 200, data: z.strictObject({ channels: z.array(Channel) }) },
    errors: [{ status: 400, code: 'INVALID_ID', message: 'Invalid messageServerId' }, failed('Failed to fetch channels')],
};

const otherInputs = operationInputs([
  serverChannelsInput,
  {
    id: 'messaging.dm-channel.get',
    method: 'GET',
    path: '/api/messaging/dm-channel',
    summary: 'Find or create the DM channel of two users',
    profiles: lv('MUST', 'MUST'),
    style: 'E2',
    probed: true,
    query: { currentUserId: Uuid, targetUserId: Uuid, dmServerId: Uuid.optional() },
    success: { status: 200, data: Channel },
    errors: [
      { status: 400, code: 'VALIDATION_ERROR', message: 'Missing targetUserId or currentUserId' },
      { status: 400, code: 'VALIDATION_ERROR', message: 'Cannot create DM channel with oneself' },
      failed('Failed to find or create DM channel'),
    ],
  },
]);

export const channelOperations = [...channelInputs, ...otherInputs].map(defineOperation);

/** The `/central-channels` and `/central-servers/:serverId/channels` aliases of 1.7.2 (deprecated). */
export const deprecatedChannelOperations = [
  ...channelInputs
    .filter((input): input is OperationInput & { id: Exclude<typeof input.id, 'messaging.channels.upload-media'> } => input.id !== 'messaging.channels.upload-media')
    .map((input) =>
      defineOperation({
        ...input,
        id: renameId(input.id, 'messaging.channels.', 'messaging.central-channels.'),
        path: input.path.replace('/api/messaging/channels', '/api/messaging/central-channels'),
        summary: `${input.summary} (deprecated alias)`,
        profiles: lv(undefined, 'MAY'),
        deprecated: true,
        aliasOf: input.id,
        probed: false,
      }),
    ),
  defineOperation({
    ...serverChannelsInput,
    id: 'messaging.central-servers.channels.list',
    path: '/api/messaging/central-servers/:serverId/channels',
    params: { serverId: Uuid },
    summary: 'The channels of a message server (deprecated alias)',
    profiles: lv(undefined, 'MAY'),
    deprecated: true,
    aliasOf: 'messaging.message-servers.channels.list',
    probed: false,
  }),
];
