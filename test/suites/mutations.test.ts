import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { describe, expect, it } from 'vitest';
import { createMockServer, fail, ok, rest, socketOut, type MockServer } from '../../mock-server/index.js';
import type { MockServerOptions } from '../../mock-server/options.js';
import type { Profile } from '../../spec/index.js';
import { allChecks, runConformance } from '../../suites/index.js';
import { brokenProxy, type Breakage } from './broken-proxy.js';

interface Mutation {
  check: string;
  profile: Profile;
  /** The defect: on the mock (overrides, faults), through a broken proxy, or a bare socket server. */
  mock?: (m: MockServer) => void;
  options?: MockServerOptions;
  proxy?: Breakage;
  bareSocketServer?: boolean;
  keys?: { apiKey?: string; socketApiKey?: string };
  /** What the finding must say. */
  says: RegExp;
}

const CHANNEL = { id: '0c0c0c0c-0000-4000-8000-000000000001', messageServerId: '00000000-0000-0000-0000-000000000000', name: 'fake', type: 'GROUP', metadata: {}, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
const drop = (event: string) => (m: MockServer) => m.use(socketOut(event, () => null));
const html = { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>ok</html>' };

const mutations: Mutation[] = [
  { check: 'rest.reads.conformance', profile: 'elizaos-1.7', mock: (m) => m.use(rest('agents.list', () => ok({ agents: [{ id: 'not-a-uuid' }] }))), says: /^agents\.list: the 200 body fits no declared variant .*agents\.0\.id/ },
  { check: 'rest.errors.invalid-uuid', profile: 'documented', mock: (m) => m.use(rest('messaging.channels.details', () => ok(CHANNEL))), says: /^messaging\.channels\.details: with channelId=not-a-uuid: status 200 is not among the expected/ },
  { check: 'rest.errors.missing-fields', profile: 'elizaos-1.7', mock: (m) => m.use(rest('messaging.message-servers.create', () => ok({ server: { ...CHANNEL, sourceType: 'x' } }, { status: 201 }))), says: /^messaging\.message-servers\.create: with an empty body: status 201 is not among the expected/ },
  { check: 'rest.errors.wrong-types', profile: 'elizaos-1.7', mock: (m) => m.use(rest('messaging.channels.agents.add', () => ok({ channelId: CHANNEL.id, agentId: CHANNEL.id, message: 'Agent added to channel successfully' }, { status: 201 }))), says: /^messaging\.channels\.agents\.add: with agentId = 42: status 201/ },
  { check: 'rest.errors.malformed-json', profile: 'documented', proxy: { answer: (r) => (r.body.startsWith('{"name": ') && !r.body.endsWith('}') ? { status: 500, headers: { 'content-type': 'text/html' }, body: '<pre>SyntaxError</pre>' } : undefined) }, says: /malformed json .*status 500 is not among the expected 400/ },
  { check: 'rest.errors.content-type', profile: 'elizaos-1.7', proxy: { answer: (r) => (r.headers['content-type'] === 'text/plain' ? { status: 201, headers: { 'content-type': 'application/json' }, body: '{}' } : undefined) }, says: /not json .*status 201 is not among the expected 400/ },
  { check: 'rest.errors.oversize-body', profile: 'documented', proxy: { answer: (r) => (r.body.length > 2_000_000 ? { status: 200, headers: { 'content-type': 'application/json' }, body: '{"success":true,"data":{}}' } : undefined) }, says: /over 2 mb .*status 200 is not among the expected 413/ },
  { check: 'rest.errors.unknown-route', profile: 'elizaos-1.7', proxy: { answer: (r) => (r.path.includes('no-such-route') ? { ...html, status: 404 } : undefined) }, says: /^unknown route: / },
  { check: 'rest.channels.lifecycle', profile: 'elizaos-1.7', mock: (m) => m.use(rest('messaging.channels.update', () => fail('INTERNAL_ERROR', 'Failed to update channel'))), says: /^messaging\.channels\.update: status 500 is not among the expected 200/ },
  { check: 'rest.agents.lifecycle', profile: 'documented', mock: (m) => m.use(rest('agents.start', () => ok({ id: CHANNEL.id, status: 'running' }))), says: /^agents\.start: the 200 body fits no declared variant/ },
  { check: 'rest.sessions.lifecycle', profile: 'elizaos-1.7', mock: (m) => m.use(rest('messaging.sessions.get', () => fail('NOT_FOUND', 'Session not found'))), says: /^messaging\.sessions\.get: status 404/ },
  { check: 'rest.jobs.lifecycle', profile: 'elizaos-1.7', mock: (m) => m.use(rest('messaging.jobs.get', () => fail('NOT_FOUND', 'Job not found'))), says: /^messaging\.jobs\.get: status 404/ },
  { check: 'rest.auth.required', profile: 'elizaos-1.7', keys: { apiKey: 'ignored' }, says: /^agents\.list without X-API-KEY answered 200: the key is ignored/ },
  { check: 'rest.auth.accepted', profile: 'elizaos-1.7', options: { authToken: 'right' }, keys: { apiKey: 'wrong' }, says: /^agents\.list with the X-API-KEY answered 401/ },
  { check: 'rest.auth.public-routes', profile: 'documented', options: { authToken: 'k' }, keys: { apiKey: 'k' }, proxy: { answer: (r) => (r.path === '/healthz' && !r.headers['x-api-key'] ? { status: 401, headers: { 'content-type': 'application/json' }, body: '{}' } : undefined) }, says: /^root\.healthz without a key answered 401/ },
  { check: 'rest.headers.security', profile: 'elizaos-1.7', proxy: { rewrite: (_r, res) => ({ ...res, headers: { ...Object.fromEntries(Object.entries(res.headers).filter(([k]) => k !== 'x-content-type-options')), 'x-powered-by': 'Express' } }) }, says: /x-content-type-options is null|x-powered-by reveals/ },
  { check: 'rest.cors.preflight', profile: 'documented', proxy: { answer: (r) => (r.method === 'OPTIONS' ? { status: 200, headers: {}, body: '' } : undefined) }, says: /^OPTIONS \/api\/agents: no Access-Control-Allow-Origin/ },
  { check: 'socket.handshake.rejections', profile: 'elizaos-1.7', bareSocketServer: true, says: /an entityId that is not a UUID: expected connect_error "Valid entityId required", got \(connected\)/ },
  { check: 'socket.connect.events', profile: 'elizaos-1.7', mock: drop('connection_established'), says: /^client: expected server\.connection_established once/ },
  { check: 'socket.join.confirmation', profile: 'documented', mock: drop('room_joined'), says: /^joiner: expected server\.room_joined once/ },
  { check: 'socket.send.broadcast-exactly-once', profile: 'elizaos-1.7', mock: drop('messageAck'), says: /^sender: expected server\.messageAck once/ },
  { check: 'socket.agent.reply', profile: 'documented', mock: drop('messageComplete'), says: /expected server\.messageComplete once/ },
  { check: 'socket.presence.typing', profile: 'documented', mock: drop('userTyping'), says: /^member: expected server\.userTyping once/ },
  { check: 'socket.presence.disconnect', profile: 'documented', mock: drop('userLeft'), says: /^member: expected server\.userLeft once/ },
  { check: 'socket.logs.subscription', profile: 'elizaos-1.7', mock: drop('log_subscription_confirmed'), says: /expected server\.log_subscription_confirmed once/ },
  { check: 'socket.errors.join-without-channel', profile: 'elizaos-1.7', mock: (m) => m.use(socketOut('messageError', () => ({ error: 'nope' }))), says: /^client: expected server\.messageError once/ },
  { check: 'socket.errors.send-missing-fields', profile: 'elizaos-1.7', mock: drop('messageError'), says: /^sender: expected server\.messageError once/ },
  { check: 'socket.errors.unknown-type', profile: 'documented', mock: drop('messageError'), says: /^client: expected server\.messageError once/ },
  { check: 'socket.errors.malformed-envelope', profile: 'documented', mock: drop('messageError'), says: /^client: expected server\.messageError once/ },
  { check: 'rest-socket.message-create', profile: 'elizaos-1.7', mock: drop('messageBroadcast'), says: /^member: expected server\.messageBroadcast\.v5 once/ },
  { check: 'rest-socket.submit', profile: 'elizaos-1.7', mock: (m) => m.use(socketOut('messageBroadcast', (p) => ({ ...(p as object), channelId: (p as { roomId: string }).roomId }))), says: /^member: expected server\.messageBroadcast\.v2 once/ },
  { check: 'rest-socket.action-create', profile: 'documented', mock: drop('messageBroadcast'), says: /^member: expected server\.messageBroadcast once/ },
  { check: 'rest-socket.ingest-external', profile: 'elizaos-1.7', options: { faults: { events: { messageBroadcast: { duplicate: 1 } } } }, says: /exactly once, it arrived 2 times/ },
  { check: 'rest-socket.message-delete', profile: 'elizaos-1.7', mock: (m) => m.use(socketOut('messageDeleted', (p) => ({ ...(p as object), messageId: '0c0c0c0c-0000-4000-8000-0000000000ff' }))), says: /^member: expected server\.messageDeleted once; arrived: messageDeleted@/ },
  { check: 'rest-socket.channel-clear', profile: 'documented', mock: drop('channelCleared'), says: /^member: expected server\.channelCleared once/ },
  { check: 'rest-socket.channel-update', profile: 'elizaos-1.7', mock: drop('channelUpdated'), says: /^member: expected server\.channelUpdated once/ },
  { check: 'rest-socket.channel-delete', profile: 'documented', mock: drop('channelDeleted'), says: /^member: expected server\.channelDeleted once/ },
  { check: 'socket.reconnect.rejoin', profile: 'elizaos-1.7', options: { faults: { events: { messageBroadcast: { duplicate: 1 } } } }, says: /arrived 2 times/ },
];

async function bareSocketServer(): Promise<{ url: string; close: () => Promise<void> }> {
  // answers the ping (so it passes the preflight), nothing else: only its handshake is under test
  const http = createServer((req, res) => (req.url === '/api/server/ping' ? res.writeHead(200, { 'content-type': 'application/json' }).end('{"pong":true}') : res.writeHead(404).end()));
  const io = new Server(http);
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => io.close(() => r())) };
}

describe('every check is mutation-proven', () => {
  it('has a mutation for each registered check', () => {
    expect(mutations.map((m) => m.check).sort()).toEqual(allChecks().map((c) => c.id).sort());
  });

  it.concurrent.each(mutations.map((m) => [m.check, m] as const))('%s fails on its defect, saying what is wrong', async (_id, m) => {
    const mock = createMockServer({ profile: m.profile, logLevel: 'silent', thinkMs: 0, ...m.options });
    const upstream = await mock.listen();
    m.mock?.(mock);
    const broken = m.proxy ? await brokenProxy(upstream, m.proxy) : m.bareSocketServer ? await bareSocketServer() : undefined;
    try {
      const report = await runConformance({ url: broken?.url ?? upstream, profile: m.profile, level: 'MAY', only: [m.check], timeoutMs: 3000, ...m.keys });
      const result = report.checks[0];
      expect(result?.status, JSON.stringify(result?.findings.map((f) => f.message))).toBe('failed');
      expect(result?.findings.map((f) => f.message).some((msg) => m.says.test(msg)), result?.findings.map((f) => f.message).join('\n')).toBe(true);
      expect(result?.findings.every((f) => f.reproduce.length > 0)).toBe(true);
    } finally {
      await broken?.close();
      await mock.close();
    }
  }, 40_000);
});
