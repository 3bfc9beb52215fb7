import { z } from 'zod';

/**
 * A UUID as ElizaOS core's `validateUuid` accepts it: any version, any case, the nil UUID included.
 * The pattern spells out both cases because JSON Schema has no regex flags.
 */
export const Uuid = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/)
  .meta({ id: 'Uuid', description: 'A UUID of any version (ElizaOS `validateUuid`).', examples: ['2d6f0a63-7c5e-4d3b-9f7a-0b1c2d3e4f50'] });

/** The id of the default message server. */
export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** Milliseconds since the Unix epoch, as socket payloads and `*_at` fields carry them. */
export const EpochMs = z
  .number()
  .int()
  .nonnegative()
  .meta({ id: 'EpochMs', description: 'Milliseconds since the Unix epoch.', examples: [1763700000000] });

/** An ISO 8601 timestamp, as database-backed objects serialise `createdAt`/`updatedAt`. */
export const IsoDateTime = z.iso
  .datetime({ offset: true })
  .meta({ id: 'IsoDateTime', description: 'An ISO 8601 date-time.', examples: ['2026-11-21T04:05:00.000Z'] });

/** Free-form metadata object. */
export const Metadata = z.record(z.string(), z.unknown()).meta({ id: 'Metadata', description: 'Free-form metadata.' });

/** ElizaOS core `ChannelType`. */
export const ChannelType = z
  .enum(['SELF', 'DM', 'GROUP', 'VOICE_DM', 'VOICE_GROUP', 'FEED', 'THREAD', 'WORLD', 'FORUM', 'API'])
  .meta({ id: 'ChannelType' });

/** A non-empty string. */
export const NonEmpty = z.string().min(1);

/** A binary file part of a multipart body. */
export const FilePart = z.file().meta({ description: 'A file part (multipart/form-data).' });
