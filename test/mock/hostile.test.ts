/**
 * Hostile socket input, in both profiles and over both transports: deep nesting in every client event and every
 * field, cyclic-looking and huge structures, binary where text is expected, packets the parser refuses, packets
 * over the size limit, handlers that throw. The mock stays up, answers the profile's `messageError` (or closes
 * only that connection), and a bystander in the same channel still gets a broadcast afterwards.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AGENT, socketOut } from '../../mock-server/index.js';
import { PROFILES, type Profile } from '../../spec/index.js';
import { startMock, type Started } from './harness.js';
import { bystanderReceives, closeAll, connect, HOLE, join, nested, NIL, refusals, splice, until, type Client, type Transport } from './hostile-helpers.js';

const TRANSPORTS: Transport[] = ['websocket', 'polling'];

/** Values put into each field; `refused`: over the depth limit (64 by default), so a messageError must answer. */
const VALUES = [
  { name: '5,000 nested objects (30 KB)', text: nested(5000), refused: true },
  { name: '5,000 nested arrays', text: nested(5000, 'array'), refused: true },
  { name: '65 nested objects (just over the limit)', text: nested(65), refused: true },
  { name: 'cyclic-looking $ref, __proto__ and constructor keys', text: '{"$ref":"#","self":{"$ref":"#/self"},"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"toString":"x"}', refused: false },
  { name: 'a 200 KB string', text: JSON.stringify('x'.repeat(200_000)), refused: false },
  { name: 'a 50,000-element array', text: `[${'0,'.repeat(49_999)}0]`, refused: false },
  { name: 'a 10,000-key object', text: JSON.stringify(Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i]))), refused: false },
];

interface Target {
  name: string;
  /** The event's arguments, with HOLE where the hostile value goes. */
  args: (c: { channelId: string; senderId: string }) => unknown[];
  before?: string;
}

const joinPayload = (c: { channelId: string; senderId: string }) => ({ channelId: c.channelId, entityId: c.senderId });
const sendPayload = (c: { channelId: string; senderId: string }) => ({ channelId: c.channelId, senderId: c.senderId, message: 'hostile', messageServerId: NIL });
const JOIN_FIELDS = ['channelId', 'roomId', 'entityId', 'agentId', 'serverId', 'messageServerId'];
const SEND_FIELDS = ['channelId', 'roomId', 'senderId', 'senderName', 'message', 'messageServerId', 'metadata', 'attachments', 'source', 'messageId', 'targetUserId'];

const TARGETS: Target[] = [
  { name: "'message' itself", args: () => [HOLE] },
  { name: "'message' type", args: () => [{ type: HOLE, payload: {} }] },
  { name: "'message' payload", args: () => [{ type: 1, payload: HOLE }] },
  ...JOIN_FIELDS.map((f): Target => ({ name: `ROOM_JOINING ${f}`, args: (c) => [{ type: 1, payload: { ...joinPayload(c), [f]: HOLE } }] })),
  ...SEND_FIELDS.map((f): Target => ({ name: `SEND_MESSAGE ${f}`, args: (c) => [{ type: 2, payload: { ...sendPayload(c), [f]: HOLE } }] })),
  { name: "'1' payload", args: () => [HOLE] },
  { name: "'1' channelId", args: (c) => [{ ...joinPayload(c), channelId: HOLE }] },
  { name: "'2' payload", args: () => [HOLE] },
  { name: "'2' metadata", args: (c) => [{ ...sendPayload(c), metadata: HOLE }] },
  { name: 'subscribe_logs argument', args: () => [HOLE] },
  { name: 'unsubscribe_logs argument', args: () => [HOLE] },
  { name: 'update_log_filters itself', args: () => [HOLE], before: 'subscribe_logs' },
  { name: 'update_log_filters level', args: () => [{ level: HOLE }], before: 'subscribe_logs' },
  { name: 'update_log_filters agentName', args: () => [{ agentName: HOLE }], before: 'subscribe_logs' },
  ...['roomId', 'userId', 'channelId', 'isTyping'].map((f): Target => ({ name: `typing ${f}`, args: (c) => [{ roomId: c.channelId, userId: c.senderId, isTyping: true, [f]: HOLE }] })),
  { name: "an unknown event 'joinRoom'", args: () => [HOLE] },
  { name: "an event named '__proto__'", args: () => [HOLE] },
  { name: "an event named 'constructor'", args: () => [HOLE] },
];

/** The event a target emits: the word before the first space, or the quoted name. */
function eventOf(t: Target): string {
  const quoted = /^(?:'([^']+)'|an? (?:unknown )?event(?: named)? '([^']+)')/.exec(t.name);
  if (quoted) return quoted[1] ?? quoted[2] ?? 'message';
  if (t.name.startsWith('ROOM_JOINING') || t.name.startsWith('SEND_MESSAGE')) return 'message';
  return t.name.split(' ')[0] as string;
}

function packet(event: string, args: unknown[], value: string): string {
  return `2${splice([event, ...args], value)}`;
}

describe.each(PROFILES.flatMap((p) => TRANSPORTS.map((t) => [p, t] as [Profile, Transport])))('hostile socket input (%s, %s)', (profile, transport) => {
  let s: Started;
  let bystander: Client;
  let sender: Client;
  const clients: Client[] = [];
  const channelId = randomUUID();

  beforeAll(async () => {
    s = await startMock(profile);
    bystander = await connect(s.url, transport);
    sender = await connect(s.url, transport);
    clients.push(bystander, sender);
    await join(bystander, channelId);
    await join(sender, channelId);
  });
  afterAll(async () => {
    closeAll(clients);
    await s.mock.close();
  });

  it.each(TARGETS.map((t) => [t.name, t] as const))('survives hostile values in %s', async (_name, target) => {
    const attacker = await connect(s.url, transport);
    clients.push(attacker);
    await join(attacker, channelId);
    if (target.before) attacker.socket.emit(target.before);
    const event = eventOf(target);
    for (const value of VALUES) attacker.raw(packet(event, target.args({ channelId, senderId: attacker.entityId }), value.text));
    const expected = VALUES.filter((v) => v.refused).length;
    expect(await until(() => refusals(attacker).length >= expected), `${expected} refusals for ${target.name}`).toBe(true);
    const refused = refusals(attacker);
    if (profile === 'documented') expect(refused.map((r) => r.code)).toEqual(Array(expected).fill('PAYLOAD_TOO_DEEP'));
    else for (const r of refused) expect(Object.keys(r)).toEqual(['error']);
    expect(attacker.closed()).toBe(false);
    expect(await bystanderReceives(sender, bystander, channelId)).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // diagnostics are rate-limited per code: the first refusal of the run is listed, later ones are counted into it
    expect(s.mock.context.diagnostics.all().some((d) => d.code === 'payload-too-deep')).toBe(true);
    attacker.socket.disconnect();
  });

  it('refuses binary where text is expected, in every field of a send and a join', async () => {
    const attacker = await connect(s.url, transport);
    clients.push(attacker);
    const bytes = Buffer.from('not text');
    for (const f of SEND_FIELDS) attacker.socket.emit('message', { type: 2, payload: { ...sendPayload({ channelId, senderId: attacker.entityId }), [f]: bytes } });
    for (const f of JOIN_FIELDS) attacker.socket.emit('message', { type: 1, payload: { ...joinPayload({ channelId, senderId: attacker.entityId }), [f]: bytes } });
    attacker.socket.emit('update_log_filters', { level: bytes });
    const expected = SEND_FIELDS.length + JOIN_FIELDS.length + 1;
    expect(await until(() => refusals(attacker).length >= expected)).toBe(true);
    if (profile === 'documented') expect(new Set(refusals(attacker).map((r) => r.code))).toEqual(new Set(['BINARY_NOT_ACCEPTED']));
    expect(s.mock.state.messages.size).toBeGreaterThan(0);
    expect([...s.mock.state.messages.values()].some((m) => m.authorId === attacker.entityId)).toBe(false);
    expect(await bystanderReceives(sender, bystander, channelId)).toBe(true);
  });

  it.each([
    ['an event name that is an object', '2[{},{}]'],
    ['truncated JSON', '2["message",{"type":2'],
    ['an unknown packet type', '9["message"]'],
    ['a namespace that does not exist', '2/nope,["message",{}]'],
  ])('closes only the connection that sends %s', async (_name, text) => {
    const attacker = await connect(s.url, transport);
    clients.push(attacker);
    attacker.raw(text);
    expect(await until(() => attacker.closed())).toBe(true);
    expect(await bystanderReceives(sender, bystander, channelId)).toBe(true);
  });

  it('survives a binary packet whose placeholder sits under 50,000 levels (the parser rebuilds it recursively)', async () => {
    const attacker = await connect(s.url, transport);
    clients.push(attacker);
    attacker.raw(`51-${splice(['message', HOLE], nested(50_000, 'object', '{"_placeholder":true,"num":0}'))}`);
    attacker.socket.io.engine.send(new Uint8Array([1, 2, 3]));
    expect(await until(() => attacker.closed() || refusals(attacker).length > 0)).toBe(true);
    expect(await bystanderReceives(sender, bystander, channelId)).toBe(true);
  });

  it('closes only the connection whose packet is over maxSocketMessageBytes (1e6 by default)', async () => {
    const attacker = await connect(s.url, transport);
    clients.push(attacker);
    attacker.raw(packet('message', [{ type: 2, payload: { ...sendPayload({ channelId, senderId: attacker.entityId }), message: HOLE } }], JSON.stringify('x'.repeat(1_100_000))));
    expect(await until(() => attacker.closed())).toBe(true);
    expect([...s.mock.state.messages.values()].some((m) => m.authorId === attacker.entityId)).toBe(false);
    expect(await bystanderReceives(sender, bystander, channelId)).toBe(true);
  });

  it("turns a handler's synchronous throw into a messageError and a handler-error diagnostic", async () => {
    const attacker = await connect(s.url, transport);
    clients.push(attacker);
    s.mock.use(socketOut('room_joined', () => {
      throw new Error('override failed on purpose');
    }));
    try {
      attacker.socket.emit('message', { type: 1, payload: { channelId: randomUUID() } });
      expect(await until(() => attacker.events.some((e) => e.event === 'messageError' && /could not handle 'message'/.test(JSON.stringify(e.data))))).toBe(true);
      const error = attacker.events.find((e) => e.event === 'messageError')?.data as Record<string, unknown>;
      expect(error.error).toMatch(/override failed on purpose/);
      if (profile === 'documented') expect(error.code).toBe('INTERNAL_ERROR');
      expect(s.mock.context.diagnostics.all().some((d) => d.code === 'handler-error' && d.socketId === attacker.socket.id)).toBe(true);
    } finally {
      s.mock.context.hub.overrides.length = 0;
    }
    expect(await bystanderReceives(sender, bystander, channelId)).toBe(true);
  });
});

describe('handler errors that happen later', () => {
  it.each(PROFILES)("turns an async rejection (the agent's reply throws) into a messageError and a diagnostic (%s)", async (profile) => {
    const s = await startMock(profile, { agent: { name: 'broken', reply: () => Promise.reject(new Error('agent broke on purpose')) } });
    const client = await connect(s.url, 'websocket');
    try {
      const created = await s.request('POST', '/api/messaging/channels', { body: { name: 'with the agent', participantCentralUserIds: [client.entityId, DEFAULT_AGENT.id], message_server_id: NIL } });
      const channelId = (created.body as { data: { id: string } }).data.id;
      await join(client, channelId);
      client.socket.emit('message', { type: 2, payload: { channelId, senderId: client.entityId, message: 'hello', messageServerId: NIL } });
      expect(await until(() => client.events.some((e) => e.event === 'messageError' && /agent broke on purpose/.test(JSON.stringify(e.data))))).toBe(true);
      expect(s.mock.context.diagnostics.all().some((d) => d.code === 'handler-error')).toBe(true);
      const ping = await s.request('GET', '/api/server/ping');
      expect(ping.status).toBe(200);
    } finally {
      client.socket.disconnect();
      await s.mock.close();
    }
  });

  it('refuses what is deeper than a maxPayloadDepth of its own, and accepts what is within it', async () => {
    const s = await startMock('documented', { maxPayloadDepth: 4 });
    const client = await connect(s.url, 'websocket');
    try {
      const channelId = randomUUID();
      // the argument is level 1, its payload 2, metadata 3: {a: {}} reaches level 4, {a: {b: {}}} level 5
      client.raw(packet('message', [{ type: 2, payload: { ...sendPayload({ channelId, senderId: client.entityId }), metadata: HOLE } }], '{"a":{"b":{}}}'));
      expect(await until(() => refusals(client).length === 1)).toBe(true);
      expect(refusals(client)[0]?.error).toMatch(/deeper than 4 levels.*--max-payload-depth/);
      client.raw(packet('message', [{ type: 2, payload: { ...sendPayload({ channelId, senderId: client.entityId }), metadata: HOLE } }], '{"a":{}}'));
      expect(await until(() => client.events.some((e) => e.event === 'messageAck'))).toBe(true);
    } finally {
      client.socket.disconnect();
      await s.mock.close();
    }
  });
});
