import { afterEach, describe, expect, it } from 'vitest';
import { startMock, type Started } from './harness.js';

let s: Started | undefined;
afterEach(async () => {
  await s?.mock.close();
  s = undefined;
});

describe('mock smoke', () => {
  it('serves agents in both profiles', async () => {
    s = await startMock('elizaos-1.7');
    const r = await s.request('GET', '/api/agents');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ success: true, data: { agents: [{ name: 'Eliza', status: 'active' }] } });
    const bad = await s.request('GET', '/api/agents/not-a-uuid');
    expect(bad).toMatchObject({ status: 400, body: { success: false, error: { code: 'INVALID_ID', message: 'Invalid agent ID format' } } });
    const worlds = await s.request('GET', '/api/agents/worlds');
    expect(worlds.status).toBe(400);
    const ping = await s.request('GET', '/api/server/ping');
    expect(ping).toMatchObject({ status: 200, body: { pong: true } });
    expect(s.violations).toEqual([]);
  });
});
