import { z } from 'zod';
import { E5Error } from '../schemas/envelopes.js';
import { UploadedMedia } from '../schemas/messaging.js';
import { FilePart, Uuid } from '../schemas/primitives.js';
import { defineOperation, multipartFile, type ErrorInput } from './define.js';
import { lv } from './levels.js';

/** Audio MIME types 1.7.2 accepts. */
export const ALLOWED_AUDIO = [
  'audio/mpeg', 'audio/mp3', 'audio/wav', 'audio/ogg', 'audio/webm', 'audio/mp4', 'audio/aac', 'audio/flac', 'audio/x-wav', 'audio/wave',
] as const;

/** Media MIME types 1.7.2 accepts for uploads. */
export const ALLOWED_MEDIA = [
  ...ALLOWED_AUDIO, 'image/jpeg', 'image/png', 'image/gif', 'image/webp', 'video/mp4', 'video/webm', 'application/pdf', 'text/plain',
] as const;

/** The largest upload 1.7.2 accepts: 50 MiB. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

const agentId = { agentId: Uuid };
const invalidAgent: ErrorInput = { status: 400, code: 'INVALID_ID', message: 'Invalid agent ID format' };
const agentNotFound: ErrorInput = { status: 404, code: 'NOT_FOUND', message: 'Agent not found' };
const processing: ErrorInput = { status: 500, code: 'INTERNAL_ERROR', releases: { 'elizaos-1.7': { code: 'PROCESSING_ERROR' } } };
const badMime = (message: string): ErrorInput => ({
  status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', releases: { 'elizaos-1.7': { status: 500, body: E5Error, code: 500, envelope: 'E5' } }, message, when: 'the MIME type is not allowed',
});
const AUDIO = z.string().meta({ description: 'The audio bytes.', format: 'binary' });
const TextBody = z.object({ text: z.string().min(1) });

const audioUploadErrors: ErrorInput[] = [
  invalidAgent,
  { status: 400, code: 'VALIDATION_ERROR', releases: { 'elizaos-1.7': { code: 'INVALID_REQUEST' } }, message: 'No audio file provided' },
  agentNotFound,
  badMime('Invalid audio file type'),
  { status: 413, code: 'PAYLOAD_TOO_LARGE', releases: { 'elizaos-1.7': { code: 'FILE_TOO_LARGE' } } },
  processing,
];

const speech = <const I extends string>(id: I, path: string, summary: string, body: z.ZodType, message: string) =>
  defineOperation({
    id,
    method: 'POST',
    path,
    summary,
    profiles: lv('SHOULD', 'SHOULD'),
    style: 'E1',
    params: agentId,
    body,
    success: [
      { status: 200, data: AUDIO, contentType: 'audio/mpeg' },
      { status: 200, data: AUDIO, contentType: 'audio/wav' },
    ],
    errors: [invalidAgent, { status: 400, code: 'VALIDATION_ERROR', releases: { 'elizaos-1.7': { code: 'INVALID_REQUEST' } }, message }, agentNotFound, processing],
  });

export const audioOperations = [
  defineOperation({
    id: 'audio.audio-messages.create',
    method: 'POST',
    path: '/api/audio/:agentId/audio-messages',
    summary: 'Upload an audio message for transcription',
    profiles: lv('SHOULD', 'SHOULD'),
    style: 'E1',
    params: agentId,
    body: multipartFile(FilePart),
    success: { status: 200, data: z.strictObject({ transcription: z.string(), message: z.string() }) },
    errors: audioUploadErrors,
  }),
  defineOperation({
    id: 'audio.transcriptions.create',
    method: 'POST',
    path: '/api/audio/:agentId/transcriptions',
    summary: 'Transcribe an audio file',
    profiles: lv('SHOULD', 'SHOULD'),
    style: 'E1',
    params: agentId,
    body: multipartFile(FilePart),
    success: { status: 200, data: z.strictObject({ text: z.string() }) },
    errors: audioUploadErrors,
  }),
  speech('audio.audio-messages.synthesize', '/api/audio/:agentId/audio-messages/synthesize', 'Synthesise speech from text', TextBody, 'Text is required for speech synthesis'),
  speech('audio.speech.generate', '/api/audio/:agentId/speech/generate', 'Generate speech from text', TextBody, 'Text is required for speech synthesis'),
  speech(
    'audio.speech.conversation',
    '/api/audio/:agentId/speech/conversation',
    "Speak the agent's reply to a text",
    z.object({
      text: z.string().min(1),
      roomId: z.string().optional(),
      entityId: z.string().optional(),
      worldId: Uuid.optional(),
      userName: z.string().optional(),
      name: z.string().optional(),
    }),
    'Text is required for conversation',
  ),
];

export const mediaOperations = [
  defineOperation({
    id: 'media.agents.upload',
    method: 'POST',
    path: '/api/media/agents/:agentId/upload-media',
    summary: 'Upload a media file for an agent (served at /media/uploads/agents/...)',
    profiles: lv('SHOULD', 'MUST'),
    style: 'E1',
    probed: true,
    params: agentId,
    body: multipartFile(FilePart),
    success: { status: 200, data: UploadedMedia.extend({ type: z.enum(['image', 'video', 'audio', 'document']) }).meta({ id: 'UploadedAgentMedia' }) },
    errors: [
      invalidAgent,
      { status: 400, code: 'VALIDATION_ERROR', releases: { 'elizaos-1.7': { code: 'INVALID_REQUEST' } }, message: 'No media file provided' },
      badMime('Invalid file type'),
      { status: 500, code: 'INTERNAL_ERROR', releases: { 'elizaos-1.7': { code: 'UPLOAD_ERROR' } } },
    ],
  }),
  defineOperation({
    id: 'media.channels.upload',
    method: 'POST',
    path: '/api/media/channels/:channelId/upload-media',
    summary: 'Upload a media file to a channel',
    profiles: lv('SHOULD', 'MUST'),
    style: 'E2',
    probed: true,
    params: { channelId: Uuid },
    body: multipartFile(FilePart),
    success: { status: 200, data: UploadedMedia },
    errors: [
      { status: 400, code: 'INVALID_ID', message: 'Invalid channelId format' },
      { status: 400, code: 'VALIDATION_ERROR', message: 'No media file provided' },
      badMime('Invalid file type'),
      { status: 429, code: 'RATE_LIMIT_EXCEEDED', message: 'Too many requests, please try again later.', when: 'over 100 uploads per 15 min' },
    ],
  }),
];

