import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../../mock-server/index.js';
import { PROFILES } from '../../spec/index.js';
import { detectProfile, profileForVersion } from '../../suites/index.js';
import { cli } from '../helpers/cli.js';

const mocks: MockServer[] = [];
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(mocks.splice(0).map((m) => m.close()));
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function mockIn(profile: (typeof PROFILES)[number]): Promise<string> {
  const mock = createMockServer({ profile, logLevel: 'silent', thinkMs: 0 });
  mocks.push(mock);
  return mock.listen(0, '127.0.0.1');
}

/** A server that answers JSON by path, 404 JSON elsewhere. */
async function answering(routes: Record<string, unknown>): Promise<string> {
  const server = createServer((req, res) => {
    const body = routes[req.url ?? ''];
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? { success: false, error: { code: 404, message: 'API endpoint not found' } }));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('profileForVersion', () => {
  it.each([
    ['1.7.2', 'elizaos-1.7'],
    ['1.7.0', 'elizaos-1.7'],
    ['1.6.5', 'elizaos-1.6'],
    ['1.6.1', 'elizaos-1.6'],
    ['1.5.8', 'elizaos-1.5'],
    ['1.7.3-alpha.4', 'elizaos-1.7.3'],
    ['1.7.3-alpha.5', 'elizaos-1.7.3'],
    ['1.9.0', 'elizaos-1.7'],
    ['1.2.0', 'elizaos-1.5'],
  ])('%s is %s', (version, profile) => {
    expect(profileForVersion(version)?.profile).toBe(profile);
  });

  it('gives no profile for a version it cannot read', () => {
    expect(profileForVersion('next')).toBeUndefined();
  });
});

describe('detectProfile', () => {
  it.each(PROFILES.map((p) => [p]))('picks %s for the mock in that profile', async (profile) => {
    const detected = await detectProfile(await mockIn(profile));
    expect(detected.profile).toBe(profile);
    expect(detected.why.length).toBeGreaterThan(10);
  });

  it('reads a server without a version route from its behaviour: no /message-servers is 1.5', async () => {
    const url = await answering({ '/api/agents': { success: true, data: { agents: [] } } });
    const detected = await detectProfile(url);
    expect(detected).toMatchObject({ profile: 'elizaos-1.5' });
    expect(detected.why).toContain('message-servers');
  });
});

describe('check --profile auto', () => {
  it('says which profile it picked and why, then runs it', async () => {
    const url = await mockIn('elizaos-1.6');
    const run = await cli('check', url, '--profile', 'auto', '--only', 'socket.connect.events', '--reporter', 'json');
    expect(run.stderr).toContain('profile auto: elizaos-1.6 (GET /api/system/version: its version is 1.6.5');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ profile: 'elizaos-1.6' });
  });

  it('stops with the preflight line on an unreachable target (exit 2)', async () => {
    const url = await answering({});
    servers.splice(0).forEach((s) => s.close());
    await new Promise((r) => setTimeout(r, 50));
    const run = await cli('check', url, '--profile', 'auto');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/ECONNREFUSED/);
  });
});
