import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../../mock-server/index.js';
import type { Profile } from '../../spec/index.js';

const NIL = '00000000-0000-0000-0000-000000000000';
const open: { mock?: MockServer; sockets: Socket[] } = { sockets: [] };
afterEach(async () => {
  for (const s of open.sockets.splice(0)) s.disconnect();
  await open.mock?.close();
});

async function start(profile: Profile): Promise<{ url: string; messages: (code: string) => string[] }> {
  const mock = createMockServer({ profile, logLevel: 'silent', thinkMs: 0 });
  open.mock = mock;
  const url = await mock.listen(0, '127.0.0.1');
  return { url, messages: (code) => mock.context.diagnostics.all().filter((d) => d.code === code).map((d) => d.message) };
}

function socket(url: string, auth: Record<string, unknown>): Promise<Socket> {
  const s = connect(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  open.sockets.push(s);
  return new Promise((resolve) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', () => resolve(s));
  });
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i += 1) await new Promise((r) => setTimeout(r, 20));
};

describe('diagnostics name the release a payload belongs to, and what the active profile expects', () => {
  it.each<[Profile, string]>([
    ['elizaos-1.7', 'the active profile elizaos-1.7 (@elizaos/server 1.7.2)'],
    ['elizaos-1.6', 'the active profile elizaos-1.6 (@elizaos/server 1.6.5)'],
  ])('a handshake without entityId (%s)', async (profile, active) => {
    const mock = await start(profile);
    await socket(mock.url, {});
    await until(() => mock.messages('handshake-entity-id').length > 0);
    expect(mock.messages('handshake-entity-id')[0]).toContain('what ElizaOS 1.5 accepted');
    expect(mock.messages('handshake-entity-id')[0]).toContain(`${active} expects a UUID in \`auth.entityId\``);
  });

  it('a 1.5-style send with serverId', async () => {
    const mock = await start('elizaos-1.7');
    const s = await socket(mock.url, { entityId: crypto.randomUUID() });
    const channelId = crypto.randomUUID();
    s.emit('message', { type: 1, payload: { channelId, serverId: NIL } });
    s.emit('message', { type: 2, payload: { channelId, serverId: NIL, senderId: crypto.randomUUID(), message: 'hi' } });
    await until(() => mock.messages('serverId-instead-of-messageServerId').length >= 2);
    const [join, send] = mock.messages('serverId-instead-of-messageServerId');
    for (const line of [join, send]) expect(line).toMatch(/`serverId` is the ElizaOS 1\.5 field .*; the active profile elizaos-1\.7 \(@elizaos\/server 1\.7\.2\) expects `messageServerId`/);
  });

  it('a 1.5-era /central-* route names the route the profile has instead', async () => {
    const mock = await start('elizaos-1.7');
    const res = await fetch(`${mock.url}/api/messaging/central-servers`);
    expect(res.status).toBe(200);
    const [line] = mock.messages('older-release-route');
    expect(line).toMatch(/^GET \/api\/messaging\/central-servers: the `\/api\/messaging\/central-\*` routes are ElizaOS 1\.5's .*expects GET \/api\/messaging\/message-servers/);
  });

  it('says nothing of other releases to a client that speaks the active one', async () => {
    const mock = await start('elizaos-1.7');
    const s = await socket(mock.url, { entityId: crypto.randomUUID() });
    s.emit('message', { type: 1, payload: { channelId: crypto.randomUUID(), messageServerId: NIL } });
    await fetch(`${mock.url}/api/messaging/message-servers`);
    await new Promise((r) => setTimeout(r, 100));
    expect(open.mock!.context.diagnostics.all().map((d) => d.message).join('\n')).not.toContain('ElizaOS 1.5');
  });
});
