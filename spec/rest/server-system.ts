import { z } from 'zod';
import { LogsError, SuccessMessage } from '../schemas/envelopes.js';
import { MessageServer } from '../schemas/messaging.js';
import { EpochMs, IsoDateTime, Uuid } from '../schemas/primitives.js';
import { defineOperation, type OperationInput } from './define.js';
import { lv } from './levels.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'log', 'progress', 'success', 'debug', 'trace'] as const;

const LogsQuery = {
  since: EpochMs.optional(),
  level: z.enum([...LOG_LEVELS, 'all']).optional(),
  agentName: z.string().optional(),
  agentId: Uuid.optional(),
  limit: z.number().int().min(1).max(1000).optional(),
};

const LogsBody = z
  .strictObject({
    logs: z.array(z.strictObject({ time: EpochMs, level: z.number(), msg: z.string() })),
    count: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    requestedLevel: z.string(),
    agentName: z.string(),
    agentId: z.string(),
    levels: z.array(z.string()),
  })
  .meta({ id: 'ServerLogs' });

const logsInput = <const I extends string>(method: 'GET' | 'POST', id: I, probed: boolean): OperationInput & { id: I } => ({
  id,
  method,
  path: '/api/server/logs',
  summary: method === 'GET' ? 'Recent server log entries' : 'Recent server log entries (POST reads the same query; the body is ignored)',
  profiles: lv('SHOULD', probed ? 'MUST' : 'SHOULD'),
  style: 'E3',
  probed,
  query: LogsQuery,
  success: { status: 200, data: LogsBody },
  errors: [{ status: 500, code: 'INTERNAL_ERROR', releases: { 'elizaos-1.7': { body: LogsError, envelope: 'raw' } }, message: 'Failed to retrieve logs' }],
});

const HealthBody = z.strictObject({
  status: z.literal('OK'),
  version: z.string(),
  timestamp: IsoDateTime,
  dependencies: z.strictObject({ agents: z.enum(['healthy', 'no_agents']) }),
});

export const serverOperations = [
  defineOperation({
    id: 'server.ping',
    method: 'GET',
    path: '/api/server/ping',
    summary: 'Ping',
    profiles: lv('MUST', 'MUST'),
    style: 'E3',
    probed: true,
    success: { status: 200, data: z.strictObject({ pong: z.literal(true), timestamp: EpochMs }) },
  }),
  defineOperation({
    id: 'server.hello',
    method: 'GET',
    path: '/api/server/hello',
    summary: 'Hello world',
    profiles: lv('MAY', 'SHOULD'),
    style: 'E3',
    success: { status: 200, data: z.strictObject({ message: z.literal('Hello World!') }) },
  }),
  defineOperation({
    id: 'server.status',
    method: 'GET',
    path: '/api/server/status',
    summary: 'Runtime status with the agent count',
    profiles: lv('SHOULD', 'MUST'),
    style: 'E3',
    probed: true,
    success: { status: 200, data: z.strictObject({ status: z.literal('ok'), agentCount: z.number().int().nonnegative(), timestamp: IsoDateTime }) },
  }),
  defineOperation({
    id: 'server.health',
    method: 'GET',
    path: '/api/server/health',
    summary: 'Runtime health; 503 when no agent runs',
    profiles: lv('SHOULD', 'SHOULD'),
    style: 'E3',
    success: [
      { status: 200, data: HealthBody },
      { status: 503, data: HealthBody, description: 'No agents', when: 'no agent is running' },
    ],
  }),
  defineOperation({
    id: 'server.stop',
    method: 'POST',
    path: '/api/server/stop',
    summary: 'Stop the server (closes the HTTP server)',
    profiles: lv('MAY', 'MAY'),
    style: 'E3',
    success: { status: 200, data: z.strictObject({ message: z.literal('Server stopping...') }) },
  }),
  defineOperation(logsInput('GET', 'server.logs.list', true)),
  defineOperation(logsInput('POST', 'server.logs.query', false)),
  defineOperation({
    id: 'server.logs.clear',
    method: 'DELETE',
    path: '/api/server/logs',
    summary: 'Clear the server log buffer',
    profiles: lv('SHOULD', 'SHOULD'),
    style: 'E3',
    success: { status: 200, data: z.strictObject({ status: z.literal('success'), message: z.literal('Logs cleared successfully') }) },
    errors: [{ status: 500, code: 'INTERNAL_ERROR', releases: { 'elizaos-1.7': { body: LogsError, envelope: 'raw' } }, message: 'Failed to clear logs' }],
  }),
  defineOperation({
    id: 'server.debug.servers',
    method: 'GET',
    path: '/api/server/debug/servers',
    summary: 'Debug: all message servers',
    profiles: lv('MAY', 'MUST'),
    style: 'E2',
    probed: true,
    success: {
      status: 200,
      data: z.strictObject({ servers: z.array(MessageServer), count: z.number().int().nonnegative() }),
      releases: { 'elizaos-1.7': { body: z.strictObject({ success: z.literal(true), servers: z.array(MessageServer), count: z.number().int().nonnegative() }) } },
    },
    errors: [{ status: 500, code: 'INTERNAL_ERROR' }],
  }),
];

export const systemOperations = [
  defineOperation({
    id: 'system.version',
    method: 'GET',
    path: '/api/system/version',
    summary: 'Server version',
    profiles: lv('MUST', 'MUST'),
    style: 'E3',
    probed: true,
    success: {
      status: 200,
      data: z.strictObject({
        version: z.string(),
        source: z.literal('server'),
        timestamp: IsoDateTime,
        environment: z.string(),
        uptime: z.number().nonnegative(),
      }),
    },
  }),
  defineOperation({
    id: 'system.config',
    method: 'GET',
    path: '/api/system/config',
    summary: 'Client-relevant configuration (`requiresAuth` reflects data isolation, not the API key)',
    profiles: lv('SHOULD', 'MUST'),
    style: 'E1',
    probed: true,
    success: { status: 200, data: z.strictObject({ requiresAuth: z.boolean() }) },
  }),
  defineOperation({
    id: 'system.env.get',
    method: 'GET',
    path: '/api/system/env/local',
    summary: 'The local .env file as a record (exposes secrets)',
    profiles: lv('MAY', 'MAY'),
    style: 'E1',
    success: { status: 200, data: z.record(z.string(), z.string()) },
    errors: [{ status: 500, code: 'INTERNAL_ERROR', releases: { 'elizaos-1.7': { code: 'FETCH_ERROR' } } }],
  }),
  defineOperation({
    id: 'system.env.update',
    method: 'POST',
    path: '/api/system/env/local',
    summary: 'Rewrite the local .env file',
    profiles: lv('MAY', 'MAY'),
    style: 'E1',
    body: z.object({ content: z.record(z.string(), z.string()) }),
    success: { status: 200, data: z.strictObject({ message: z.string() }), releases: { 'elizaos-1.7': { body: SuccessMessage } } },
    errors: [
      { status: 400, code: 'VALIDATION_ERROR', releases: { 'elizaos-1.7': { code: 'INVALID_INPUT' } }, message: 'Missing or invalid "content" in request body' },
      { status: 500, code: 'INTERNAL_ERROR', releases: { 'elizaos-1.7': { code: 'UPDATE_ERROR' } } },
    ],
  }),
];
