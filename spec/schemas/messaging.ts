import { z } from 'zod';
import { ChannelType, EpochMs, IsoDateTime, Metadata, Uuid } from './primitives.js';

/** An attachment (core `Media`). */
export const Media = z
  .looseObject({
    id: z.string(),
    url: z.string(),
    title: z.string().optional(),
    source: z.string().optional(),
    description: z.string().optional(),
    text: z.string().optional(),
    contentType: z.string().optional(),
  })
  .meta({ id: 'Media' });

/** A message server (plugin-sql row). The default one has the nil UUID and `sourceType: "eliza_default"`. */
export const MessageServer = z
  .looseObject({
    id: Uuid,
    name: z.string(),
    sourceType: z.string(),
    sourceId: z.string().optional(),
    metadata: Metadata.nullable().optional(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'MessageServer' });

/** A channel (plugin-sql row). No participant list: use the participants route. */
export const Channel = z
  .looseObject({
    id: Uuid,
    messageServerId: Uuid,
    name: z.string(),
    type: ChannelType,
    sourceType: z.string().nullable().optional(),
    sourceId: z.string().nullable().optional(),
    topic: z.string().nullable().optional(),
    metadata: Metadata.nullable().optional(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'Channel' });

/** A stored message (plugin-sql `central_messages` row). */
export const CentralMessage = z
  .looseObject({
    id: Uuid,
    channelId: Uuid,
    authorId: Uuid,
    content: z.string(),
    rawMessage: z.unknown().optional(),
    sourceType: z.string().nullable().optional(),
    sourceId: z.string().nullable().optional(),
    metadata: Metadata.nullable().optional(),
    inReplyToRootMessageId: Uuid.nullable().optional(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'CentralMessage' });

/** A message as `GET /channels/:id/messages` returns it: a CentralMessage plus epoch-ms timestamps. */
export const GuiMessage = CentralMessage.extend({
  created_at: EpochMs,
  updated_at: EpochMs,
}).meta({ id: 'GuiMessage' });

/** The message bus shape (snake_case), returned as `userMessage` by message POSTs. */
export const BusMessage = z
  .looseObject({
    id: Uuid,
    channel_id: Uuid,
    message_server_id: Uuid,
    author_id: Uuid,
    content: z.string(),
    created_at: EpochMs,
    source_type: z.string().optional(),
    raw_message: z.unknown().optional(),
    metadata: Metadata.optional(),
    author_display_name: z.string().optional(),
    in_reply_to_message_id: Uuid.optional(),
    source_id: z.string().optional(),
  })
  .meta({ id: 'BusMessage' });

/** An agent's response content (core `Content`). */
export const Content = z
  .looseObject({
    text: z.string().optional(),
    thought: z.string().optional(),
    actions: z.array(z.string()).optional(),
    providers: z.array(z.string()).optional(),
    source: z.string().optional(),
    target: z.string().optional(),
    url: z.string().optional(),
    inReplyTo: Uuid.optional(),
    attachments: z.array(Media).optional(),
    channelType: z.string().optional(),
    simple: z.boolean().optional(),
    responseId: Uuid.optional(),
  })
  .meta({ id: 'Content' });

/** What an upload answers with. */
export const UploadedMedia = z
  .strictObject({
    url: z.string(),
    type: z.string(),
    filename: z.string(),
    originalName: z.string(),
    size: z.number().int().nonnegative(),
  })
  .meta({ id: 'UploadedMedia' });
