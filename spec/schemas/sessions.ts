import { z } from 'zod';
import { EpochMs, IsoDateTime, Metadata, Uuid } from './primitives.js';

const minutes = z.union([z.number(), z.string()]);

/** Timeout settings as a client may send them (numbers or numeric strings). */
export const TimeoutConfigInput = z
  .strictObject({
    timeoutMinutes: minutes.optional(),
    autoRenew: z.boolean().optional(),
    maxDurationMinutes: minutes.optional(),
    warningThresholdMinutes: minutes.optional(),
  })
  .meta({ id: 'TimeoutConfigInput' });

export const TimeoutConfig = z
  .strictObject({
    timeoutMinutes: z.number(),
    autoRenew: z.boolean(),
    maxDurationMinutes: z.number(),
    warningThresholdMinutes: z.number(),
  })
  .meta({ id: 'TimeoutConfig' });

export const SessionCreated = z
  .strictObject({
    sessionId: Uuid,
    channelId: Uuid,
    agentId: Uuid,
    userId: Uuid,
    createdAt: IsoDateTime,
    metadata: Metadata,
    expiresAt: IsoDateTime,
    timeoutConfig: TimeoutConfig,
  })
  .meta({ id: 'SessionCreated' });

export const SessionInfo = z
  .strictObject({
    sessionId: Uuid,
    channelId: Uuid,
    agentId: Uuid,
    userId: Uuid,
    createdAt: IsoDateTime,
    lastActivity: IsoDateTime,
    metadata: Metadata,
    expiresAt: IsoDateTime,
    timeoutConfig: TimeoutConfig,
    renewalCount: z.number().int().nonnegative(),
    timeRemaining: z.number(),
    isNearExpiration: z.boolean(),
  })
  .meta({ id: 'SessionInfo' });

export const SessionStatus = z
  .strictObject({
    expiresAt: IsoDateTime,
    renewalCount: z.number().int().nonnegative(),
    wasRenewed: z.boolean(),
    isNearExpiration: z.boolean(),
  })
  .meta({ id: 'SessionStatus' });

export const SessionMessage = z
  .strictObject({
    id: Uuid,
    content: z.string(),
    authorId: Uuid,
    isAgent: z.boolean(),
    createdAt: IsoDateTime,
    metadata: Metadata,
  })
  .meta({ id: 'SessionMessage' });

export const SessionMessagesPage = z
  .strictObject({
    messages: z.array(SessionMessage),
    hasMore: z.boolean(),
    cursors: z.strictObject({ before: EpochMs, after: EpochMs }).optional(),
  })
  .meta({ id: 'SessionMessagesPage' });
