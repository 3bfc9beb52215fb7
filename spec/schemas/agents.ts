import { z } from 'zod';
import { ChannelType, EpochMs, IsoDateTime, Metadata, Uuid } from './primitives.js';

export const AgentStatus = z.enum(['active', 'inactive']).meta({ id: 'AgentStatus' });

/** One row of `GET /api/agents`. `bio` is the first element of the stored bio. */
export const AgentSummary = z
  .strictObject({
    id: Uuid,
    name: z.string(),
    characterName: z.string(),
    bio: z.string(),
    status: AgentStatus,
  })
  .meta({ id: 'AgentSummary' });

/** A character as `POST /api/agents` validates it (core character schema). */
export const Character = z
  .looseObject({
    id: Uuid.optional(),
    name: z.string().min(1),
    username: z.string().optional(),
    system: z.string().optional(),
    templates: z.record(z.string(), z.unknown()).optional(),
    bio: z.union([z.string(), z.array(z.string())]),
    messageExamples: z.array(z.unknown()).optional(),
    postExamples: z.array(z.string()).optional(),
    topics: z.array(z.string()).optional(),
    adjectives: z.array(z.string()).optional(),
    knowledge: z.array(z.unknown()).optional(),
    plugins: z.array(z.string()).optional(),
    settings: Metadata.optional(),
    secrets: Metadata.optional(),
    style: Metadata.optional(),
  })
  .meta({ id: 'Character' });

/** A stored agent (database record): character fields, timestamps and database extras. */
export const Agent = z
  .looseObject({
    id: Uuid,
    name: z.string(),
    username: z.string().optional(),
    bio: z.union([z.string(), z.array(z.string())]).optional(),
    enabled: z.boolean().optional(),
    createdAt: EpochMs,
    updatedAt: EpochMs,
    plugins: z.array(z.string()).optional(),
    settings: Metadata.optional(),
  })
  .meta({ id: 'Agent' });

/** A stored agent with its running status. */
export const AgentWithStatus = Agent.extend({ status: AgentStatus }).meta({ id: 'AgentWithStatus' });

export const World = z
  .looseObject({
    id: Uuid,
    name: z.string().optional(),
    agentId: Uuid,
    messageServerId: Uuid.nullable().optional(),
    metadata: Metadata.nullable().optional(),
    createdAt: z.union([IsoDateTime, EpochMs]).optional(),
  })
  .meta({ id: 'World' });

export const Log = z
  .looseObject({
    id: Uuid,
    entityId: Uuid,
    roomId: Uuid.nullable().optional(),
    body: Metadata,
    type: z.string(),
    createdAt: IsoDateTime,
  })
  .meta({ id: 'Log' });

export const RunStatus = z.enum(['started', 'completed', 'timeout', 'error']).meta({ id: 'RunStatus' });

export const RunSummary = z
  .looseObject({
    runId: Uuid,
    status: RunStatus,
    startedAt: EpochMs.nullable(),
    endedAt: EpochMs.nullable(),
    durationMs: z.number().nullable(),
    messageId: Uuid.optional(),
    roomId: Uuid.optional(),
    entityId: Uuid.optional(),
    metadata: Metadata,
    counts: z
      .strictObject({ actions: z.number(), modelCalls: z.number(), errors: z.number(), evaluators: z.number() })
      .optional(),
  })
  .meta({ id: 'RunSummary' });

export const RunEvent = z
  .strictObject({
    type: z.enum([
      'RUN_STARTED',
      'RUN_ENDED',
      'ACTION_STARTED',
      'ACTION_COMPLETED',
      'MODEL_USED',
      'EVALUATOR_COMPLETED',
      'EMBEDDING_EVENT',
    ]),
    timestamp: EpochMs,
    data: Metadata,
  })
  .meta({ id: 'RunEvent' });

/** A plugin panel of an agent. */
export const Panel = z.strictObject({ name: z.string(), path: z.string() }).meta({ id: 'Panel' });

export { ChannelType };
