import { z } from 'zod';
import { ChannelType, EpochMs, Metadata, Uuid } from './primitives.js';
import { Content } from './messaging.js';

export const Memory = z
  .looseObject({
    id: Uuid.optional(),
    entityId: Uuid,
    agentId: Uuid.optional(),
    roomId: Uuid,
    worldId: Uuid.nullable().optional(),
    content: Content,
    embedding: z.array(z.number()).optional(),
    createdAt: EpochMs.optional(),
    unique: z.boolean().optional(),
    similarity: z.number().optional(),
    metadata: Metadata.nullable().optional(),
  })
  .meta({ id: 'Memory' });

export const Room = z
  .looseObject({
    id: Uuid,
    name: z.string().nullable().optional(),
    agentId: Uuid.nullable().optional(),
    source: z.string(),
    type: ChannelType,
    channelId: z.string().nullable().optional(),
    messageServerId: Uuid.nullable().optional(),
    serverId: Uuid.nullable().optional(),
    worldId: Uuid.nullable().optional(),
    metadata: Metadata.nullable().optional(),
  })
  .meta({ id: 'Room' });

/** What `POST /api/memory/:agentId/rooms` answers with. */
export const CreatedRoom = z
  .looseObject({
    id: Uuid,
    name: z.string(),
    agentId: Uuid,
    createdAt: EpochMs,
    source: z.string(),
    type: ChannelType,
    worldId: Uuid,
    messageServerId: Uuid.optional(),
    metadata: Metadata.optional(),
  })
  .meta({ id: 'CreatedRoom' });

/** A room created for a group (`POST /api/memory/groups/:messageServerId`). */
export const GroupRoom = z
  .looseObject({ id: Uuid, name: z.string(), source: z.string(), worldId: Uuid, type: ChannelType })
  .meta({ id: 'GroupRoom' });
