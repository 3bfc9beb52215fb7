import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { schemaIssues } from '../validate.js';
import {
  DocumentedError,
  E1Error,
  E2Error,
  E4Error,
  E5Error,
  E6Error,
  E7Error,
  E8Error,
  PartialSuccess,
  SuccessMessage,
  successEnvelope,
} from './envelopes.js';
import { AgentSummary } from './agents.js';
import { restOperations } from '../rest/index.js';

/** E3 has no envelope: the body is the payload, as `GET /api/server/ping` answers in 1.7.2. */
function e3Schema(): z.ZodType {
  const ping = restOperations.find((op) => op.id === 'server.ping');
  const variant = ping?.responses.find((v) => v.status === 200 && v.profiles['elizaos-1.7']);
  if (!variant?.schema || variant.envelope !== 'E3') throw new Error('server.ping has no E3 200 response');
  return variant.schema;
}

const AGENT = '2d6f0a63-7c5e-4d3b-9f7a-0b1c2d3e4f50';

interface Case {
  name: string;
  schema: z.ZodType;
  /** As the reference quotes it (§1.3, §3, §12). */
  quoted: unknown;
  /** The same payload, subtly wrong. */
  wrong: unknown;
  /** The issue line that must name what is wrong. */
  issue: RegExp;
}

const cases: Case[] = [
  {
    name: 'E1 success',
    schema: successEnvelope(AgentSummary.array()),
    quoted: { success: true, data: [{ id: AGENT, name: 'Eliza', characterName: 'Eliza', bio: 'A test agent', status: 'active' }] },
    wrong: { success: true, data: [{ id: AGENT, name: 'Eliza', characterName: 'Eliza', bio: 'A test agent', status: 'running' }] },
    issue: /^data\.0\.status: /,
  },
  {
    name: 'E1 error',
    schema: E1Error,
    quoted: { success: false, error: { code: 'INVALID_ID', message: 'Invalid agent ID format' } },
    wrong: { success: false, error: { code: 400, message: 'Invalid agent ID format' } },
    issue: /^error\.code: .*expected string, received number/,
  },
  {
    name: 'E2 error (messaging: error is a string)',
    schema: E2Error,
    quoted: { success: false, error: 'Missing required fields: channel_id, message_server_id, author_id, content, source_type, raw_message' },
    wrong: { success: false, error: { code: 'BAD_REQUEST', message: 'Missing required fields' } },
    issue: /^error: .*expected string, received object/,
  },
  {
    name: 'E3 raw body (no envelope)',
    schema: e3Schema(),
    quoted: { pong: true, timestamp: 1763700000000 },
    wrong: { success: true, data: { pong: true, timestamp: 1763700000000 } },
    issue: /^pong: /,
  },
  {
    name: 'E4 error (sessions: no success key)',
    schema: E4Error,
    quoted: { error: { code: 'SESSION_NOT_FOUND', message: "Session with ID 'x' not found", timestamp: '2026-11-21T04:05:00.000Z', stack: 'Error: not found\n    at …' } },
    wrong: { error: { code: 'SESSION_NOT_FOUND', message: "Session with ID 'x' not found", timestamp: 1763700000000, stack: 'Error' } },
    issue: /^error\.timestamp: /,
  },
  {
    name: 'E5 error (global handler: numeric code)',
    schema: E5Error,
    quoted: { success: false, error: { message: 'API endpoint not found', code: 404 } },
    wrong: { success: false, error: { message: 'API endpoint not found', code: '404' } },
    issue: /^error\.code: .*expected number, received string/,
  },
  {
    name: 'E6 auth error',
    schema: E6Error,
    quoted: { error: 'API key required', message: 'Missing or invalid X-API-KEY header' },
    wrong: { error: 'API key required' },
    issue: /^message: /,
  },
  {
    name: 'E7 rate limit',
    schema: E7Error,
    quoted: { success: false, error: { code: 'RATE_LIMIT_EXCEEDED', message: 'Too many requests. Please try again later.' } },
    wrong: { success: false, error: { code: 'RATE_LIMITED', message: 'Too many requests. Please try again later.' } },
    issue: /^error\.code: /,
  },
  {
    name: 'E8 plugin handler',
    schema: E8Error,
    quoted: { success: false, error: { message: 'Invalid agent ID format', code: 'INVALID_AGENT_ID' } },
    wrong: { success: false, error: { message: 'Invalid agent ID format', code: 'INVALID_ID' } },
    issue: /^error\.code: /,
  },
  {
    name: 'hybrid {success, message}',
    schema: SuccessMessage,
    quoted: { success: true, message: 'Local env updated' },
    wrong: { success: true, message: 'Local env updated', data: {} },
    issue: /Unrecognized key: "data"/,
  },
  {
    name: 'hybrid {success, partial, message}',
    schema: PartialSuccess,
    quoted: { success: true, partial: true, message: 'Agent deletion initiated but taking longer than expected.' },
    wrong: { success: true, partial: 'true', message: 'Agent deletion initiated but taking longer than expected.' },
    issue: /^partial: /,
  },
  {
    name: 'documented error',
    schema: DocumentedError,
    quoted: { success: false, error: { code: 'NOT_FOUND', message: 'Agent not found', details: 'no agent with that id' } },
    wrong: { success: false, error: { code: 'NOT_FOUND' } },
    issue: /^error\.message: /,
  },
];

describe('envelopes', () => {
  it.each(cases)('$name: the quoted payload parses', ({ schema, quoted }) => {
    expect(schemaIssues(schema, quoted)).toEqual([]);
  });

  it.each(cases)('$name: a subtly wrong payload fails with a readable path', ({ schema, wrong, issue }) => {
    const issues = schemaIssues(schema, wrong);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.some((line) => issue.test(line)), issues.join('\n')).toBe(true);
  });

  it('tells E1, E2 and E5 errors apart', () => {
    const e2 = { success: false, error: 'Channel not found' };
    const e5 = { success: false, error: { message: 'boom', code: 500 } };
    expect(E1Error.safeParse(e2).success).toBe(false);
    expect(E1Error.safeParse(e5).success).toBe(false);
    expect(E5Error.safeParse(e2).success).toBe(false);
    expect(DocumentedError.safeParse({ success: false, error: { code: 'INVALID_ID', message: 'x' } }).success).toBe(true);
    expect(DocumentedError.safeParse({ success: false, error: { code: 'DB_ERROR', message: 'x' } }).success).toBe(false);
  });
});
