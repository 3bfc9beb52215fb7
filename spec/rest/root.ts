import { z } from 'zod';
import { IsoDateTime, Uuid } from '../schemas/primitives.js';
import { defineOperation } from './define.js';
import { lv } from './levels.js';

const HealthBody = z
  .strictObject({
    status: z.enum(['OK', 'DEGRADED']),
    version: z.string(),
    timestamp: IsoDateTime,
    dependencies: z.strictObject({ agents: z.enum(['healthy', 'no_agents']) }),
    agentCount: z.number().int().nonnegative(),
  })
  .meta({ id: 'Health' });

const fileErrors = (idName: string) => [
  { status: 400, code: 'INVALID_ID' as const, message: `Invalid ${idName} ID format` },
  { status: 403, code: 'FORBIDDEN' as const, message: 'Access denied' },
  { status: 404, code: 'NOT_FOUND' as const, message: 'File not found' },
];

const FILE = z.string().meta({ description: 'The file bytes.', format: 'binary' });

export const rootOperations = [
  defineOperation({
    id: 'root.healthz',
    method: 'GET',
    path: '/healthz',
    summary: 'Liveness probe',
    profiles: lv('SHOULD', 'MUST'),
    style: 'root',
    probed: true,
    success: { status: 200, data: z.strictObject({ status: z.literal('ok'), timestamp: IsoDateTime }).meta({ id: 'Healthz' }) },
    errors: [{ status: 429, code: 'RATE_LIMIT_EXCEEDED', releases: { 'elizaos-1.7': { envelope: 'text' } }, when: 'over 100 requests/min from a non-private address' }],
  }),
  defineOperation({
    id: 'root.health',
    method: 'GET',
    path: '/health',
    summary: 'Health with agent count; 503 DEGRADED when no agent runs',
    profiles: lv('SHOULD', 'MUST'),
    style: 'root',
    probed: true,
    success: [
      { status: 200, data: HealthBody, description: 'OK: at least one agent runs' },
      { status: 503, data: HealthBody, description: 'DEGRADED: no agent runs', when: 'no agent is running' },
    ],
    errors: [{ status: 429, code: 'RATE_LIMIT_EXCEEDED', releases: { 'elizaos-1.7': { envelope: 'text' } }, when: 'over 100 requests/min from a non-private address' }],
  }),
  defineOperation({
    id: 'root.media.agent-upload',
    method: 'GET',
    path: '/media/uploads/agents/:agentId/:filename',
    summary: 'A file uploaded for an agent',
    profiles: lv('SHOULD', 'MUST'),
    style: 'root',
    probed: true,
    params: { agentId: Uuid, filename: z.string() },
    success: { status: 200, data: FILE, contentType: 'application/octet-stream' },
    errors: fileErrors('agent'),
  }),
  defineOperation({
    id: 'root.media.generated',
    method: 'GET',
    path: '/media/generated/:agentId/:filename',
    summary: 'A file an agent generated',
    profiles: lv('MAY', 'SHOULD'),
    style: 'root',
    params: { agentId: Uuid, filename: z.string() },
    success: { status: 200, data: FILE, contentType: 'application/octet-stream' },
    errors: fileErrors('agent'),
  }),
  defineOperation({
    id: 'root.media.channel-upload',
    method: 'GET',
    path: '/media/uploads/channels/:channelId/:filename',
    summary: 'A file uploaded to a channel',
    description:
      'elizaos-1.7: files are read from `<uploads/agents>/channels/<id>` but written to `<uploads/channels>/<id>`, so a freshly uploaded channel file answers 404.',
    profiles: lv('SHOULD', 'MUST'),
    style: 'root',
    probed: true,
    params: { channelId: Uuid, filename: z.string() },
    success: { status: 200, data: FILE, contentType: 'application/octet-stream', profiles: lv('SHOULD', 'MAY') },
    errors: [
      { status: 400, code: 'INVALID_ID', message: 'Invalid channel ID format' },
      { status: 404, code: 'NOT_FOUND', message: 'File not found', when: 'elizaos-1.7: also for every freshly uploaded file (path bug)' },
    ],
  }),
];
