import * as apiClient from '@elizaos/api-client';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMswMock, DEFAULT_AGENT, fail, rest } from '../../mock-server/msw/index.js';
import { agentsPanel, type AgentsClient } from './agents-panel.js';

// The package's .d.ts files do not resolve under NodeNext (see test/mock/api-client.test.ts): typed by hand here.
const { ElizaClient } = apiClient as unknown as { ElizaClient: new (config: { baseUrl: string }) => AgentsClient };

const mock = createMswMock({ profile: 'elizaos-1.7', agents: 2, seed: 3, logLevel: 'silent' });
const server = setupServer(...mock.handlers);
const client = new ElizaClient({ baseUrl: mock.baseUrl });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.reset());
afterAll(() => server.close());

describe('agents panel against the MSW mock', () => {
  it('lists the seeded agents by name', async () => {
    const rows = await agentsPanel(client);
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.id)).toContain(DEFAULT_AGENT.id);
    expect(rows.map((r) => r.label)).toEqual([...rows.map((r) => r.label)].sort((a, b) => a.localeCompare(b)));
  });

  it('surfaces a server error as the client throws it', async () => {
    mock.use(rest('agents.list', () => fail('INTERNAL_ERROR', 'boom')));
    await expect(agentsPanel(client)).rejects.toThrow();
  });
});
