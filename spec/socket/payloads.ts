import { z } from 'zod';
import { Channel, Media } from '../schemas/messaging.js';
import { ChannelType, EpochMs, Metadata, NonEmpty, Uuid } from '../schemas/primitives.js';

/** `socket.handshake.auth` as 1.7.2 requires it: an `entityId` UUID, and `apiKey` when the server has a socket key. */
export const HandshakeAuth = z
  .looseObject({ entityId: Uuid, apiKey: z.string().optional() })
  .meta({ id: 'HandshakeAuth' });

/** The documented handshake: the seeds' minimal client sends no auth at all. */
export const DocumentedHandshakeAuth = z
  .looseObject({ entityId: Uuid.optional(), apiKey: z.string().optional() })
  .meta({ id: 'DocumentedHandshakeAuth' });

/**
 * An entity id as the documentation's examples send it: any non-empty string (the seeds use `'my-extension-id'`).
 * ElizaOS releases require a UUID: the elizaos-1.7 schemas say `Uuid`. Only client payloads take it: what a
 * documented server sends back (broadcasts, presence, REST) carries UUIDs (the mock derives one from such an id).
 */
export const DocumentedEntityId = z
  .string()
  .min(1)
  .meta({ id: 'DocumentedEntityId', description: "Any non-empty id (the documentation's examples use ids such as 'my-extension-id'); ElizaOS releases require a UUID." });

/** `channelId` or its alias `roomId` (channelId wins when both are present). */
function channelOrRoom<T extends z.ZodRawShape>(id: z.ZodType, shape: T, name: string) {
  return z
    .union([
      z.looseObject({ ...shape, channelId: id, roomId: id.optional() }),
      z.looseObject({ ...shape, roomId: id }),
    ])
    .meta({ id: name, description: 'Needs `channelId` or its alias `roomId`; `channelId` wins when both are set.' });
}

const JoinMetadata = z.looseObject({ isDm: z.boolean().optional(), channelType: ChannelType.optional() });

/** ROOM_JOINING payload as 1.7.2 reads it. `channelId` is not UUID-validated; `serverId` is not read. */
export const JoinPayload = channelOrRoom(
  z.string().min(1),
  {
    agentId: z.string().optional(),
    entityId: z.string().optional(),
    messageServerId: Uuid.optional(),
    username: z.string().optional(),
    displayName: z.string().optional(),
    metadata: JoinMetadata.optional(),
  },
  'JoinPayload',
);

/** ROOM_JOINING payload, documented: the seeds' `{roomId, entityId}`, with `channelId` preferred. */
export const DocumentedJoinPayload = channelOrRoom(
  Uuid,
  { entityId: DocumentedEntityId.optional(), messageServerId: Uuid.optional(), agentId: Uuid.optional(), metadata: JoinMetadata.optional() },
  'DocumentedJoinPayload',
);

const SendMetadata = z.looseObject({
  isDm: z.boolean().optional(),
  channelType: ChannelType.optional(),
  targetUserId: Uuid.optional(),
  recipientId: Uuid.optional(),
  user_display_name: z.string().optional(),
});

/** SEND_MESSAGE payload as 1.7.2 validates it: `messageServerId` is required; `serverId` is not read. */
export const SendPayload = channelOrRoom(
  Uuid,
  {
    senderId: Uuid,
    message: NonEmpty,
    messageServerId: Uuid,
    senderName: z.string().optional(),
    source: z.string().optional(),
    messageId: z.string().optional(),
    attachments: z.union([z.array(Media), z.unknown()]).optional(),
    metadata: SendMetadata.optional(),
    targetUserId: Uuid.optional(),
  },
  'SendPayload',
);

/**
 * SEND_MESSAGE payload, documented (seeds §"Exact Message Format"); `messageServerId` defaults to the default server;
 * `senderId` is any non-empty id, as in the seeds' client (`'my-extension-id'`).
 */
export const DocumentedSendPayload = channelOrRoom(
  Uuid,
  {
    senderId: DocumentedEntityId,
    message: NonEmpty,
    senderName: z.string().optional(),
    messageId: z.string().optional(),
    messageServerId: Uuid.optional(),
    source: z.string().optional(),
    attachments: z.array(Media).optional(),
    metadata: Metadata.optional(),
  },
  'DocumentedSendPayload',
);

export const LogFilters = z
  .looseObject({ agentName: z.string().optional(), level: z.union([z.string(), z.number()]).optional() })
  .meta({ id: 'LogFilters' });

export const TypingPayload = z
  .looseObject({ roomId: Uuid, userId: Uuid, isTyping: z.boolean(), channelId: Uuid.optional() })
  .meta({ id: 'TypingPayload' });

/** A `message` envelope of a type nothing answers (MESSAGE, ACK, THINKING, CONTROL). */
export function typedEnvelope<T extends number>(type: T) {
  return z.strictObject({ type: z.literal(type), payload: z.record(z.string(), z.unknown()) });
}

// ---- server → client payloads

const joined = (id: z.ZodType) => ({ message: z.string(), channelId: id, roomId: id, agentId: z.string().optional() });
export const ChannelJoined = z.strictObject(joined(z.string())).meta({ id: 'ChannelJoined' });
export const DocumentedChannelJoined = z.strictObject(joined(Uuid)).meta({ id: 'DocumentedChannelJoined' });

/** V1: a user's message sent over the socket. The sender's own copy adds `clientMessageId`. */
export const BroadcastV1 = z
  .strictObject({
    id: Uuid,
    senderId: Uuid,
    senderName: z.string(),
    text: z.string(),
    channelId: Uuid,
    roomId: Uuid,
    messageServerId: Uuid,
    createdAt: EpochMs,
    source: z.string(),
    attachments: z.unknown().optional(),
    clientMessageId: z.string().optional(),
  })
  .meta({ id: 'BroadcastV1', description: 'messageBroadcast V1: a user message sent over the socket.' });

/** V2: an agent reply posted through `/api/messaging/submit`. `serverId`, no `channelId`, no `messageServerId`. */
export const BroadcastV2 = z
  .strictObject({
    id: Uuid,
    senderId: Uuid,
    senderName: z.string(),
    text: z.string(),
    roomId: Uuid,
    serverId: Uuid,
    createdAt: EpochMs,
    source: z.string(),
    thought: z.string().optional(),
    actions: z.array(z.string()).optional(),
    attachments: z.unknown().optional(),
  })
  .meta({ id: 'BroadcastV2', description: 'messageBroadcast V2: an agent reply (POST /submit). Has `serverId`, no `channelId`.' });

const v3Shape = {
  id: Uuid,
  senderId: Uuid,
  senderName: z.string(),
  text: z.string(),
  roomId: Uuid,
  createdAt: EpochMs,
  source: z.string(),
  thought: z.string().optional(),
  actions: z.array(z.string()).optional(),
  attachments: z.unknown().optional(),
  updatedAt: EpochMs,
  rawMessage: z.unknown(),
};

/** V3: an agent action message (POST /action). */
export const BroadcastV3 = z
  .strictObject({ ...v3Shape, messageServerId: Uuid })
  .meta({ id: 'BroadcastV3', description: 'messageBroadcast V3: an agent action (POST /action).' });

/** V4: an updated action (PATCH /action/:id); `messageServerId` is the body's `server_message_id`, normally absent. */
export const BroadcastV4 = z
  .strictObject({ ...v3Shape, messageServerId: z.string().optional() })
  .meta({ id: 'BroadcastV4', description: 'messageBroadcast V4: an updated action (PATCH /action/:id).' });

/** V5: a message posted over REST (channel POST with websocket transport, ingest-external). */
export const BroadcastV5 = z
  .strictObject({
    id: Uuid,
    senderId: Uuid,
    senderName: z.string(),
    text: z.string(),
    roomId: Uuid,
    messageServerId: Uuid,
    createdAt: EpochMs,
    source: z.string().optional().describe("always from a channel POST (its source_type, default 'eliza_gui'); from ingest-external only when the body has source_type"),
  })
  .meta({ id: 'BroadcastV5', description: 'messageBroadcast V5: a message posted over REST.' });

/** The documented broadcast: one shape for every producer, carrying both `channelId` and `roomId`. */
export const DocumentedBroadcast = z
  .strictObject({
    id: Uuid,
    senderId: Uuid,
    senderName: z.string(),
    text: z.string(),
    channelId: Uuid,
    roomId: Uuid,
    messageServerId: Uuid.optional(),
    createdAt: EpochMs,
    source: z.string().optional(),
    metadata: Metadata.optional(),
    attachments: z.array(Media).optional(),
    clientMessageId: z.string().optional(),
    thought: z.string().optional(),
    actions: z.array(z.string()).optional(),
  })
  .meta({ id: 'DocumentedBroadcast', description: 'messageBroadcast, documented: one shape for users and agents.' });

export const MessageAck = z
  .strictObject({
    clientMessageId: z.string().optional(),
    messageId: Uuid,
    status: z.literal('received_by_server_and_processing'),
    channelId: Uuid,
    roomId: Uuid,
  })
  .meta({ id: 'MessageAck' });

export const MessageError = z.strictObject({ error: z.string().min(1) }).meta({ id: 'MessageError' });
export const DocumentedMessageError = z
  .strictObject({ error: z.string().min(1), code: z.string().optional(), details: z.unknown().optional() })
  .meta({ id: 'DocumentedMessageError' });

export const StreamChunk = z
  .strictObject({ messageId: Uuid, chunk: z.string(), index: z.number().int().nonnegative(), agentId: Uuid, channelId: Uuid })
  .meta({ id: 'StreamChunk' });

export const StreamError = z
  .strictObject({ messageId: Uuid, channelId: Uuid, agentId: Uuid, error: z.string(), partialText: z.string().optional() })
  .meta({ id: 'StreamError' });

export const MessageDeleted = z.strictObject({ messageId: Uuid, channelId: Uuid }).meta({ id: 'MessageDeleted' });
export const ChannelRef = z.strictObject({ channelId: Uuid }).meta({ id: 'ChannelRef' });
export const ChannelUpdated = z.strictObject({ channelId: Uuid, updates: Channel }).meta({ id: 'ChannelUpdated' });

export const LogStream = z
  .strictObject({
    type: z.literal('log_entry'),
    payload: z.looseObject({ time: EpochMs, level: z.number().optional(), msg: z.string() }),
  })
  .meta({ id: 'LogStream' });

export const LogSubscription = z
  .strictObject({ subscribed: z.boolean(), message: z.string() })
  .meta({ id: 'LogSubscription' });

export const LogFiltersUpdated = z
  .union([
    z.strictObject({ success: z.literal(true), filters: LogFilters }),
    z.strictObject({ success: z.literal(false), error: z.literal('Not subscribed to log stream') }),
  ])
  .meta({ id: 'LogFiltersUpdated' });

export const Authenticated = z.strictObject({ entityId: Uuid, timestamp: EpochMs }).meta({ id: 'Authenticated' });
export const ConnectionEstablished = z
  .strictObject({ message: z.string(), socketId: z.string() })
  .meta({ id: 'ConnectionEstablished' });

/** What a `connect_error` carries: the Error's message (and `data`, which 1.7.2 leaves undefined). */
export const ConnectError = z
  .strictObject({ message: z.string(), data: z.unknown().optional() })
  .meta({ id: 'ConnectError' });

export const MessageComplete = z
  .strictObject({ messageId: Uuid, channelId: Uuid, roomId: Uuid })
  .meta({ id: 'MessageComplete' });

export const ControlMessage = z
  .strictObject({ action: z.enum(['enable_input', 'disable_input']), target: z.string().optional(), channelId: Uuid, roomId: Uuid })
  .meta({ id: 'ControlMessage' });

export const Presence = z
  .strictObject({ userId: Uuid, roomId: Uuid, channelId: Uuid.optional() })
  .meta({ id: 'Presence' });

export const UserTyping = z
  .strictObject({ userId: Uuid, roomId: Uuid, isTyping: z.boolean(), channelId: Uuid.optional() })
  .meta({ id: 'UserTyping' });
