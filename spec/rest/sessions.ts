import { z } from 'zod';
import { BusMessage, Content } from '../schemas/messaging.js';
import { SuccessMessage } from '../schemas/envelopes.js';
import {
  SessionCreated,
  SessionInfo,
  SessionMessagesPage,
  SessionStatus,
  TimeoutConfigInput,
} from '../schemas/sessions.js';
import { EpochMs, IsoDateTime, Metadata, Uuid } from '../schemas/primitives.js';
import { JobCreated, JobDetails, JobStatus } from '../schemas/jobs.js';
import { LegacyMode, Transport } from './channels.js';
import { defineOperation, type ErrorInput } from './define.js';
import { lv } from './levels.js';

const sessionId = { sessionId: Uuid };
const notFound: ErrorInput = { status: 404, code: 'NOT_FOUND', releases: { 'elizaos-1.7': { code: 'SESSION_NOT_FOUND' } }, message: "Session with ID '<id>' not found" };
const expired: ErrorInput = { status: 410, code: 'GONE', releases: { 'elizaos-1.7': { code: 'SESSION_EXPIRED' } }, when: 'the session expired' };
const internal: ErrorInput = { status: 500, code: 'INTERNAL_ERROR', releases: { 'elizaos-1.7': { code: 'INTERNAL_SERVER_ERROR' } } };

const SessionSendData = z.strictObject({
  userMessage: BusMessage,
  agentResponse: Content.optional(),
  sessionStatus: SessionStatus,
});

export const sessionOperations = [
  defineOperation({
    id: 'messaging.sessions.health',
    method: 'GET',
    path: '/api/messaging/sessions/health',
    summary: 'Session service health',
    profiles: lv('SHOULD', 'MUST'),
    style: 'E4',
    probed: true,
    success: {
      status: 200,
      data: z.strictObject({
        status: z.literal('healthy'),
        activeSessions: z.number().int().nonnegative(),
        timestamp: IsoDateTime,
        expiringSoon: z.number().int().nonnegative(),
        invalidSessions: z.number().int().nonnegative().optional(),
        uptime: z.number().nonnegative(),
      }),
    },
  }),
  defineOperation({
    id: 'messaging.sessions.create',
    method: 'POST',
    path: '/api/messaging/sessions',
    summary: 'Create a session with a running agent (a DM channel `session-<id>`)',
    profiles: lv('SHOULD', 'MUST'),
    style: 'E4',
    probed: true,
    body: z.object({ agentId: Uuid, userId: Uuid, metadata: Metadata.optional(), timeoutConfig: TimeoutConfigInput.optional() }),
    success: { status: 201, data: SessionCreated },
    errors: [
      { status: 400, code: 'VALIDATION_ERROR', message: 'Missing required fields: agentId, userId' },
      { status: 400, code: 'VALIDATION_ERROR', message: "Invalid UUID format for field 'agentId'" },
      { status: 404, code: 'NOT_FOUND', releases: { 'elizaos-1.7': { code: 'AGENT_NOT_FOUND' } } },
      { status: 500, code: 'INTERNAL_ERROR', releases: { 'elizaos-1.7': { code: 'SESSION_CREATION_FAILED' } } },
    ],
  }),
  defineOperation({
    id: 'messaging.sessions.list',
    method: 'GET',
    path: '/api/messaging/sessions',
    summary: 'All sessions with statistics',
    profiles: lv('SHOULD', 'MUST'),
    style: 'E4',
    probed: true,
    success: {
      status: 200,
      data: z.strictObject({
        sessions: z.array(SessionInfo),
        total: z.number().int().nonnegative(),
        stats: z.strictObject({ totalSessions: z.number().int(), activeSessions: z.number().int(), expiredSessions: z.number().int() }),
      }),
    },
    errors: [internal],
  }),
  defineOperation({
    id: 'messaging.sessions.get',
    method: 'GET',
    path: '/api/messaging/sessions/:sessionId',
    summary: 'One session',
    profiles: lv('SHOULD', 'MUST'),
    style: 'E4',
    probed: true,
    params: sessionId,
    success: { status: 200, data: SessionInfo },
    errors: [notFound, expired],
  }),
  defineOperation({
    id: 'messaging.sessions.messages.create',
    method: 'POST',
    path: '/api/messaging/sessions/:sessionId/messages',
    summary: 'Send a message in a session; the reply comes by socket (channel room), HTTP or SSE',
    profiles: lv('SHOULD', 'MUST'),
    style: 'E4',
    probed: true,
    params: sessionId,
    body: z.object({
      content: z.string().min(1).max(4000),
      attachments: z.array(z.object({ type: z.string(), url: z.string(), name: z.string().optional() })).optional(),
      metadata: Metadata.optional(),
      transport: Transport.optional(),
      mode: LegacyMode.optional(),
    }),
    success: [
      {
        status: 201,
        data: SessionSendData,
        releases: { 'elizaos-1.7': { body: z.strictObject({ success: z.literal(true), userMessage: BusMessage, agentResponse: Content.optional(), sessionStatus: SessionStatus }) } },
      },
      { status: 200, data: z.string(), contentType: 'text/event-stream', description: 'SSE stream of the reply', when: 'transport is sse' },
    ],
    errors: [
      { status: 400, code: 'VALIDATION_ERROR', message: 'Invalid content: Content cannot be empty' },
      notFound,
      expired,
      { status: 500, code: 'INTERNAL_ERROR', releases: { 'elizaos-1.7': { code: 'MESSAGE_SEND_FAILED' } } },
    ],
  }),
  defineOperation({
    id: 'messaging.sessions.messages.list',
    method: 'GET',
    path: '/api/messaging/sessions/:sessionId/messages',
    summary: "A session's messages",
    profiles: lv('SHOULD', 'MUST'),
    style: 'E4',
    probed: true,
    params: sessionId,
    query: { limit: z.number().int().min(1).max(100).optional(), before: EpochMs.optional(), after: EpochMs.optional() },
    success: { status: 200, data: SessionMessagesPage },
    errors: [
      { status: 400, code: 'VALIDATION_ERROR', message: "Invalid pagination parameter 'before': Must be a valid timestamp" },
      notFound,
      expired,
    ],
  }),
  defineOperation({
    id: 'messaging.sessions.renew',
    method: 'POST',
    path: '/api/messaging/sessions/:sessionId/renew',
    summary: 'Renew a session',
    profiles: lv('SHOULD', 'SHOULD'),
    style: 'E4',
    params: sessionId,
    success: { status: 200, data: SessionInfo },
    errors: [notFound, expired, { status: 400, code: 'BAD_REQUEST', releases: { 'elizaos-1.7': { code: 'SESSION_RENEWAL_FAILED' } }, when: 'the maximum duration is reached' }],
  }),
  defineOperation({
    id: 'messaging.sessions.timeout.update',
    method: 'PATCH',
    path: '/api/messaging/sessions/:sessionId/timeout',
    summary: "Change a session's timeout settings",
    profiles: lv('SHOULD', 'MUST'),
    style: 'E4',
    probed: true,
    params: sessionId,
    body: TimeoutConfigInput,
    success: { status: 200, data: SessionInfo },
    errors: [
      { status: 400, code: 'VALIDATION_ERROR', message: 'Invalid timeout configuration: Timeout must be between 5 and 1440 minutes' },
      notFound,
      expired,
    ],
  }),
  defineOperation({
    id: 'messaging.sessions.heartbeat',
    method: 'POST',
    path: '/api/messaging/sessions/:sessionId/heartbeat',
    summary: 'Keep a session alive (renews it when autoRenew)',
    profiles: lv('SHOULD', 'MUST'),
    style: 'E4',
    probed: true,
    params: sessionId,
    success: { status: 200, data: SessionInfo },
    errors: [notFound, expired],
  }),
  defineOperation({
    id: 'messaging.sessions.delete',
    method: 'DELETE',
    path: '/api/messaging/sessions/:sessionId',
    summary: 'End a session',
    profiles: lv('SHOULD', 'MUST'),
    style: 'E4',
    probed: true,
    params: sessionId,
    success: { status: 200, data: z.strictObject({ message: z.string() }), releases: { 'elizaos-1.7': { body: SuccessMessage } } },
    errors: [notFound],
  }),
];

const jobError = (status: number, code: ErrorInput['code'], message: string): ErrorInput => ({ status, code, message });

export const jobOperations = [
  defineOperation({
    id: 'messaging.jobs.create',
    method: 'POST',
    path: '/api/messaging/jobs',
    summary: 'Create a one-shot job: a prompt to an agent, polled for its answer',
    description: 'elizaos-1.7: jobs never complete (the agent reply does not reach the bus): every job ends in `timeout`.',
    profiles: lv('SHOULD', 'MUST'),
    style: 'E3',
    probed: true,
    body: z.object({
      userId: Uuid,
      content: z.string().min(1).max(50000),
      agentId: Uuid.optional(),
      metadata: Metadata.optional(),
      timeoutMs: z.number().int().min(1000).max(300000).optional(),
    }),
    success: { status: 201, data: JobCreated },
    errors: [
      jobError(400, 'VALIDATION_ERROR', 'Invalid userId format (must be valid UUID)'),
      jobError(400, 'VALIDATION_ERROR', 'content cannot be empty'),
      jobError(400, 'VALIDATION_ERROR', 'timeoutMs must be at least 1000ms'),
      jobError(404, 'NOT_FOUND', 'No agents available on server'),
      jobError(500, 'INTERNAL_ERROR', 'Failed to create job'),
    ],
  }),
  defineOperation({
    id: 'messaging.jobs.health',
    method: 'GET',
    path: '/api/messaging/jobs/health',
    summary: 'Job service health and metrics',
    profiles: lv('SHOULD', 'MUST'),
    style: 'E3',
    probed: true,
    success: {
      status: 200,
      data: z.strictObject({
        healthy: z.literal(true),
        timestamp: EpochMs,
        totalJobs: z.number().int().nonnegative(),
        statusCounts: z.strictObject({ pending: z.number(), processing: z.number(), completed: z.number(), failed: z.number(), timeout: z.number() }),
        metrics: z.strictObject({ averageProcessingTimeMs: z.number(), successRate: z.number(), failureRate: z.number(), timeoutRate: z.number() }),
        maxJobs: z.number().int().positive(),
      }),
    },
  }),
  defineOperation({
    id: 'messaging.jobs.list',
    method: 'GET',
    path: '/api/messaging/jobs',
    summary: 'All jobs',
    profiles: lv('SHOULD', 'MUST'),
    style: 'E3',
    probed: true,
    query: { limit: z.number().int().positive().optional(), status: JobStatus.optional() },
    success: { status: 200, data: z.strictObject({ jobs: z.array(JobDetails), total: z.number().int(), filtered: z.number().int() }) },
    errors: [jobError(500, 'INTERNAL_ERROR', 'Failed to list jobs')],
  }),
  defineOperation({
    id: 'messaging.jobs.get',
    method: 'GET',
    path: '/api/messaging/jobs/:jobId',
    summary: 'One job, with its result once completed',
    profiles: lv('SHOULD', 'MUST'),
    style: 'E3',
    probed: true,
    params: { jobId: Uuid },
    success: { status: 200, data: JobDetails },
    errors: [jobError(404, 'NOT_FOUND', 'Job not found'), jobError(500, 'INTERNAL_ERROR', 'Failed to get job details')],
  }),
];
