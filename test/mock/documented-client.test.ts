import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_AGENT } from '../../mock-server/index.js';
import { createLogger } from '../../mock-server/logger.js';
import { startMock, type Started } from './harness.js';

/**
 * The documentation's own socket client (test/mock/fixtures/documented-socket-client.mjs, copied from the seeds)
 * against the mock, as real processes: `eliza-wire mock` and `node <fixture>`.
 */

const bin = new URL('../../bin/eliza-wire.ts', import.meta.url).pathname;
const fixture = new URL('./fixtures/documented-socket-client.mjs', import.meta.url).pathname;
const children: ChildProcess[] = [];
const sockets: Socket[] = [];
let s: Started | undefined;
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await s?.mock.close();
  s = undefined;
});

interface Child {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
}

function run(args: string[], env: Record<string, string> = {}): Child {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { child, stdout: () => out, stderr: () => err };
}

const until = async (check: () => boolean, ms = 8000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return check();
};

/** `eliza-wire mock` (no --control), and its URL once it prints READY. */
async function startCli(profile: string): Promise<{ mock: Child; url: string }> {
  const mock = run(['--import', 'tsx', bin, 'mock', '--port', '0', '--profile', profile]);
  expect(await until(() => /^READY \S+\n/.test(mock.stdout()), 15_000), `no READY line: ${mock.stderr()}`).toBe(true);
  return { mock, url: mock.stdout().split('\n')[0]!.slice('READY '.length) };
}

const clientLines = (mock: Child) => mock.stderr().split('\n').filter((l) => l.includes('client mistake ['));

async function listed(url: string): Promise<{ status: number; codes: string[]; messages: string[] }> {
  const response = await fetch(`${url}/__mock/diagnostics`);
  const body = (await response.json()) as { diagnostics: { code: string; message: string }[] };
  return { status: response.status, codes: body.diagnostics.map((d) => d.code), messages: body.diagnostics.map((d) => d.message) };
}

describe("the documentation's socket client, verbatim", () => {
  it('gets the agent’s echo from the documented profile', async () => {
    const { mock, url } = await startCli('documented');
    const client = run([fixture], { ELIZA_URL: url, AGENT_ID: DEFAULT_AGENT.id });
    expect(await until(() => client.stdout().includes("text: 'echo: Hello from extension!'")), client.stdout() + client.stderr()).toBe(true);
    expect(client.stdout()).toContain("text: 'Hello from extension!'");
    expect(client.stdout()).not.toContain("'messageError'");
    // Accepted, with a word that releases want UUIDs: printed and listed, without --control.
    const { status, codes, messages } = await listed(url);
    expect(status).toBe(200);
    expect(codes).toContain('id-not-uuid');
    expect(messages.find((m) => m.startsWith('senderId "my-extension-id"'))).toMatch(/not a UUID: the documented profile accepts it \(stored and broadcast as [0-9a-f-]{36}, derived from it\), but ElizaOS 1\.7 answers messageError/);
    expect(clientLines(mock).some((l) => l.includes('[id-not-uuid]'))).toBe(true);
  });

  it('in elizaos-1.7 is refused at the handshake, and the mock prints and lists what to change', async () => {
    const { mock, url } = await startCli('elizaos-1.7');
    run([fixture], { ELIZA_URL: url, AGENT_ID: DEFAULT_AGENT.id });
    expect(await until(() => clientLines(mock).length > 0), mock.stderr()).toBe(true);
    const [line] = clientLines(mock);
    expect(line).toMatch(/warn +client mistake \[handshake-entity-id\] socket \S+: handshake refused with connect_error "Valid entityId required": auth\.entityId is missing/);
    expect(line).toContain('io(url, { auth: { entityId: crypto.randomUUID() } })');
    const { status, codes } = await listed(url);
    expect(status).toBe(200);
    expect(codes).toEqual(['handshake-entity-id']);
    // The fault controls stay closed, and say how to open them.
    const faults = await fetch(`${url}/__mock/faults`);
    expect(faults.status).toBe(403);
    expect(((await faults.json()) as { error: string }).error).toMatch(/start the mock with --control/);
  });
});

describe('the same client in elizaos-1.7, fixed one diagnostic at a time', () => {
  it('is told each change (UUID ids, messageServerId, roomId vs channelId, the agent as participant) until the echo arrives', async () => {
    const lines: string[] = [];
    s = await startMock('elizaos-1.7', { logger: createLogger({ level: 'warn', write: (l) => lines.push(l) }) });
    const roomId = DEFAULT_AGENT.id;
    const entityId = randomUUID(); // fix 1, as the handshake diagnostic says
    const socket = io(s.url, { transports: ['polling', 'websocket'], auth: { entityId }, forceNew: true });
    sockets.push(socket);
    const broadcasts: Record<string, unknown>[] = [];
    const errors: unknown[] = [];
    socket.on('messageBroadcast', (d: Record<string, unknown>) => broadcasts.push(d));
    socket.on('messageError', (d: unknown) => errors.push(d));
    expect(await until(() => socket.connected)).toBe(true);
    const codes = () => s!.mock.context.diagnostics.all().map((d) => d.code);
    const message = (code: string) => s!.mock.context.diagnostics.all().filter((d) => d.code === code).at(-1)?.message ?? '';

    // The documentation's join and send, unchanged.
    socket.emit('message', { type: 1, payload: { roomId, entityId: 'my-extension-id' } });
    socket.emit('message', { type: 2, payload: { senderId: 'my-extension-id', senderName: 'Extension User', message: 'Hello from extension!', roomId, messageId: randomUUID(), source: 'extension', attachments: [], metadata: {} } });
    expect(await until(() => errors.length === 1)).toBe(true);
    expect(errors[0]).toEqual({ error: 'For SEND_MESSAGE: channelId, messageServerId (message_server_id), senderId (author_id), and message are required.' });
    expect(codes()).toEqual(expect.arrayContaining(['roomId-without-channelId', 'agent-not-participant', 'send-invalid-fields', 'send-missing-fields']));
    expect(message('send-invalid-fields')).toContain('senderId "my-extension-id" is invalid: it must be a UUID');
    expect(message('send-missing-fields')).toContain('messageServerId (a UUID, e.g. the default message server 00000000-0000-0000-0000-000000000000)');
    expect(message('agent-not-participant')).toContain(`which is agent Eliza's id, not a channel`);

    // Fix 2: a UUID sender, messageServerId, channelId. Accepted: own broadcast, then silence, and why.
    const send = () => socket.emit('message', { type: 2, payload: { senderId: entityId, senderName: 'Extension User', message: 'Hello from extension!', channelId: roomId, messageServerId: '00000000-0000-0000-0000-000000000000', messageId: randomUUID() } });
    send();
    expect(await until(() => broadcasts.length === 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(broadcasts.map((b) => b.text)).toEqual(['Hello from extension!']);
    const hint = message('agent-not-participant');
    expect(hint).toMatch(new RegExp(`channel ${roomId} has no agent among its 1 participant\\(s\\)`));
    const route = /Add the agent: (POST) (\S+) (\{.*?\})/.exec(hint);
    expect(route?.[2]).toBe(`/api/messaging/channels/${roomId}/agents`);

    // Fix 3: the route the diagnostic names. Then the echo arrives.
    const added = await s.request(route![1]!, route![2]!, { body: JSON.parse(route![3]!) });
    expect(added.status).toBe(201);
    send();
    expect(await until(() => broadcasts.some((b) => b.text === 'echo: Hello from extension!'))).toBe(true);
    expect(lines.filter((l) => l.includes('client mistake [')).length).toBeGreaterThanOrEqual(5);
  });
});
