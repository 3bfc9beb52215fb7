import { afterEach, describe, expect, it } from 'vitest';
import { createMockServer, createState, fail, ok, rest, DEFAULT_AGENT, MockConfigError, type StateOptions } from '../../mock-server/index.js';
import { startMock, type Started } from './harness.js';

let s: Started | undefined;
afterEach(async () => {
  await s?.mock.close();
  s = undefined;
});

describe('the mock handle', () => {
  it('reset() returns to the seeded state and drops overrides', async () => {
    s = await startMock('elizaos-1.7', { agents: 2, seed: 5 });
    const seeded = JSON.stringify([...s.mock.state.agents.values()].map((a) => [a.id, a.name]));
    await s.request('POST', '/api/messaging/channels', { body: { name: 'x', participantCentralUserIds: [], message_server_id: '00000000-0000-0000-0000-000000000000' } });
    s.mock.use(rest('agents.list', () => ok({ agents: [] })));
    expect(s.mock.state.summary().channels).toBe(1);
    s.mock.reset();
    expect(s.mock.state.summary().channels).toBe(0);
    expect(JSON.stringify([...s.mock.state.agents.values()].map((a) => [a.id, a.name]))).toBe(seeded);
    expect(((await s.request('GET', '/api/agents')).body as { data: { agents: unknown[] } }).data.agents).toHaveLength(3);
  });

  it('starts from a store handed in, and returns to it on reset()', async () => {
    const store = (seeded: StateOptions) => {
      const state = createState(seeded);
      state.agents.set('a9e00000-0000-4000-8000-000000000002', { ...state.agents.get(DEFAULT_AGENT.id)!, id: 'a9e00000-0000-4000-8000-000000000002', name: 'Prepared' });
      return state;
    };
    s = await startMock('elizaos-1.7', { store });
    const names = async () => ((await s!.request('GET', '/api/agents')).body as { data: { agents: { name: string }[] } }).data.agents.map((a) => a.name);
    expect(await names()).toEqual(['Eliza', 'Prepared']);
    await s.request('DELETE', '/api/agents/a9e00000-0000-4000-8000-000000000002');
    expect(await names()).toEqual(['Eliza']);
    s.mock.reset();
    expect(await names()).toEqual(['Eliza', 'Prepared']);
  });

  it('generates the same agents for the same seed, other ones for another seed', () => {
    const names = (seed: number) => [...createMockServer({ seed, agents: 3, logLevel: 'silent' }).state.agents.values()].map((a) => `${a.id} ${a.name}`);
    expect(names(7)).toEqual(names(7));
    expect(names(7)).not.toEqual(names(8));
    expect(names(7)[0]).toBe(`${DEFAULT_AGENT.id} ${DEFAULT_AGENT.name}`);
  });

  it('use(): the first matching override wins, `once` lasts one request, aliases are covered', async () => {
    s = await startMock('elizaos-1.7');
    s.mock.use(rest('agents.get', () => fail('NOT_FOUND', 'Agent not found'), { once: true }), rest('agents.get', () => fail('INVALID_ID', 'Invalid agent ID format')));
    expect((await s.request('GET', `/api/agents/${DEFAULT_AGENT.id}`)).status).toBe(404);
    expect((await s.request('GET', `/api/agents/${DEFAULT_AGENT.id}`)).status).toBe(400);
    s.mock.use(rest('messaging.message-servers.list', () => ok({ messageServers: [] })));
    expect((await s.request('GET', '/api/messaging/message-servers')).body).toEqual({ success: true, data: { messageServers: [] } });
    expect(s.violations).toEqual([]);
  });

  it('reports what happens on typed events', async () => {
    s = await startMock('elizaos-1.7');
    const requests: string[] = [];
    s.mock.events.on('request', (r) => requests.push(`${r.operationId} ${r.status}`));
    await s.request('GET', '/api/agents');
    await s.request('GET', '/api/agents/nope');
    expect(requests).toEqual(['agents.list 200', 'agents.get 400']);
  });

  it('reports a response that does not fit the spec (validateResponses)', async () => {
    s = await startMock('elizaos-1.7');
    s.mock.use(rest('agents.list', () => ok({ agents: [{ id: 'not-a-uuid' }] })));
    await s.request('GET', '/api/agents');
    expect(s.violations).toEqual([{ where: 'agents.list 200 (elizaos-1.7)', issues: expect.arrayContaining([expect.stringMatching(/^data\.agents\.0\.id: /)]) }]);
  });

  it('refuses a bad configuration with a named error that says the fix', () => {
    expect(() => createMockServer({ chunkSize: 0 })).toThrow(MockConfigError);
    expect(() => createMockServer({ chunkSize: 0 })).toThrow(/chunkSize must be at least 1/);
    expect(() => createMockServer({ profile: 'v2' as never })).toThrow(/profile must be "documented" or "elizaos-1.7"/);
    expect(() => createMockServer({ rateLimit: { limit: 0, windowMs: 1 } })).toThrow(/e\.g\. \{ limit: 100, windowMs: 60000 \}/);
  });

  it('refuses an upload over the size limit, in the profile envelope', async () => {
    s = await startMock('documented', { maxUploadBytes: 1024 });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(4096)], { type: 'image/png' }), 'big.png');
    const response = await fetch(`${s.url}/api/media/agents/${DEFAULT_AGENT.id}/upload-media`, { method: 'POST', body: form });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ success: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
  });
});
