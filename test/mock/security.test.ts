import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { startMock, type Started } from './harness.js';

let s: Started | undefined;
afterEach(async () => {
  await s?.mock.close();
  s = undefined;
});

function connectError(url: string, auth: Record<string, unknown>, extraHeaders?: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    const socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders });
    const done = (value: string) => {
      socket.disconnect();
      resolve(value);
    };
    socket.once('connect', () => done('connected'));
    socket.once('connect_error', (error) => done(error.message));
    setTimeout(() => done('timeout'), 3000);
  });
}

describe('REST API key', () => {
  it('answers 401 E6 without the key and 200 with it (elizaos-1.7); /health, /healthz and OPTIONS stay open', async () => {
    s = await startMock('elizaos-1.7', { authToken: 'secret-token' });
    expect(await s.request('GET', '/api/agents')).toMatchObject({ status: 401, body: { error: 'API key required', message: 'Missing or invalid X-API-KEY header' } });
    expect((await s.request('GET', '/api/agents', { headers: { 'X-API-KEY': 'secret-tokeN' } })).status).toBe(401);
    expect((await s.request('GET', '/api/agents', { headers: { Authorization: 'Bearer secret-token' } })).status).toBe(401);
    expect((await s.request('GET', '/api/agents', { headers: { 'X-API-KEY': 'secret-token' } })).status).toBe(200);
    expect((await s.request('GET', '/api/nope')).status).toBe(401);
    expect((await s.request('GET', '/healthz')).status).toBe(200);
    expect((await s.request('GET', '/health')).status).toBe(200);
    expect((await s.request('OPTIONS', '/api/agents', { headers: { Origin: 'http://app.test', 'Access-Control-Request-Method': 'GET' } })).status).toBe(204);
    expect(s.violations).toEqual([]);
  });

  it('answers 401 UNAUTHORIZED in the documented envelope', async () => {
    s = await startMock('documented', { authToken: 'k' });
    expect(await s.request('GET', '/api/agents')).toMatchObject({ status: 401, body: { success: false, error: { code: 'UNAUTHORIZED' } } });
  });
});

describe('socket API key and handshake', () => {
  it('checks the socket key (auth.apiKey or x-api-key) before the entity id', async () => {
    s = await startMock('elizaos-1.7', { socketApiKey: 'sock' });
    expect(await connectError(s.url, { entityId: randomUUID() })).toBe('Invalid or missing API Key');
    expect(await connectError(s.url, { entityId: 'nope', apiKey: 'wrong' })).toBe('Invalid or missing API Key');
    expect(await connectError(s.url, { entityId: 'nope', apiKey: 'sock' })).toBe('Valid entityId required');
    expect(await connectError(s.url, { entityId: randomUUID(), apiKey: 'sock' })).toBe('connected');
  });

  it('keeps the REST key and the socket key apart, as 1.7.2 does', async () => {
    s = await startMock('elizaos-1.7', { authToken: 'rest-only' });
    expect(await connectError(s.url, { entityId: randomUUID() })).toBe('connected');
  });

  it('requires auth.entityId in elizaos-1.7, not in documented (the seeds send none)', async () => {
    s = await startMock('elizaos-1.7');
    expect(await connectError(s.url, {})).toBe('Valid entityId required');
    await s.mock.close();
    s = await startMock('documented');
    expect(await connectError(s.url, {})).toBe('connected');
    expect(await connectError(s.url, { entityId: 'not-a-uuid' })).toBe('Valid entityId required');
  });
});

describe('headers, CORS and rate limit', () => {
  it('sends the helmet and /api security headers, no X-Powered-By', async () => {
    s = await startMock('elizaos-1.7');
    const { headers } = await s.request('GET', '/api/agents');
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('x-powered-by')).toBeNull();
  });

  it('reflects any origin by default and only the configured one when set', async () => {
    s = await startMock('elizaos-1.7');
    const reflected = await s.request('GET', '/api/agents', { headers: { Origin: 'http://anything.test' } });
    expect(reflected.headers.get('access-control-allow-origin')).toBe('http://anything.test');
    await s.mock.close();
    s = await startMock('elizaos-1.7', { corsOrigin: 'http://app.test' });
    const preflight = await s.request('OPTIONS', '/api/agents', { headers: { Origin: 'http://evil.test', 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://app.test');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('X-API-KEY');
  });

  it('rate-limits /api when asked (429 E7 with Retry-After), and not by default', async () => {
    s = await startMock('elizaos-1.7', { rateLimit: { limit: 3, windowMs: 60_000 } });
    for (let i = 0; i < 3; i += 1) expect((await s.request('GET', '/api/agents')).status).toBe(200);
    const limited = await s.request('GET', '/api/agents');
    expect(limited).toMatchObject({ status: 429, body: { success: false, error: { code: 'RATE_LIMIT_EXCEEDED' } } });
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await s.request('GET', '/healthz')).status).toBe(200);
    await s.mock.close();
    s = await startMock('elizaos-1.7');
    for (let i = 0; i < 20; i += 1) expect((await s.request('GET', '/api/server/ping')).status).toBe(200);
  });
});
