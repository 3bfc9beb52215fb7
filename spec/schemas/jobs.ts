import { z } from 'zod';
import { EpochMs, Metadata, Uuid } from './primitives.js';

export const JobStatus = z.enum(['pending', 'processing', 'completed', 'failed', 'timeout']).meta({ id: 'JobStatus' });

export const JobDetails = z
  .strictObject({
    jobId: Uuid,
    status: JobStatus,
    agentId: Uuid,
    userId: Uuid,
    prompt: z.string(),
    createdAt: EpochMs,
    expiresAt: EpochMs,
    result: z
      .strictObject({
        message: z.looseObject({
          id: Uuid,
          content: z.string(),
          authorId: Uuid,
          createdAt: EpochMs,
          metadata: Metadata.optional(),
        }),
        processingTimeMs: z.number().nonnegative(),
      })
      .optional(),
    error: z.string().optional(),
    metadata: Metadata,
  })
  .meta({ id: 'JobDetails' });

export const JobCreated = z
  .strictObject({ jobId: Uuid, status: JobStatus, createdAt: EpochMs, expiresAt: EpochMs })
  .meta({ id: 'JobCreated' });
