/**
 * Malformed requests, table-driven: every row runs against the mock in both profiles and must get its profile's
 * error (documented: a stable code; elizaos-1.7: what 1.7.2 answers, reference §1.2, §1.3, §3, §5.3), leave the
 * server up (ping answers, a fresh socket connects) and leave the state as it was.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AGENT } from '../../mock-server/index.js';
import { NIL_UUID, PROFILES, REAL_MESSAGE_ERRORS, type Profile } from '../../spec/index.js';
import { Actor } from '../../suites/flows/actors.js';
import { startMock, type Started } from './harness.js';

/** Ids a row may put in its path or body; the session is created per profile before the rows run. */
interface Fixtures {
  agentId: string;
  userId: string;
  channelId: string;
  sessionId: string;
}

type Text = string | RegExp;

/** What the documented profile answers: a status and a stable code, with a non-empty message. */
interface DocumentedError {
  status: number;
  code: string;
}

/** What elizaos-1.7 answers, in the envelope 1.7.2 uses for it (reference §1.3). */
type RealError =
  | { status: number; envelope: 'E1'; code: string; message: Text }
  | { status: number; envelope: 'E2'; error: Text }
  | { status: number; envelope: 'E4'; code: string; message: Text }
  | { status: number; envelope: 'E5'; code: number; message: Text };

interface RestRow {
  name: string;
  /** The spec operation the request reaches; absent when no route matches. */
  op?: string;
  /** The answer is one of the cross-cutting responses of spec/rest/conventions.ts, not one of the operation's own. */
  convention?: boolean;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: (f: Fixtures) => string;
  body?: (f: Fixtures) => unknown;
  raw?: string;
  headers?: Record<string, string>;
  documented: DocumentedError;
  real: RealError;
}

const doc = (status: number, code: string): DocumentedError => ({ status, code });
const e1 = (status: number, code: string, message: Text): RealError => ({ status, envelope: 'E1', code, message });
const e2 = (status: number, error: Text): RealError => ({ status, envelope: 'E2', error });
const e4 = (status: number, code: string, message: Text): RealError => ({ status, envelope: 'E4', code, message });
const e5 = (status: 404 | 500, message: Text): RealError => ({ status, envelope: 'E5', code: status, message });

/** The message JSON.parse gives for a text: 1.7.2's E5 carries the body parser's, which is JSON.parse's. */
function parseError(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${text} is valid JSON`);
}

const UNDEFINED_BODY = /^Cannot destructure property .*'req\.body' as it is undefined\.$/;
const MALFORMED = {
  unquoted: '{bad',
  truncated: '{"agentId":',
  trailingComma: '{"name":"x",}',
};
const MISSING_CONTENT_TYPE = { 'content-type': '' };
const OVER_2_MB = JSON.stringify({ author_id: randomUUID(), message_server_id: NIL_UUID, content: 'x'.repeat(2 * 1024 * 1024 + 1) });
const channelMessage = (f: Fixtures, extra: Record<string, unknown>) => ({ author_id: f.userId, content: 'hello', message_server_id: NIL_UUID, ...extra });

const restRows: RestRow[] = [
  // Bodies the parser or the content-type check refuses (reference §1.2).
  {
    name: 'rejects malformed JSON on POST /api/messaging/channels',
    op: 'messaging.channels.create', convention: true,
    method: 'POST', path: () => '/api/messaging/channels', raw: MALFORMED.unquoted,
    documented: doc(400, 'INVALID_JSON'), real: e5(500, "Expected property name or '}' in JSON at position 1"),
  },
  {
    name: 'rejects truncated JSON on POST /api/messaging/sessions (E5, not the sessions envelope)',
    op: 'messaging.sessions.create', convention: true,
    method: 'POST', path: () => '/api/messaging/sessions', raw: MALFORMED.truncated,
    documented: doc(400, 'INVALID_JSON'), real: e5(500, parseError(MALFORMED.truncated)),
  },
  {
    name: 'rejects JSON with a trailing comma on PATCH /api/agents/:agentId',
    op: 'agents.update', convention: true,
    method: 'PATCH', path: (f) => `/api/agents/${f.agentId}`, raw: MALFORMED.trailingComma,
    documented: doc(400, 'INVALID_JSON'), real: e5(500, parseError(MALFORMED.trailingComma)),
  },
  {
    name: 'rejects a bare JSON string (strict parser) on POST /api/messaging/submit',
    op: 'messaging.submit', convention: true,
    method: 'POST', path: () => '/api/messaging/submit', raw: '"hello"',
    documented: doc(400, 'INVALID_JSON'), real: e5(500, /is not valid JSON/),
  },
  {
    name: 'rejects a text/plain body on POST /api/messaging/channels',
    op: 'messaging.channels.create', convention: true,
    method: 'POST', path: () => '/api/messaging/channels', raw: '{}', headers: { 'content-type': 'text/plain' },
    documented: doc(415, 'UNSUPPORTED_MEDIA_TYPE'), real: e1(400, 'INVALID_CONTENT_TYPE', 'Invalid or missing Content-Type header'),
  },
  {
    name: 'rejects an application/xml body on POST /api/messaging/sessions',
    op: 'messaging.sessions.create', convention: true,
    method: 'POST', path: () => '/api/messaging/sessions', raw: '<session/>', headers: { 'content-type': 'application/xml' },
    documented: doc(415, 'UNSUPPORTED_MEDIA_TYPE'), real: e1(400, 'INVALID_CONTENT_TYPE', 'Invalid or missing Content-Type header'),
  },
  {
    name: 'rejects a body without a Content-Type on POST /api/agents',
    op: 'agents.create', convention: true,
    method: 'POST', path: () => '/api/agents', raw: '{}', headers: MISSING_CONTENT_TYPE,
    documented: doc(415, 'UNSUPPORTED_MEDIA_TYPE'), real: e1(400, 'INVALID_CONTENT_TYPE', 'Invalid or missing Content-Type header'),
  },
  {
    name: 'rejects a form-urlencoded body on POST /api/messaging/submit (1.7.2 has no urlencoded parser)',
    op: 'messaging.submit', convention: true,
    method: 'POST', path: () => '/api/messaging/submit', raw: 'channel_id=x', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    documented: doc(415, 'UNSUPPORTED_MEDIA_TYPE'), real: e5(500, UNDEFINED_BODY),
  },
  {
    name: 'rejects a body over 2 MB on POST /api/messaging/channels/:channelId/messages',
    op: 'messaging.channels.messages.create', convention: true,
    method: 'POST', path: (f) => `/api/messaging/channels/${f.channelId}/messages`, raw: OVER_2_MB,
    documented: doc(413, 'PAYLOAD_TOO_LARGE'), real: e5(500, 'request entity too large'),
  },
  {
    name: 'rejects POST /api/messaging/submit without a body',
    op: 'messaging.submit', convention: true,
    method: 'POST', path: () => '/api/messaging/submit',
    documented: doc(400, 'VALIDATION_ERROR'), real: e5(500, UNDEFINED_BODY),
  },
  {
    name: 'rejects POST /api/messaging/sessions without a body',
    op: 'messaging.sessions.create', convention: true,
    method: 'POST', path: () => '/api/messaging/sessions',
    documented: doc(400, 'VALIDATION_ERROR'), real: e5(500, UNDEFINED_BODY),
  },
  // Paths no route answers (reference §1.1 item 12, §3.8).
  {
    name: 'answers an unknown /api path with 404',
    method: 'GET', path: () => '/api/nonexistent',
    documented: doc(404, 'NOT_FOUND'), real: e5(404, 'API endpoint not found'),
  },
  {
    name: 'answers a method no route has (DELETE /api/server/ping) with 404',
    method: 'DELETE', path: () => '/api/server/ping',
    documented: doc(404, 'NOT_FOUND'), real: e5(404, 'API endpoint not found'),
  },
  {
    name: 'answers a path under the empty /api/tee router with 404',
    method: 'GET', path: () => '/api/tee/attestation',
    documented: doc(404, 'NOT_FOUND'), real: e5(404, 'API endpoint not found'),
  },
  {
    name: 'answers the api-client route POST /api/messaging/messages/search (no server route) with 404',
    method: 'POST', path: () => '/api/messaging/messages/search', body: () => ({ query: 'x' }),
    documented: doc(404, 'NOT_FOUND'), real: e5(404, 'API endpoint not found'),
  },
  // Paths whose percent-encoding does not decode: the router throws a URIError (reference §1.1 item 11).
  {
    name: 'rejects a path parameter whose percent-encoding does not decode (GET /api/agents/%E0%A4%A)',
    method: 'GET', path: () => '/api/agents/%E0%A4%A',
    documented: doc(400, 'BAD_REQUEST'), real: e5(500, "Failed to decode param '%E0%A4%A'"),
  },
  {
    name: 'rejects a lone % in a path parameter (GET /api/messaging/channels/%/messages)',
    method: 'GET', path: () => '/api/messaging/channels/%/messages',
    documented: doc(400, 'BAD_REQUEST'), real: e5(500, "Failed to decode param '%'"),
  },
  // Bodies over the payload limits (maxPayloadDepth, default 64): refused before the handler, nothing stored.
  {
    name: 'rejects a body nested deeper than maxPayloadDepth on POST /api/messaging/channels',
    method: 'POST', path: () => '/api/messaging/channels',
    raw: `{"name":"deep","participantCentralUserIds":[],"message_server_id":"${NIL_UUID}","metadata":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
    documented: doc(400, 'VALIDATION_ERROR'), real: e2(400, /deeper than 64 levels/),
  },
  // Ids that are not UUIDs.
  {
    name: 'rejects GET /api/agents/:agentId with a non-UUID id',
    op: 'agents.get',
    method: 'GET', path: () => '/api/agents/not-a-uuid',
    documented: doc(400, 'INVALID_ID'), real: e1(400, 'INVALID_ID', 'Invalid agent ID format'),
  },
  {
    name: 'rejects DELETE /api/agents/:agentId with a non-UUID id',
    op: 'agents.delete',
    method: 'DELETE', path: () => '/api/agents/123',
    documented: doc(400, 'INVALID_ID'), real: e1(400, 'INVALID_ID', 'Invalid agent ID format'),
  },
  {
    name: 'rejects a non-UUID ?roomId= on GET /api/memory/:agentId/memories',
    op: 'memory.memories.list',
    method: 'GET', path: (f) => `/api/memory/${f.agentId}/memories?roomId=room-1`,
    documented: doc(400, 'INVALID_ID'), real: e1(400, 'INVALID_ID', 'Invalid room ID format'),
  },
  {
    name: 'rejects GET /api/messaging/channels/:channelId/messages with a non-UUID channel (string error)',
    op: 'messaging.channels.messages.list',
    method: 'GET', path: () => '/api/messaging/channels/not-a-uuid/messages',
    documented: doc(400, 'INVALID_ID'), real: e2(400, 'Invalid channelId'),
  },
  {
    name: 'rejects a non-UUID message_server_id on POST /api/messaging/channels',
    op: 'messaging.channels.create',
    method: 'POST', path: () => '/api/messaging/channels', body: (f) => ({ name: 'x', message_server_id: 'nope', participantCentralUserIds: [f.userId] }),
    documented: doc(400, 'INVALID_ID'), real: e2(400, 'Invalid message_server_id format'),
  },
  {
    name: 'rejects a non-UUID agentId on POST /api/messaging/channels/:channelId/agents',
    op: 'messaging.channels.agents.add',
    method: 'POST', path: (f) => `/api/messaging/channels/${f.channelId}/agents`, body: () => ({ agentId: 'eliza' }),
    documented: doc(400, 'INVALID_ID'), real: e2(400, 'Invalid channelId or agentId format'),
  },
  {
    name: 'rejects GET /api/messaging/message-servers/:id/agents with a non-UUID id',
    op: 'messaging.message-servers.agents.list',
    method: 'GET', path: () => '/api/messaging/message-servers/not-a-uuid/agents',
    documented: doc(400, 'INVALID_ID'), real: e2(400, 'Invalid messageServerId format'),
  },
  {
    name: 'rejects PATCH /api/messaging/action/:id with a non-UUID id',
    op: 'messaging.action.update',
    method: 'PATCH', path: () => '/api/messaging/action/not-a-uuid', body: () => ({ content: 'x' }),
    documented: doc(400, 'INVALID_ID'), real: e2(400, 'Invalid message id'),
  },
  {
    name: 'rejects a non-UUID agentId on POST /api/messaging/sessions (sessions envelope, no success key)',
    op: 'messaging.sessions.create',
    method: 'POST', path: () => '/api/messaging/sessions', body: (f) => ({ agentId: 'eliza', userId: f.userId }),
    documented: doc(400, 'VALIDATION_ERROR'), real: e4(400, 'VALIDATION_ERROR', "Invalid UUID format for field 'agentId'"),
  },
  {
    name: 'answers GET /api/messaging/sessions/:sessionId with a non-UUID id as not found',
    op: 'messaging.sessions.get',
    method: 'GET', path: () => '/api/messaging/sessions/not-a-uuid',
    documented: doc(404, 'NOT_FOUND'), real: e4(404, 'SESSION_NOT_FOUND', "Session with ID 'not-a-uuid' not found"),
  },
  // Required fields missing.
  {
    name: 'rejects POST /api/messaging/submit with an empty object',
    op: 'messaging.submit',
    method: 'POST', path: () => '/api/messaging/submit', body: () => ({}),
    documented: doc(400, 'VALIDATION_ERROR'), real: e2(400, 'Missing required fields: channel_id, message_server_id, author_id, content, source_type, raw_message'),
  },
  {
    name: 'rejects POST /api/messaging/sessions without agentId and userId',
    op: 'messaging.sessions.create',
    method: 'POST', path: () => '/api/messaging/sessions', body: () => ({}),
    documented: doc(400, 'VALIDATION_ERROR'), real: e4(400, 'VALIDATION_ERROR', 'Missing required fields: agentId, userId'),
  },
  {
    name: 'rejects POST /api/agents without a character',
    op: 'agents.create',
    method: 'POST', path: () => '/api/agents', body: () => ({}),
    documented: doc(400, 'VALIDATION_ERROR'), real: e1(400, 'CREATE_ERROR', 'No character configuration provided'),
  },
  {
    name: 'rejects POST /api/agents/:agentId/worlds without a name',
    op: 'agents.worlds.create',
    method: 'POST', path: (f) => `/api/agents/${f.agentId}/worlds`, body: () => ({ metadata: {} }),
    documented: doc(400, 'VALIDATION_ERROR'), real: e1(400, 'BAD_REQUEST', 'World name is required'),
  },
  {
    name: 'rejects POST /api/memory/:agentId/rooms without a name',
    op: 'memory.rooms.create',
    method: 'POST', path: (f) => `/api/memory/${f.agentId}/rooms`, body: () => ({ type: 'DM' }),
    documented: doc(400, 'VALIDATION_ERROR'), real: e1(400, 'MISSING_PARAM', 'Room name is required'),
  },
  {
    name: 'rejects POST /api/messaging/message-servers without a sourceType',
    op: 'messaging.message-servers.create',
    method: 'POST', path: () => '/api/messaging/message-servers', body: () => ({ name: 'x' }),
    documented: doc(400, 'VALIDATION_ERROR'), real: e2(400, 'Missing required fields: name, sourceType'),
  },
  {
    name: 'rejects POST /api/messaging/channels/:channelId/messages without author_id and message_server_id',
    op: 'messaging.channels.messages.create',
    method: 'POST', path: (f) => `/api/messaging/channels/${f.channelId}/messages`, body: () => ({ content: 'hello' }),
    documented: doc(400, 'VALIDATION_ERROR'), real: e2(400, 'Missing required fields: channelId, message_server_id, author_id, content'),
  },
  {
    name: 'rejects GET /api/messaging/dm-channel without targetUserId',
    op: 'messaging.dm-channel.get',
    method: 'GET', path: (f) => `/api/messaging/dm-channel?currentUserId=${f.userId}`,
    documented: doc(400, 'VALIDATION_ERROR'), real: e2(400, 'Missing targetUserId or currentUserId'),
  },
  {
    name: 'rejects POST /api/messaging/jobs without a userId',
    op: 'messaging.jobs.create',
    method: 'POST', path: () => '/api/messaging/jobs', body: () => ({ content: 'hello' }),
    documented: doc(400, 'VALIDATION_ERROR'), real: e2(400, 'userId is required and must be a valid UUID string'),
  },
  {
    name: 'rejects POST /api/audio/:agentId/speech/generate without text',
    op: 'audio.speech.generate',
    method: 'POST', path: (f) => `/api/audio/${f.agentId}/speech/generate`, body: () => ({ voice: 'x' }),
    documented: doc(400, 'VALIDATION_ERROR'), real: e1(400, 'INVALID_REQUEST', 'Text is required for speech synthesis'),
  },
  // Wrong types and values not allowed.
  {
    name: 'rejects a transport that is not allowed on POST /api/messaging/channels/:channelId/messages',
    op: 'messaging.channels.messages.create',
    method: 'POST', path: (f) => `/api/messaging/channels/${f.channelId}/messages`, body: (f) => channelMessage(f, { transport: 'pigeon' }),
    documented: doc(400, 'VALIDATION_ERROR'), real: e2(400, 'Invalid transport "pigeon". Must be one of: http, sse, websocket, sync, stream'),
  },
  {
    name: 'rejects a numeric transport on POST /api/messaging/channels/:channelId/messages',
    op: 'messaging.channels.messages.create',
    method: 'POST', path: (f) => `/api/messaging/channels/${f.channelId}/messages`, body: (f) => channelMessage(f, { transport: 42 }),
    documented: doc(400, 'VALIDATION_ERROR'), real: e2(400, 'Invalid transport type "number". Transport must be a string.'),
  },
  {
    name: 'rejects an empty content on POST /api/messaging/channels/:channelId/messages',
    op: 'messaging.channels.messages.create',
    method: 'POST', path: (f) => `/api/messaging/channels/${f.channelId}/messages`, body: (f) => channelMessage(f, { content: '' }),
    documented: doc(400, 'VALIDATION_ERROR'), real: e2(400, 'Missing required fields: channelId, message_server_id, author_id, content'),
  },
  {
    name: 'rejects participantCentralUserIds that is not an array on POST /api/messaging/channels',
    op: 'messaging.channels.create',
    method: 'POST', path: () => '/api/messaging/channels', body: (f) => ({ name: 'x', message_server_id: NIL_UUID, participantCentralUserIds: f.userId }),
    documented: doc(400, 'VALIDATION_ERROR'), real: e2(400, 'Invalid payload. Required: name, message_server_id (UUID), participantCentralUserIds (array of UUIDs). Optional: type, metadata.'),
  },
  {
    name: 'rejects a DM channel with oneself',
    op: 'messaging.dm-channel.get',
    method: 'GET', path: (f) => `/api/messaging/dm-channel?currentUserId=${f.userId}&targetUserId=${f.userId}`,
    documented: doc(400, 'VALIDATION_ERROR'), real: e2(400, 'Cannot create DM channel with oneself'),
  },
  {
    name: 'rejects a numeric content on POST /api/messaging/jobs',
    op: 'messaging.jobs.create',
    method: 'POST', path: () => '/api/messaging/jobs', body: (f) => ({ userId: f.userId, content: 123 }),
    documented: doc(400, 'VALIDATION_ERROR'), real: e2(400, 'content is required and must be a string'),
  },
  {
    name: 'rejects a timeoutMs under 1000 on POST /api/messaging/jobs',
    op: 'messaging.jobs.create',
    method: 'POST', path: () => '/api/messaging/jobs', body: (f) => ({ userId: f.userId, content: 'hello', timeoutMs: 10 }),
    documented: doc(400, 'VALIDATION_ERROR'), real: e2(400, 'timeoutMs must be at least 1000ms'),
  },
  {
    name: 'rejects an empty agentIds on POST /api/memory/groups/:messageServerId',
    op: 'memory.groups.create',
    method: 'POST', path: () => `/api/memory/groups/${NIL_UUID}`, body: () => ({ agentIds: [] }),
    documented: doc(400, 'VALIDATION_ERROR'), real: e1(400, 'BAD_REQUEST', 'agentIds must be a non-empty array'),
  },
  {
    name: 'rejects string metadata on POST /api/messaging/sessions',
    op: 'messaging.sessions.create',
    method: 'POST', path: () => '/api/messaging/sessions', body: (f) => ({ agentId: f.agentId, userId: f.userId, metadata: 'x' }),
    documented: doc(400, 'VALIDATION_ERROR'), real: e4(400, 'VALIDATION_ERROR', /^Invalid metadata: /),
  },
  {
    name: 'rejects a session message with a transport that is not allowed',
    op: 'messaging.sessions.messages.create',
    method: 'POST', path: (f) => `/api/messaging/sessions/${f.sessionId}/messages`, body: () => ({ content: 'hello', transport: 'pigeon' }),
    documented: doc(400, 'VALIDATION_ERROR'), real: e4(400, 'VALIDATION_ERROR', 'Invalid content: Invalid transport "pigeon". Must be one of: http, sse, websocket, sync, stream'),
  },
  {
    name: 'rejects an empty session message',
    op: 'messaging.sessions.messages.create',
    method: 'POST', path: (f) => `/api/messaging/sessions/${f.sessionId}/messages`, body: () => ({ content: '' }),
    documented: doc(400, 'VALIDATION_ERROR'), real: e4(400, 'VALIDATION_ERROR', 'Invalid content: Content cannot be empty'),
  },
  {
    name: 'rejects a session message over 4000 characters',
    op: 'messaging.sessions.messages.create',
    method: 'POST', path: (f) => `/api/messaging/sessions/${f.sessionId}/messages`, body: () => ({ content: 'x'.repeat(4001) }),
    documented: doc(400, 'VALIDATION_ERROR'), real: e4(400, 'VALIDATION_ERROR', /^Invalid content: Content exceeds maximum length of 4000 characters/),
  },
  {
    name: 'rejects a numeric session message content',
    op: 'messaging.sessions.messages.create',
    method: 'POST', path: (f) => `/api/messaging/sessions/${f.sessionId}/messages`, body: () => ({ content: 42 }),
    documented: doc(400, 'VALIDATION_ERROR'), real: e4(400, 'VALIDATION_ERROR', 'Invalid content: Invalid message request format'),
  },
  {
    name: 'rejects a session timeout under 5 minutes',
    op: 'messaging.sessions.timeout.update',
    method: 'PATCH', path: (f) => `/api/messaging/sessions/${f.sessionId}/timeout`, body: () => ({ timeoutMinutes: 1 }),
    documented: doc(400, 'VALIDATION_ERROR'), real: e4(400, 'VALIDATION_ERROR', 'Invalid timeout configuration: Timeout must be between 5 and 1440 minutes'),
  },
  {
    name: 'rejects a ?before= that is not a timestamp on GET /api/messaging/sessions/:sessionId/messages',
    op: 'messaging.sessions.messages.list',
    method: 'GET', path: (f) => `/api/messaging/sessions/${f.sessionId}/messages?before=yesterday`,
    documented: doc(400, 'VALIDATION_ERROR'), real: e4(400, 'VALIDATION_ERROR', "Invalid pagination parameter 'before': Must be a valid timestamp"),
  },
];

type SocketExpectation = { error: Text } | 'silence';

interface SocketRow {
  name: string;
  event: string;
  args: (f: { entityId: string; channelId: string }) => unknown[];
  /** Documented: a messageError whose `error` says what is wrong. */
  documented: Text;
  /** elizaos-1.7: 1.7.2's exact messageError text, or no event at all. */
  real: SocketExpectation;
}

const join = (payload: unknown) => ({ type: 1, payload });
const send = (payload: unknown) => ({ type: 2, payload });
const validSend = (f: { entityId: string; channelId: string }) => ({ channelId: f.channelId, senderId: f.entityId, message: 'hello', messageServerId: NIL_UUID, messageId: randomUUID() });
const JOIN_ERROR = { error: REAL_MESSAGE_ERRORS.joinWithoutChannel };
const SEND_ERROR = { error: REAL_MESSAGE_ERRORS.sendMissingFields };
const UNKNOWN_SERVER = '5e7e0000-0000-4000-8000-00000000dead';

const socketRows: SocketRow[] = [
  // 1.7.2 answers these with a messageError (reference §5.3, REAL_MESSAGE_ERRORS).
  { name: 'rejects a join without channelId', event: 'message', args: (f) => [join({ entityId: f.entityId })], documented: /channelId/, real: JOIN_ERROR },
  { name: 'rejects a join whose channelId and roomId are empty strings', event: 'message', args: () => [join({ channelId: '', roomId: '' })], documented: /channelId/, real: JOIN_ERROR },
  { name: 'rejects a join whose channelId is null', event: 'message', args: () => [join({ channelId: null })], documented: /channelId/, real: JOIN_ERROR },
  { name: 'rejects a bare "1" join without channelId', event: '1', args: (f) => [{ entityId: f.entityId, messageServerId: NIL_UUID }], documented: /channelId/, real: JOIN_ERROR },
  { name: 'rejects a send with an empty payload', event: 'message', args: () => [send({})], documented: /channelId/, real: SEND_ERROR },
  { name: 'rejects a send whose channelId is not a UUID', event: 'message', args: (f) => [send({ ...validSend(f), channelId: 'general' })], documented: /channelId/, real: SEND_ERROR },
  { name: 'rejects a send whose only channel is a non-UUID roomId', event: 'message', args: (f) => [send({ ...validSend(f), channelId: undefined, roomId: 'room-1' })], documented: /channelId/, real: SEND_ERROR },
  { name: 'rejects a send without senderId', event: 'message', args: (f) => [send({ ...validSend(f), senderId: undefined })], documented: /senderId/, real: SEND_ERROR },
  // (A non-UUID string senderId such as the seeds' 'my-extension-id' is accepted by documented: test/mock/diagnostics.test.ts.)
  { name: 'rejects a send whose senderId is a number', event: 'message', args: (f) => [send({ ...validSend(f), senderId: 42 })], documented: /senderId 42 is invalid/, real: SEND_ERROR },
  { name: 'rejects a send with an empty message', event: 'message', args: (f) => [send({ ...validSend(f), message: '' })], documented: /message/, real: SEND_ERROR },
  { name: 'rejects a send without message', event: 'message', args: (f) => [send({ ...validSend(f), message: undefined })], documented: /message/, real: SEND_ERROR },
  { name: 'rejects a send whose messageServerId is not a UUID', event: 'message', args: (f) => [send({ ...validSend(f), messageServerId: 'default' })], documented: /messageServerId/, real: SEND_ERROR },
  { name: 'rejects a bare "2" send with an empty payload', event: '2', args: () => [{}], documented: /channelId/, real: SEND_ERROR },
  { name: 'rejects a send to a new channel on an unknown message server', event: 'message', args: (f) => [send({ ...validSend(f), messageServerId: UNKNOWN_SERVER })], documented: /does not exist/, real: { error: REAL_MESSAGE_ERRORS.unknownServer(UNKNOWN_SERVER) } },
  // 1.7.2 logs these and answers nothing.
  { name: 'ignores an unknown message type (99)', event: 'message', args: (f) => [{ type: 99, payload: validSend(f) }], documented: /type/, real: 'silence' },
  { name: 'ignores a message type given as the string "2"', event: 'message', args: (f) => [{ type: '2', payload: validSend(f) }], documented: /type/, real: 'silence' },
  { name: 'ignores a message type given as the string "1"', event: 'message', args: (f) => [{ type: '1', payload: { channelId: f.channelId } }], documented: /type/, real: 'silence' },
  { name: 'ignores a message without a payload', event: 'message', args: () => [{ type: 1 }], documented: /payload/, real: 'silence' },
  { name: 'ignores a message without a type', event: 'message', args: (f) => [{ payload: { channelId: f.channelId } }], documented: /type/, real: 'silence' },
  { name: 'ignores a message that is a string', event: 'message', args: () => ['hello'], documented: /type/, real: 'silence' },
  { name: 'ignores a message event with no data', event: 'message', args: () => [], documented: /type/, real: 'silence' },
  { name: 'ignores a join whose payload is null', event: 'message', args: () => [join(null)], documented: /payload/, real: 'silence' },
  { name: 'ignores a send whose payload is null', event: 'message', args: () => [send(null)], documented: /payload/, real: 'silence' },
  { name: 'ignores a bare "1" without a payload', event: '1', args: () => [], documented: /payload/, real: 'silence' },
  { name: 'ignores the unknown event joinRoom', event: 'joinRoom', args: (f) => [{ channelId: f.channelId }], documented: /joinRoom/, real: 'silence' },
  { name: 'ignores the unknown event sendMessage', event: 'sendMessage', args: (f) => [validSend(f)], documented: /sendMessage/, real: 'silence' },
  { name: 'ignores a client-sent messageBroadcast (a server event)', event: 'messageBroadcast', args: (f) => [{ text: 'hi', channelId: f.channelId }], documented: /messageBroadcast/, real: 'silence' },
  { name: 'ignores a typing event without roomId', event: 'typing', args: () => [{ isTyping: true }], documented: /roomId/, real: 'silence' },
];

const SILENCE_MS = 300;
const STACK_TRACE = /\n\s+at .*\.(ts|js):\d+/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check() && Date.now() < until) await sleep(10);
}

function match(text: Text): unknown {
  return typeof text === 'string' ? text : expect.stringMatching(text);
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

function keysOf(value: unknown): string[] {
  return Object.keys(value as object).sort();
}

/** A JSON error body, never an HTML page or a stack trace. */
function expectCleanBody(response: Awaited<ReturnType<Started['request']>>): void {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(typeof response.body).toBe('object');
  for (const text of strings(response.body)) {
    expect(text).not.toMatch(STACK_TRACE);
    expect(text).not.toMatch(/<html|<!DOCTYPE/i);
  }
}

function expectDocumented(expected: DocumentedError, response: Awaited<ReturnType<Started['request']>>): void {
  expect(response.status).toBe(expected.status);
  const body = response.body as { success: unknown; error: Record<string, unknown> };
  expect(keysOf(body)).toEqual(['error', 'success']);
  expect(body.success).toBe(false);
  expect(body.error.code).toBe(expected.code);
  expect(body.error.message).toEqual(expect.stringMatching(/\S/));
  expect(keysOf(body.error).every((k) => ['code', 'message', 'details'].includes(k))).toBe(true);
}

function expectReal(expected: RealError, response: Awaited<ReturnType<Started['request']>>): void {
  expect(response.status).toBe(expected.status);
  const body = response.body as Record<string, unknown>;
  switch (expected.envelope) {
    case 'E1': {
      expect(keysOf(body)).toEqual(['error', 'success']);
      expect(body).toEqual({ success: false, error: { code: expected.code, message: match(expected.message), ...((body.error as { details?: unknown }).details !== undefined ? { details: expect.any(String) } : {}) } });
      break;
    }
    case 'E2': {
      expect(keysOf(body).every((k) => ['success', 'error', 'details'].includes(k))).toBe(true);
      expect(body.success).toBe(false);
      expect(body.error).toEqual(match(expected.error));
      break;
    }
    case 'E4': {
      expect(keysOf(body)).toEqual(['error']);
      const error = body.error as Record<string, unknown>;
      expect(keysOf(error).every((k) => ['code', 'message', 'timestamp', 'details', 'stack'].includes(k))).toBe(true);
      expect(error).toMatchObject({ code: expected.code, message: match(expected.message), timestamp: expect.stringMatching(ISO), stack: expect.any(String) });
      if (error.details !== undefined) expect(typeof error.details).toBe('object');
      break;
    }
    case 'E5': {
      expect(body).toEqual({ success: false, error: { message: match(expected.message), code: expected.code } });
      break;
    }
  }
}

/** The server still answers REST and still takes a new socket. */
async function expectAlive(s: Started): Promise<void> {
  expect((await s.request('GET', '/api/server/ping')).status).toBe(200);
  const probe = new Actor('probe');
  try {
    await probe.connect(s.url, { timeoutMs: 2000 });
    expect(probe.socket?.connected).toBe(true);
  } finally {
    probe.close();
  }
}

it('has at least 40 malformed requests and payloads', () => {
  expect(restRows.length + socketRows.length).toBeGreaterThanOrEqual(40);
  expect(restRows.length).toBeGreaterThanOrEqual(30);
  expect(socketRows.length).toBeGreaterThanOrEqual(20);
  expect(new Set([...restRows, ...socketRows].map((r) => r.name)).size).toBe(restRows.length + socketRows.length);
});

describe.each(PROFILES)('malformed input (%s)', (profile: Profile) => {
  let s: Started;
  const fixtures: Fixtures = { agentId: DEFAULT_AGENT.id, userId: randomUUID(), channelId: randomUUID(), sessionId: '' };

  beforeAll(async () => {
    s = await startMock(profile);
    const created = await s.request('POST', '/api/messaging/sessions', { body: { agentId: fixtures.agentId, userId: fixtures.userId } });
    expect(created.status).toBe(201);
    const body = created.body as { sessionId?: string; data?: { sessionId?: string } };
    fixtures.sessionId = body.sessionId ?? body.data?.sessionId ?? '';
    expect(fixtures.sessionId).not.toBe('');
  });

  afterAll(async () => {
    await s?.mock.close();
  });

  describe('REST', () => {
    it.each(restRows)('$name', async (row) => {
      const before = JSON.stringify(s.mock.state.summary());
      const response = await s.request(row.method, row.path(fixtures), { body: row.body?.(fixtures), raw: row.raw, headers: row.headers });
      expectCleanBody(response);
      if (profile === 'documented') expectDocumented(row.documented, response);
      else expectReal(row.real, response);
      expect(JSON.stringify(s.mock.state.summary())).toBe(before);
      await expectAlive(s);
    });
  });

  describe('socket', () => {
    it.each(socketRows)('$name', async (row) => {
      const actor = new Actor(row.name);
      try {
        await actor.connect(s.url, { timeoutMs: 2000 });
        await waitFor(() => actor.timeline.some((e) => e.event === 'connection_established'), 1000);
        actor.clear();
        const before = JSON.stringify(s.mock.state.summary());
        actor.socket!.emit(row.event, ...row.args({ entityId: actor.entityId, channelId: randomUUID() }));
        const expected: SocketExpectation = profile === 'documented' ? { error: row.documented } : row.real;
        if (expected === 'silence') {
          await sleep(SILENCE_MS);
          expect(actor.timeline).toEqual([]);
        } else {
          await waitFor(() => actor.timeline.length > 0, 2000);
          await sleep(50);
          expect(actor.timeline.map((e) => e.event)).toEqual(['messageError']);
          const payload = actor.timeline[0]!.payload as Record<string, unknown>;
          if (profile === 'documented') {
            expect(payload.error).toEqual(expect.stringMatching(/\S/));
            expect(payload.error).toEqual(match(expected.error));
          } else {
            expect(payload).toEqual({ error: expected.error });
          }
        }
        expect(actor.socket!.connected).toBe(true);
        expect(JSON.stringify(s.mock.state.summary())).toBe(before);
      } finally {
        actor.close();
      }
      await expectAlive(s);
    });
  });

  it("reports no spec violation for the rows' operations", () => {
    const ops = new Set(restRows.map((r) => r.op).filter((op): op is string => op !== undefined));
    expect(s.violations.filter((v) => ops.has(v.where.split(' ')[0]!))).toEqual([]);
  });
});
