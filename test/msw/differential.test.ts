import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restOperations, type Profile, type RestOperation } from '../../spec/index.js';
import { createMockServer, DEFAULT_AGENT, systemClock, type Clock, type MockServer } from '../../mock-server/index.js';
import { createMswMock, type MswMock } from '../../mock-server/msw/index.js';
import type { MockState } from '../../mock-server/state/state.js';
import { normalise } from './normalise.js';
import { levelIn } from '../../spec/profiles.js';

const BASE = 'http://eliza.msw.test';
const USER = '7d3f1c2a-4b5e-4f60-8a71-9b8c7d6e5f40';
const MISSING = 'a0a0a0a0-a0a0-4a0a-8a0a-a0a0a0a0a0a0';
/** Both sides read one frozen clock, so durations such as a session's `timeRemaining` agree to the millisecond. */
const frozen: Clock = { now: () => Date.UTC(2025, 0, 1), sleep: (ms) => systemClock.sleep(ms) };
const OPTIONS = { seed: 7, agents: 2, logLevel: 'silent' as const, thinkMs: 0, clock: frozen };

interface Exchange {
  status: number;
  body: unknown;
}

async function call(base: string, method: string, path: string, body?: unknown): Promise<Exchange> {
  const init = body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const response = await fetch(`${base}${path}`, init);
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: compare the text
  }
  return { status: response.status, body: parsed };
}

/** The same writes on both sides, so both hold a group channel and a session besides the seeded agents. */
async function prepare(base: string): Promise<void> {
  await call(base, 'POST', '/api/messaging/channels', { name: 'differential', message_server_id: '00000000-0000-0000-0000-000000000000', participantCentralUserIds: [DEFAULT_AGENT.id, USER] });
  await call(base, 'POST', '/api/messaging/sessions', { agentId: DEFAULT_AGENT.id, userId: USER });
}

/** Path params from the state: the first record of each kind, or an id that exists nowhere (both then say 404). */
function fill(path: string, state: MockState): string {
  const first = <T>(map: Map<string, T>) => [...map.keys()][0] ?? MISSING;
  const values: Record<string, string> = {
    agentId: DEFAULT_AGENT.id,
    channelId: first(state.channels),
    roomId: first(state.rooms),
    runId: first(state.runs),
    sessionId: first(state.sessions),
    jobId: first(state.jobs),
    messageServerId: state.messageServerId,
    serverId: state.messageServerId,
    filename: 'missing.png',
  };
  return path.replace(/:(\w+)/g, (_m, name: string) => values[name] ?? MISSING);
}

const reads = (profile: Profile): RestOperation[] => restOperations.filter((op) => op.method === 'GET' && levelIn(op.profiles, profile));

describe.each(['elizaos-1.7', 'documented'] as const)('MSW handlers and the mock server over HTTP (%s)', (profile) => {
  let real: MockServer;
  let url: string;
  let msw: MswMock;
  const server = setupServer();
  const statuses = new Map<string, number>();

  beforeAll(async () => {
    real = createMockServer({ profile, ...OPTIONS });
    url = await real.listen(0, '127.0.0.1');
    // The server logs "listening on <url>", which GET /api/server/logs returns; MSW never listens.
    real.context.logger.clear();
    msw = createMswMock({ profile, baseUrl: BASE, ...OPTIONS });
    server.use(...msw.handlers);
    server.listen({ onUnhandledRequest: 'bypass' });
    await prepare(url);
    await prepare(BASE);
  });

  afterAll(async () => {
    server.close();
    await real.close();
  });

  it('holds the same state after the same writes', () => {
    expect(normalise(msw.state.summary())).toEqual(normalise(real.state.summary()));
    expect(msw.state.channels.size).toBeGreaterThan(0);
  });

  it.each(reads(profile).map((op) => [op.id, op] as const))('%s answers the same status and body', async (_id, op) => {
    const path = fill(op.path, real.state);
    expect(fill(op.path, msw.state)).toBe(path);
    const [viaMsw, viaHttp] = await Promise.all([call(BASE, 'GET', path), call(url, 'GET', path)]);
    statuses.set(op.id, viaHttp.status);
    expect({ status: viaMsw.status, body: normalise(viaMsw.body) }).toEqual({ status: viaHttp.status, body: normalise(viaHttp.body) });
  });

  it('compares mostly successes, not a wall of 404s', () => {
    const ok = [...statuses.values()].filter((s) => s < 300).length;
    expect(statuses.size).toBe(reads(profile).length);
    expect(ok / statuses.size).toBeGreaterThan(0.6);
  });
});

describe('the differential can fail', () => {
  it('the normaliser keeps names, counts and statuses', () => {
    const a = { success: true, data: { agents: [{ id: DEFAULT_AGENT.id, name: 'Eliza', createdAt: 1 }] } };
    const renamed = { success: true, data: { agents: [{ id: DEFAULT_AGENT.id, name: 'Elisa', createdAt: 2 }] } };
    expect(normalise(renamed)).not.toEqual(normalise(a));
    expect(normalise({ ...a, data: { agents: [] } })).not.toEqual(normalise(a));
    expect(normalise({ ...a, createdAt: 5 })).toEqual(normalise({ ...a, createdAt: 9 }));
  });

  it('keeps two different ids apart where the same id appears twice', () => {
    const same = { from: USER, to: USER };
    const different = { from: USER, to: MISSING };
    expect(normalise(different)).not.toEqual(normalise(same));
  });

  it('a mock seeded differently answers differently', async () => {
    const real = createMockServer({ profile: 'elizaos-1.7', ...OPTIONS });
    const url = await real.listen(0, '127.0.0.1');
    const msw = createMswMock({ profile: 'elizaos-1.7', baseUrl: BASE, ...OPTIONS, agents: 3 });
    const server = setupServer(...msw.handlers);
    server.listen({ onUnhandledRequest: 'bypass' });
    try {
      const [viaMsw, viaHttp] = await Promise.all([call(BASE, 'GET', '/api/agents'), call(url, 'GET', '/api/agents')]);
      expect(viaMsw.status).toBe(viaHttp.status);
      expect(normalise(viaMsw.body)).not.toEqual(normalise(viaHttp.body));
    } finally {
      server.close();
      await real.close();
    }
  });
});
