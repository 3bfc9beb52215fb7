import { z } from 'zod';
import { CentralMessage } from '../schemas/messaging.js';
import { E5Error } from '../schemas/envelopes.js';
import { Metadata, NonEmpty, Uuid } from '../schemas/primitives.js';
import { defineOperation, type ErrorInput } from './define.js';
import { lv } from './levels.js';

/** The body agents post their replies with (snake_case). */
export const SubmitBody = z
  .object({
    channel_id: Uuid,
    message_server_id: Uuid,
    author_id: Uuid,
    content: NonEmpty,
    source_type: NonEmpty,
    raw_message: z.unknown(),
    messageId: Uuid.optional(),
    in_reply_to_message_id: Uuid.optional(),
    metadata: z.looseObject({ agentName: z.string().optional(), attachments: z.unknown().optional() }).optional(),
  })
  .meta({ id: 'SubmitBody' });

const missingSubmitFields: ErrorInput = {
  status: 400,
  code: 'VALIDATION_ERROR',
  message: 'Missing required fields: channel_id, message_server_id, author_id, content, source_type, raw_message',
};
const badReplyTo: ErrorInput = { status: 400, code: 'INVALID_ID', message: 'Invalid in_reply_to_message_id format' };
const isolation: ErrorInput = {
  status: 403,
  code: 'FORBIDDEN',
  message: 'Forbidden: message_server_id does not match current server',
  when: 'data isolation is on and message_server_id is not the current server',
};

export const messagingCoreOperations = [
  defineOperation({
    id: 'messaging.submit',
    method: 'POST',
    path: '/api/messaging/submit',
    summary: 'Post an agent reply (broadcast to the channel room as messageBroadcast V2)',
    profiles: lv('SHOULD', 'MUST'),
    style: 'E2',
    probed: true,
    body: SubmitBody,
    success: { status: 201, data: CentralMessage },
    errors: [missingSubmitFields, badReplyTo, { status: 400, code: 'INVALID_ID', message: 'Invalid messageId format' }, isolation, { status: 500, code: 'INTERNAL_ERROR', message: 'Failed to submit agent message' }],
  }),
  defineOperation({
    id: 'messaging.action.create',
    method: 'POST',
    path: '/api/messaging/action',
    summary: 'Post an agent action message (broadcast as messageBroadcast V3)',
    profiles: lv('SHOULD', 'MUST'),
    style: 'E2',
    probed: true,
    body: SubmitBody,
    success: { status: 201, data: CentralMessage },
    errors: [missingSubmitFields, badReplyTo, isolation, { status: 500, code: 'INTERNAL_ERROR', message: 'Failed to create action' }],
  }),
  defineOperation({
    id: 'messaging.action.update',
    method: 'PATCH',
    path: '/api/messaging/action/:id',
    summary: 'Update an action message (broadcast as messageBroadcast V4)',
    profiles: lv('SHOULD', 'MUST'),
    style: 'E2',
    probed: true,
    params: { id: Uuid },
    body: z.object({
      content: z.string().optional(),
      raw_message: z.unknown().optional(),
      source_type: z.string().optional(),
      in_reply_to_message_id: Uuid.optional(),
      metadata: Metadata.optional(),
      author_id: Uuid.optional(),
      server_message_id: z.string().optional(),
    }),
    success: { status: 200, data: CentralMessage },
    errors: [
      { status: 400, code: 'INVALID_ID', message: 'Invalid message id' },
      badReplyTo,
      { status: 400, code: 'INVALID_ID', message: 'Invalid author_id format' },
      { status: 404, code: 'NOT_FOUND', message: 'Message not found' },
      { status: 500, code: 'INTERNAL_ERROR', message: 'Failed to update action' },
    ],
  }),
  defineOperation({
    id: 'messaging.ingest-external',
    method: 'POST',
    path: '/api/messaging/ingest-external',
    summary: 'Ingest a message from an external platform (bus + messageBroadcast V5)',
    profiles: lv('SHOULD', 'MUST'),
    style: 'E2',
    probed: true,
    body: z.object({
      channel_id: NonEmpty,
      message_server_id: NonEmpty,
      author_id: NonEmpty,
      content: NonEmpty,
      author_display_name: z.string().optional(),
      raw_message: z.unknown().optional(),
      source_id: z.string().optional(),
      source_type: z.string().optional(),
      in_reply_to_message_id: z.string().optional(),
      metadata: Metadata.optional(),
    }),
    success: {
      status: 202,
      data: z.strictObject({ messageId: Uuid }),
      releases: { 'elizaos-1.7': { body: z.strictObject({ success: z.literal(true), message: z.literal('Message ingested and published to bus'), data: z.strictObject({ messageId: Uuid }) }) } },
    },
    errors: [
      { status: 400, code: 'VALIDATION_ERROR', message: 'Invalid external message payload' },
      { status: 500, code: 'INTERNAL_ERROR', message: 'Failed to ingest message' },
    ],
  }),
  defineOperation({
    id: 'messaging.complete',
    method: 'POST',
    path: '/api/messaging/complete',
    summary: 'Mark the processing of a message complete (documented: emits messageComplete to the room)',
    description: 'elizaos-1.7: the route does not exist (404 E5), although agents call it after every message.',
    profiles: lv('SHOULD', 'MUST'),
    style: 'E2',
    probed: true,
    body: z.object({ channel_id: Uuid, message_server_id: Uuid }),
    success: { status: 200, data: z.strictObject({ channelId: Uuid }), profiles: lv('SHOULD', undefined) },
    errors: [
      { status: 400, code: 'VALIDATION_ERROR', message: 'channel_id is required', profiles: lv('SHOULD', undefined) },
      {
        status: 404,
        code: 'NOT_FOUND',
        message: 'API endpoint not found',
        releases: { 'elizaos-1.7': { body: E5Error, code: 404, envelope: 'E5' } },
        profiles: lv(undefined, 'MUST'),
        when: 'always: no such route',
      },
    ],
  }),
];
