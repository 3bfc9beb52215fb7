import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { PROFILES, type Profile } from '../../spec/index.js';
import type { Clock } from '../../mock-server/clock.js';
import { DEFAULT_AGENT } from '../../mock-server/state/state.js';
import { startMock, type Started } from './harness.js';
import { isRelease } from '../../spec/profiles.js';

type Dict = Record<string, unknown>;

let s: Started | undefined;
let sockets: Socket[] = [];

afterEach(async () => {
  for (const socket of sockets) socket.disconnect();
  sockets = [];
  await s?.mock.close();
  s = undefined;
});

function started(): Started {
  if (!s) throw new Error('the mock is not running');
  return s;
}

/** A clock the test moves by hand; sleeps yield to the event loop only. */
function fakeClock(start = Date.parse('2026-01-01T00:00:00.000Z')) {
  let t = start;
  const clock: Clock = { now: () => t, sleep: () => new Promise((resolve) => setTimeout(resolve, 0)) };
  return { clock, advance: (ms: number) => (t += ms), now: () => t };
}

/** The payload of a success body: `data` in documented, the raw body in elizaos-1.7. */
function payloadOf(profile: Profile, body: unknown): Dict {
  const b = body as Dict;
  return (profile === 'documented' ? b.data : b) as Dict;
}

/** `{code, message}` of a sessions error (documented envelope or E4). */
function sessionErrorOf(body: unknown): { code: string; message: string } {
  return (body as { error: { code: string; message: string } }).error;
}

/** The message of a jobs error: documented `error.message`, 1.7.2 E2 `error` (a string). */
function jobErrorOf(body: unknown): string {
  const error = (body as { error: unknown }).error;
  return typeof error === 'string' ? error : (error as { message: string }).message;
}

async function createSession(profile: Profile, extra: Dict = {}): Promise<Dict> {
  const r = await started().request('POST', '/api/messaging/sessions', { body: { agentId: DEFAULT_AGENT.id, userId: randomUUID(), ...extra } });
  expect(r.status).toBe(201);
  return payloadOf(profile, r.body);
}

const sessionPath = (id: unknown, rest = '') => `/api/messaging/sessions/${String(id)}${rest}`;

/** The first `event` whose payload passes `match`, or a rejection after `ms`. */
function waitForEvent(socket: Socket, event: string, match: (payload: Dict) => boolean, ms = 3000): Promise<Dict> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no ${event} within ${ms} ms`));
    }, ms);
    const listener = (payload: Dict) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

async function joinedSocket(url: string, channelId: string): Promise<{ socket: Socket; broadcasts: Dict[] }> {
  const socket = io(url, { auth: { entityId: randomUUID() }, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  const broadcasts: Dict[] = [];
  socket.on('messageBroadcast', (payload: Dict) => broadcasts.push(payload));
  await waitForEvent(socket, 'connection_established', () => true);
  const joined = waitForEvent(socket, 'channel_joined', (p) => p.channelId === channelId);
  socket.emit('message', { type: 1, payload: { channelId } });
  await joined;
  return { socket, broadcasts };
}

function parseSse(text: string): { event: string; data: Dict }[] {
  return text
    .split('\n\n')
    .filter((frame) => frame.trim().length > 0)
    .map((frame) => {
      const event = /^event: (.*)$/m.exec(frame)?.[1] ?? '';
      const data = /^data: (.*)$/m.exec(frame)?.[1] ?? 'null';
      return { event, data: JSON.parse(data) as Dict };
    });
}

/** Resolves once `condition` holds, checking every 10 ms; rejects after `ms`. */
async function until(condition: () => boolean, ms = 2000): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited >= ms) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Polls a job until `done` holds (bounded). */
async function pollJob(profile: Profile, jobId: unknown, done: (job: Dict) => boolean): Promise<Dict> {
  for (let i = 0; i < 100; i += 1) {
    const r = await started().request('GET', `/api/messaging/jobs/${String(jobId)}`);
    const job = payloadOf(profile, r.body);
    if (done(job)) return job;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`job ${String(jobId)} did not settle`);
}

async function createsAndReads(profile: Profile): Promise<void> {
  const m = (s = await startMock(profile, { clock: fakeClock().clock }));
  const session = await createSession(profile, { metadata: { topic: 'tests' } });
  expect(session).toMatchObject({ agentId: DEFAULT_AGENT.id, metadata: { topic: 'tests' }, timeoutConfig: { timeoutMinutes: 30, autoRenew: true, maxDurationMinutes: 720, warningThresholdMinutes: 5 } });
  const got = await m.request('GET', sessionPath(session.sessionId));
  expect(got.status).toBe(200);
  expect(payloadOf(profile, got.body)).toMatchObject({ sessionId: session.sessionId, channelId: session.channelId, renewalCount: 0, timeRemaining: 30 * 60_000, isNearExpiration: false });
  const listed = payloadOf(profile, (await m.request('GET', '/api/messaging/sessions')).body);
  expect(listed).toMatchObject({ total: 1, sessions: [{ sessionId: session.sessionId }], stats: { totalSessions: 1, activeSessions: 1, expiredSessions: 0 } });
  const health = payloadOf(profile, (await m.request('GET', '/api/messaging/sessions/health')).body);
  expect(health).toMatchObject({ status: 'healthy', activeSessions: 1, expiringSoon: 0 });
  const participants = (await m.request('GET', `/api/messaging/channels/${String(session.channelId)}/participants`)).body as Dict;
  expect(participants.data).toEqual(profile === 'documented' ? [DEFAULT_AGENT.id, session.userId] : [DEFAULT_AGENT.id]);
  expect(m.violations).toEqual([]);
}

async function answersOverHttp(profile: Profile): Promise<void> {
  const m = (s = await startMock(profile));
  const session = await createSession(profile, { metadata: { topic: 'tests' } });
  const http = await m.request('POST', sessionPath(session.sessionId, '/messages'), { body: { content: 'hello', transport: 'http', metadata: { mood: 'fine' } } });
  expect(http.status).toBe(201);
  expect(payloadOf(profile, http.body)).toMatchObject({
    userMessage: { content: 'hello', author_id: session.userId, source_type: 'user', raw_message: { content: 'hello' }, metadata: { sessionId: session.sessionId, topic: 'tests', mood: 'fine' } },
    agentResponse: { text: 'echo: hello', actions: ['REPLY'] },
    sessionStatus: { renewalCount: 1, wasRenewed: true, isNearExpiration: false },
  });
  if (isRelease(profile)) expect(http.body).toMatchObject({ success: true });
  const legacy = await m.request('POST', sessionPath(session.sessionId, '/messages'), { body: { content: 'again', mode: 'sync' } });
  expect(payloadOf(profile, legacy.body)).toMatchObject({ agentResponse: { text: 'echo: again' }, sessionStatus: { renewalCount: 2 } });
  expect(m.violations).toEqual([]);
}

async function answersOnTheSocket(profile: Profile): Promise<void> {
  const m = (s = await startMock(profile));
  const session = await createSession(profile);
  const { socket, broadcasts } = await joinedSocket(m.url, String(session.channelId));
  const reply = waitForEvent(socket, 'messageBroadcast', (p) => p.text === 'echo: over the socket');
  const ws = await m.request('POST', sessionPath(session.sessionId, '/messages'), { body: { content: 'over the socket' } });
  expect(ws.status).toBe(201);
  expect(payloadOf(profile, ws.body)).toMatchObject({ userMessage: { content: 'over the socket' }, sessionStatus: { wasRenewed: true } });
  expect(payloadOf(profile, ws.body)).not.toHaveProperty('agentResponse');
  expect(await reply).toMatchObject({ senderId: DEFAULT_AGENT.id, roomId: session.channelId });
  expect(broadcasts.filter((b) => b.text === 'over the socket')).toEqual([]);
  expect(m.violations).toEqual([]);
}

async function streamsOverSse(profile: Profile): Promise<void> {
  const m = (s = await startMock(profile));
  const session = await createSession(profile);
  const sse = await m.request('POST', sessionPath(session.sessionId, '/messages'), { body: { content: 'stream me', transport: 'sse' } });
  expect(sse.status).toBe(200);
  expect(sse.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const events = parseSse(String(sse.body));
  expect(events[0]).toMatchObject({ event: 'user_message', data: { content: 'stream me', channel_id: session.channelId } });
  const chunks = events.filter((e) => e.event === 'chunk');
  expect(chunks.length).toBeGreaterThan(1);
  expect(chunks.map((c) => c.data.chunk).join('')).toBe('echo: stream me');
  expect(chunks.map((c) => c.data.index)).toEqual(chunks.map((_c, i) => i));
  expect(events[events.length - 1]).toMatchObject({ event: 'done', data: { text: 'echo: stream me', responseId: chunks[0]?.data.messageId } });
  expect(events.length).toBe(chunks.length + 2);
  expect(m.violations).toEqual([]);
}

async function listsMessages(profile: Profile): Promise<void> {
  const m = (s = await startMock(profile));
  const session = await createSession(profile);
  for (const content of ['one', 'two']) await m.request('POST', sessionPath(session.sessionId, '/messages'), { body: { content, transport: 'http' } });
  const all = payloadOf(profile, (await m.request('GET', sessionPath(session.sessionId, '/messages'))).body);
  const messages = all.messages as Dict[];
  expect(messages.map((x) => x.content)).toEqual(['echo: two', 'two', 'echo: one', 'one']);
  expect(messages.map((x) => x.isAgent)).toEqual([true, false, true, false]);
  expect(messages[0]).toMatchObject({ authorId: DEFAULT_AGENT.id, metadata: { thought: 'Echo the message back.', actions: ['REPLY'] } });
  expect(messages[1]).toMatchObject({ authorId: session.userId, metadata: { sessionId: session.sessionId } });
  expect(all.hasMore).toBe(false);
  const page = payloadOf(profile, (await m.request('GET', sessionPath(session.sessionId, '/messages?limit=2'))).body);
  expect(page).toMatchObject({ hasMore: true, cursors: { before: expect.any(Number), after: expect.any(Number) } });
  expect((page.messages as Dict[]).map((x) => x.content)).toEqual(['echo: two', 'two']);
  expect(m.violations).toEqual([]);
}

async function keepsAliveAndDeletes(profile: Profile): Promise<void> {
  const m = (s = await startMock(profile, { clock: fakeClock().clock }));
  const { sessionId: id } = await createSession(profile);
  const beat = await m.request('POST', sessionPath(id, '/heartbeat'));
  expect([beat.status, payloadOf(profile, beat.body).renewalCount]).toEqual([200, 1]);
  const renewed = await m.request('POST', sessionPath(id, '/renew'));
  expect([renewed.status, payloadOf(profile, renewed.body).renewalCount]).toEqual([200, 2]);
  const patched = await m.request('PATCH', sessionPath(id, '/timeout'), { body: { timeoutMinutes: '60' } });
  expect(patched.status).toBe(200);
  expect(payloadOf(profile, patched.body)).toMatchObject({ timeoutConfig: { timeoutMinutes: 60 }, timeRemaining: 60 * 60_000 });
  const deleted = await m.request('DELETE', sessionPath(id));
  expect(deleted.status).toBe(200);
  const message = `Session ${String(id)} deleted successfully`;
  expect(deleted.body).toEqual(profile === 'documented' ? { success: true, data: { message } } : { success: true, message });
  const gone = await m.request('GET', sessionPath(id));
  expect(gone.status).toBe(404);
  expect(sessionErrorOf(gone.body)).toMatchObject({ code: profile === 'documented' ? 'NOT_FOUND' : 'SESSION_NOT_FOUND', message: `Session with ID '${String(id)}' not found` });
  expect((await m.request('DELETE', sessionPath(id))).status).toBe(404);
  expect(m.violations).toEqual([]);
}

describe.each(PROFILES)('session lifecycle (%s)', (profile: Profile) => {
  it('creates, reads, lists and reports health', () => createsAndReads(profile));
  it('answers over http with agentResponse (transport http, legacy mode sync)', () => answersOverHttp(profile));
  it('delivers the reply on the socket (websocket), with no broadcast of the user message', () => answersOnTheSocket(profile));
  it('streams the reply over sse: user_message, chunks, done', () => streamsOverSse(profile));
  it('lists messages newest first, with paging', () => listsMessages(profile));
  it('keeps alive (heartbeat, renew, timeout) and deletes', () => keepsAliveAndDeletes(profile));
});

async function refusesBadCreates(profile: Profile): Promise<void> {
  const m = (s = await startMock(profile));
  const create = (body: Dict) => m.request('POST', '/api/messaging/sessions', { body });
  const missing = await create({ agentId: DEFAULT_AGENT.id });
  expect(missing.status).toBe(400);
  expect(sessionErrorOf(missing.body)).toMatchObject({ code: 'VALIDATION_ERROR', message: 'Missing required fields: agentId, userId', details: { missingFields: ['agentId', 'userId'] } });
  const badUser = await create({ agentId: DEFAULT_AGENT.id, userId: 'nope' });
  expect(badUser.status).toBe(400);
  expect(sessionErrorOf(badUser.body)).toMatchObject({ code: 'VALIDATION_ERROR', message: "Invalid UUID format for field 'userId'", details: { providedValue: 'nope', expectedFormat: 'UUID v4' } });
  const ghost = randomUUID();
  const noAgent = await create({ agentId: ghost, userId: randomUUID() });
  expect(noAgent.status).toBe(404);
  expect(sessionErrorOf(noAgent.body)).toMatchObject({ code: profile === 'documented' ? 'NOT_FOUND' : 'AGENT_NOT_FOUND', message: `Agent with ID '${ghost}' not found` });
  const big = await create({ agentId: DEFAULT_AGENT.id, userId: randomUUID(), metadata: { blob: 'x'.repeat(10_240) } });
  expect(sessionErrorOf(big.body)).toMatchObject({ code: 'VALIDATION_ERROR', message: 'Invalid metadata: Metadata exceeds maximum size of 10240 bytes' });
  if (isRelease(profile)) expect((noAgent.body as { error: Dict }).error).toMatchObject({ timestamp: expect.any(String), stack: expect.any(String) });
  expect(m.violations).toEqual([]);
}

async function refusesBadMessages(profile: Profile): Promise<void> {
  const m = (s = await startMock(profile));
  const session = await createSession(profile);
  const send = (body: Dict) => m.request('POST', sessionPath(session.sessionId, '/messages'), { body });
  const pigeon = await send({ content: 'hi', transport: 'pigeon' });
  expect(pigeon.status).toBe(400);
  expect(sessionErrorOf(pigeon.body).message).toBe('Invalid content: Invalid transport "pigeon". Must be one of: http, sse, websocket, sync, stream');
  const unknownFirst = await m.request('POST', sessionPath(randomUUID(), '/messages'), { body: { content: 'hi', transport: 7 } });
  expect([unknownFirst.status, sessionErrorOf(unknownFirst.body).message]).toEqual([400, 'Invalid content: Invalid transport type "number". Transport must be a string.']);
  const empty = await send({ content: '' });
  expect(sessionErrorOf(empty.body)).toMatchObject({ code: 'VALIDATION_ERROR', message: 'Invalid content: Content cannot be empty' });
  const long = await send({ content: 'x'.repeat(4001) });
  expect(sessionErrorOf(long.body).message).toBe('Invalid content: Content exceeds maximum length of 4000 characters');
  const cursor = await m.request('GET', sessionPath(session.sessionId, '/messages?before=soon'));
  expect([cursor.status, sessionErrorOf(cursor.body).message]).toEqual([400, "Invalid pagination parameter 'before': Must be a valid timestamp"]);
  const tooShort = await m.request('PATCH', sessionPath(session.sessionId, '/timeout'), { body: { timeoutMinutes: 3 } });
  expect(tooShort.status).toBe(400);
  expect(sessionErrorOf(tooShort.body)).toMatchObject({ code: 'VALIDATION_ERROR', message: 'Invalid timeout configuration: Timeout must be between 5 and 1440 minutes', details: { providedConfig: { timeoutMinutes: 3 } } });
  const unknown = await m.request('POST', sessionPath(randomUUID(), '/heartbeat'));
  expect(unknown.status).toBe(404);
  expect(m.violations).toEqual([]);
}

async function expiresOnTheClock(profile: Profile): Promise<void> {
  const time = fakeClock();
  const m = (s = await startMock(profile, { clock: time.clock }));
  const session = await createSession(profile, { timeoutConfig: { timeoutMinutes: 1, autoRenew: false } });
  expect(session.timeoutConfig).toEqual({ timeoutMinutes: 5, autoRenew: false, maxDurationMinutes: 720, warningThresholdMinutes: 5 });
  expect(session.expiresAt).toBe(new Date(time.now() + 5 * 60_000).toISOString());
  const fresh = payloadOf(profile, (await m.request('GET', sessionPath(session.sessionId))).body);
  expect(fresh).toMatchObject({ timeRemaining: 5 * 60_000, isNearExpiration: true });
  time.advance(2 * 60_000);
  const beat = payloadOf(profile, (await m.request('POST', sessionPath(session.sessionId, '/heartbeat'))).body);
  expect(beat).toMatchObject({ renewalCount: 0, timeRemaining: 3 * 60_000 });
  time.advance(3 * 60_000);
  const health = payloadOf(profile, (await m.request('GET', '/api/messaging/sessions/health')).body);
  expect(health).toMatchObject({ activeSessions: 0, uptime: 300 });
  const listed = payloadOf(profile, (await m.request('GET', '/api/messaging/sessions')).body);
  expect(listed).toMatchObject({ total: 0, stats: { totalSessions: 1, activeSessions: 0, expiredSessions: 1 } });
  const expired = await m.request('GET', sessionPath(session.sessionId));
  expect(expired.status).toBe(410);
  expect(sessionErrorOf(expired.body)).toMatchObject({ code: profile === 'documented' ? 'GONE' : 'SESSION_EXPIRED', message: `Session '${String(session.sessionId)}' expired at ${String(session.expiresAt)}` });
  expect((await m.request('GET', sessionPath(session.sessionId))).status).toBe(404);
  expect(m.violations).toEqual([]);
}

async function renewsFromNow(profile: Profile): Promise<void> {
  const time = fakeClock();
  const m = (s = await startMock(profile, { clock: time.clock }));
  const session = await createSession(profile, { timeoutConfig: { autoRenew: false } });
  time.advance(20 * 60_000);
  const sent = await m.request('POST', sessionPath(session.sessionId, '/messages'), { body: { content: 'still here', transport: 'http' } });
  expect(payloadOf(profile, sent.body)).toMatchObject({ sessionStatus: { wasRenewed: false, renewalCount: 0, expiresAt: session.expiresAt } });
  const renewed = payloadOf(profile, (await m.request('POST', sessionPath(session.sessionId, '/renew'))).body);
  expect(renewed).toMatchObject({ renewalCount: 1, timeRemaining: 30 * 60_000, expiresAt: new Date(time.now() + 30 * 60_000).toISOString() });
  time.advance(30 * 60_000);
  const late = await m.request('POST', sessionPath(session.sessionId, '/messages'), { body: { content: 'late' } });
  expect(late.status).toBe(410);
  expect(m.violations).toEqual([]);
}

describe.each(PROFILES)('session errors and expiry (%s)', (profile: Profile) => {
  it('refuses bad creates with the exact messages', () => refusesBadCreates(profile));
  it('refuses bad messages, cursors and timeouts with the exact messages', () => refusesBadMessages(profile));
  it('expires on the clock: 410, then gone; the timeout is clamped to 5 minutes', () => expiresOnTheClock(profile));
  it('renews from now on request, even without autoRenew', () => renewsFromNow(profile));
});

describe.each(PROFILES)('jobs (%s)', (profile: Profile) => {
  it('refuses bad jobs with the exact messages', async () => {
    s = await startMock(profile);
    const post = (body: Dict) => started().request('POST', '/api/messaging/jobs', { body });
    const userId = randomUUID();
    const cases: [Dict, number, string][] = [
      [{ userId: 'nope', content: 'x' }, 400, 'Invalid userId format (must be valid UUID)'],
      [{ content: 'x' }, 400, 'userId is required and must be a valid UUID string'],
      [{ userId, content: '' }, 400, 'content cannot be empty'],
      [{ userId, content: 'x', timeoutMs: 10 }, 400, 'timeoutMs must be at least 1000ms'],
      [{ userId, content: 'x', timeoutMs: 300_001 }, 400, 'timeoutMs cannot exceed 300000ms'],
      [{ userId, content: 'x', agentId: 'nope' }, 400, 'Invalid agentId format (must be valid UUID)'],
    ];
    for (const [body, status, message] of cases) {
      const r = await post(body);
      expect([r.status, jobErrorOf(r.body)]).toEqual([status, message]);
    }
    const ghost = randomUUID();
    const unknown = await post({ userId, content: 'x', agentId: ghost });
    expect([unknown.status, jobErrorOf(unknown.body)]).toEqual([404, `Agent ${ghost} not found`]);
    const missing = await s.request('GET', `/api/messaging/jobs/${randomUUID()}`);
    expect([missing.status, jobErrorOf(missing.body)]).toEqual([404, 'Job not found']);
    expect((await s.request('POST', `/api/agents/${DEFAULT_AGENT.id}/stop`)).status).toBe(200);
    const none = await post({ userId, content: 'x' });
    expect([none.status, jobErrorOf(none.body)]).toEqual([404, 'No agents available on server']);
    expect(s.violations).toEqual([]);
  });
});

describe('jobs (documented)', () => {
  it('completes with the agent reply', async () => {
    s = await startMock('documented');
    const r = await s.request('POST', '/api/messaging/jobs', { body: { userId: randomUUID(), content: 'do it', metadata: { ticket: 7 } } });
    expect(r.status).toBe(201);
    const created = payloadOf('documented', r.body);
    expect(created).toMatchObject({ status: 'processing', expiresAt: Number(created.createdAt) + 30_000 });
    const job = await pollJob('documented', created.jobId, (j) => j.status !== 'processing');
    expect(job).toMatchObject({ status: 'completed', agentId: DEFAULT_AGENT.id, prompt: 'do it', metadata: { ticket: 7 }, result: { message: { content: 'echo: do it', authorId: DEFAULT_AGENT.id } } });
    const health = payloadOf('documented', (await s.request('GET', '/api/messaging/jobs/health')).body);
    expect(health).toMatchObject({ healthy: true, totalJobs: 1, statusCounts: { completed: 1, processing: 0 }, metrics: { successRate: 1 }, maxJobs: 10_000 });
    const list = payloadOf('documented', (await s.request('GET', '/api/messaging/jobs?status=completed')).body);
    expect(list).toMatchObject({ total: 1, filtered: 1, jobs: [{ jobId: created.jobId }] });
    expect(s.violations).toEqual([]);
  });

  it('times out when the agent stays silent', async () => {
    const time = fakeClock();
    s = await startMock('documented', { clock: time.clock, agent: 'silent' });
    const created = payloadOf('documented', (await s.request('POST', '/api/messaging/jobs', { body: { userId: randomUUID(), content: 'anyone?', timeoutMs: 1000 } })).body);
    time.advance(1001);
    const job = payloadOf('documented', (await s.request('GET', `/api/messaging/jobs/${String(created.jobId)}`)).body);
    expect(job).toMatchObject({ status: 'timeout', error: 'Job timed out waiting for agent response' });
    expect(job).not.toHaveProperty('result');
    expect(s.violations).toEqual([]);
  });
});

describe('jobs (elizaos-1.7)', () => {
  it('never completes (1.7.2): processing until expiresAt, then timeout', async () => {
    const time = fakeClock();
    s = await startMock('elizaos-1.7', { clock: time.clock });
    const r = await s.request('POST', '/api/messaging/jobs', { body: { userId: randomUUID(), content: 'do it', timeoutMs: 1000 } });
    expect(r.status).toBe(201);
    const created = r.body as Dict;
    expect(created).toEqual({ jobId: expect.any(String), status: 'processing', createdAt: time.now(), expiresAt: time.now() + 1000 });
    await until(() => [...started().mock.state.messages.values()].some((m) => m.sourceType === 'agent_response'));
    const processing = await s.request('GET', `/api/messaging/jobs/${String(created.jobId)}`);
    expect(processing.body).toMatchObject({ status: 'processing', prompt: 'do it' });
    time.advance(1001);
    const timedOut = await s.request('GET', `/api/messaging/jobs/${String(created.jobId)}`);
    expect(timedOut.body).toMatchObject({ status: 'timeout', error: 'Job timed out waiting for agent response' });
    const list = await s.request('GET', '/api/messaging/jobs?status=timeout');
    expect(list.body).toMatchObject({ total: 1, filtered: 1 });
    const health = await s.request('GET', '/api/messaging/jobs/health');
    expect(health.body).toMatchObject({ statusCounts: { timeout: 1 }, metrics: { timeoutRate: 1, successRate: 0 } });
    expect(s.violations).toEqual([]);
  });
});
