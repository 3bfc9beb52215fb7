import { afterEach, describe, expect, it } from 'vitest';
import type { Profile } from '../../spec/index.js';
import type { MemoryRecord } from '../../mock-server/state/records.js';
import { DEFAULT_AGENT } from '../../mock-server/state/state.js';
import { startMock, type Started } from './harness.js';

const AGENT = DEFAULT_AGENT.id;
const UNKNOWN = '0badc0de-0000-4000-8000-000000000000';
const ROOM_A = 'aaaaaaaa-0000-4000-8000-00000000000a';
const ROOM_B = 'bbbbbbbb-0000-4000-8000-00000000000b';
const USER = 'cccccccc-0000-4000-8000-00000000000c';
const OTHER_USER = 'dddddddd-0000-4000-8000-00000000000d';
const WORLD = 'eeeeeeee-0000-4000-8000-00000000000e';
const SERVER = 'ffffffff-0000-4000-8000-00000000000f';
const MEM = (n: number) => `11111111-0000-4000-8000-00000000000${n}`;

let s: Started | undefined;
afterEach(async () => {
  await s?.mock.close();
  s = undefined;
});

async function start(profile: Profile, options: Parameters<typeof startMock>[1] = {}): Promise<Started> {
  s = await startMock(profile, options);
  return s;
}

/** Seeds memories of the default agent: three in ROOM_A (one document), one in ROOM_B. */
function seedMemories(m: Started): void {
  const base = 1_700_000_000_000;
  const records: MemoryRecord[] = [
    { id: MEM(1), entityId: USER, agentId: AGENT, roomId: ROOM_A, content: { text: 'first' }, embedding: [0.1, 0.2], createdAt: base + 1, table: 'messages' },
    { id: MEM(2), entityId: OTHER_USER, agentId: AGENT, roomId: ROOM_A, content: { text: 'second' }, createdAt: base + 2, table: 'messages', metadata: { type: 'message' } },
    { id: MEM(3), entityId: USER, agentId: AGENT, roomId: ROOM_A, content: { text: 'doc' }, createdAt: base + 3, table: 'documents' },
    { id: MEM(4), entityId: USER, agentId: AGENT, roomId: ROOM_B, worldId: WORLD, content: { text: 'other room' }, createdAt: base + 4, table: 'messages' },
  ];
  for (const r of records) m.mock.state.memories.set(r.id, r);
}

/** The error body each profile sends: documented `{code,message}`; 1.7 the given body. */
function errorBody(profile: Profile, code: string, message: string, real: unknown): unknown {
  return profile === 'documented' ? { success: false, error: { code, message } } : real;
}

const e1 = (code: string, message: string) => ({ success: false, error: { code, message } });
const e2 = (message: string) => ({ success: false, error: message });
const e5 = (message: string) => ({ success: false, error: { message, code: 500 } });

/** The success body of an E1/E2 route (both profiles) or an E3 route (documented wraps it). */
const enveloped = (data: unknown) => ({ success: true, data });
const e3 = (profile: Profile, data: object): object => (profile === 'documented' ? enveloped(data) : data);

async function upload(m: Started, path: string, file: { name: string; type: string; bytes?: Uint8Array }) {
  const form = new FormData();
  form.append('file', new Blob([file.bytes ?? new Uint8Array([1, 2, 3, 4])], { type: file.type }), file.name);
  const response = await fetch(`${m.url}${path}`, { method: 'POST', body: form });
  return { status: response.status, body: (await response.json()) as unknown };
}

/** A multipart form without the `file` part. */
async function uploadNothing(m: Started, path: string) {
  const form = new FormData();
  form.append('note', 'no file here');
  const response = await fetch(`${m.url}${path}`, { method: 'POST', body: form });
  return { status: response.status, body: (await response.json()) as unknown };
}

async function binary(m: Started, path: string, body: unknown) {
  const response = await fetch(`${m.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
}

const PROFILES: Profile[] = ['documented', 'elizaos-1.7'];

describe.each(PROFILES)('memory routes (%s)', (profile) => {
  it('lists a room’s memories newest first, without embeddings unless asked, with limit, before and X-Entity-Id', async () => {
    const m = await start(profile);
    seedMemories(m);
    const r = await m.request('GET', `/api/memory/${AGENT}/rooms/${ROOM_A}/memories`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual(enveloped({
      memories: [
        { id: MEM(2), entityId: OTHER_USER, agentId: AGENT, roomId: ROOM_A, content: { text: 'second' }, createdAt: 1_700_000_000_002, metadata: { type: 'message' } },
        { id: MEM(1), entityId: USER, agentId: AGENT, roomId: ROOM_A, content: { text: 'first' }, createdAt: 1_700_000_000_001 },
      ],
    }));
    const withEmbedding = await m.request('GET', `/api/memory/${AGENT}/rooms/${ROOM_A}/memories?includeEmbedding=true&limit=1&before=1700000000001`);
    expect(withEmbedding.body).toEqual(enveloped({ memories: [{ id: MEM(1), entityId: USER, agentId: AGENT, roomId: ROOM_A, content: { text: 'first' }, embedding: [0.1, 0.2], createdAt: 1_700_000_000_001 }] }));
    const docs = await m.request('GET', `/api/memory/${AGENT}/rooms/${ROOM_A}/memories?tableName=documents`, { headers: { 'X-Entity-Id': USER } });
    expect((docs.body as { data: { memories: { id: string }[] } }).data.memories.map((x) => x.id)).toEqual([MEM(3)]);
    const entity = await m.request('GET', `/api/memory/${AGENT}/rooms/${ROOM_A}/memories`, { headers: { 'X-Entity-Id': OTHER_USER } });
    // X-Entity-Id is 1.7.2's isolation context, not a filter (see memoriesOf)
    expect((entity.body as { data: { memories: { id: string }[] } }).data.memories.map((x) => x.id)).toEqual([MEM(2), MEM(1)]);
    expect(m.violations).toEqual([]);
  });

  it('answers 400 and 404 on room memories', async () => {
    const m = await start(profile);
    const bad = await m.request('GET', `/api/memory/${AGENT}/rooms/nope/memories`);
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual(errorBody(profile, 'INVALID_ID', 'Invalid agent ID or channel ID format', e1('INVALID_ID', 'Invalid agent ID or channel ID format')));
    const unknown = await m.request('GET', `/api/memory/${UNKNOWN}/rooms/${ROOM_A}/memories`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual(errorBody(profile, 'NOT_FOUND', 'Agent not found', e1('NOT_FOUND', 'Agent not found')));
    expect(m.violations).toEqual([]);
  });

  it('lists an agent’s memories by table, room or channel, and refuses malformed ids', async () => {
    const m = await start(profile);
    seedMemories(m);
    const all = await m.request('GET', `/api/memory/${AGENT}/memories`);
    expect((all.body as { data: { memories: { id: string }[] } }).data.memories.map((x) => x.id)).toEqual([MEM(4), MEM(2), MEM(1)]);
    const room = await m.request('GET', `/api/memory/${AGENT}/memories?roomId=${ROOM_B}`);
    expect(room.body).toEqual(enveloped({ memories: [{ id: MEM(4), entityId: USER, agentId: AGENT, roomId: ROOM_B, worldId: WORLD, content: { text: 'other room' }, createdAt: 1_700_000_000_004 }] }));
    const channel = await m.request('GET', `/api/memory/${AGENT}/memories?channelId=${ROOM_A}&tableName=documents`);
    expect((channel.body as { data: { memories: { id: string }[] } }).data.memories.map((x) => x.id)).toEqual([MEM(3)]);
    const badRoom = await m.request('GET', `/api/memory/${AGENT}/memories?roomId=x`);
    expect(badRoom).toMatchObject({ status: 400, body: errorBody(profile, 'INVALID_ID', 'Invalid room ID format', e1('INVALID_ID', 'Invalid room ID format')) });
    const badChannel = await m.request('GET', `/api/memory/${AGENT}/memories?channelId=x`);
    expect(badChannel).toMatchObject({ status: 400, body: errorBody(profile, 'INVALID_ID', 'Invalid channel ID format', e1('INVALID_ID', 'Invalid channel ID format')) });
    const badAgent = await m.request('GET', '/api/memory/x/memories');
    expect(badAgent).toMatchObject({ status: 400, body: errorBody(profile, 'INVALID_ID', 'Invalid agent ID', e1('INVALID_ID', 'Invalid agent ID')) });
    const unknown = await m.request('GET', `/api/memory/${UNKNOWN}/memories`);
    expect(unknown.status).toBe(404);
    expect(m.violations).toEqual([]);
  });

  it('updates and deletes one memory', async () => {
    const m = await start(profile);
    seedMemories(m);
    const patch = await m.request('PATCH', `/api/memory/${AGENT}/memories/${MEM(1)}`, { body: { id: MEM(9), content: { text: 'edited' }, roomId: 'not-a-uuid', metadata: { edited: true } } });
    expect(patch).toMatchObject({ status: 200, body: enveloped({ id: MEM(1), message: 'Memory updated successfully' }) });
    expect(m.mock.state.memories.get(MEM(1))).toMatchObject({ content: { text: 'edited' }, roomId: ROOM_A, metadata: { edited: true } });
    const badId = await m.request('PATCH', `/api/memory/${AGENT}/memories/nope`, { body: { content: { text: 'x' } } });
    expect(badId).toMatchObject({ status: 400, body: errorBody(profile, 'INVALID_ID', 'Invalid agent ID or memory ID format', e1('INVALID_ID', 'Invalid agent ID or memory ID format')) });
    const del = await m.request('DELETE', `/api/memory/${AGENT}/memories/${MEM(2)}`);
    expect(del).toMatchObject({ status: 200, body: enveloped({ message: 'Memory deleted successfully' }) });
    expect(m.mock.state.memories.has(MEM(2))).toBe(false);
    const unknownAgent = await m.request('DELETE', `/api/memory/${UNKNOWN}/memories/${MEM(1)}`);
    expect(unknownAgent).toMatchObject({ status: 404, body: errorBody(profile, 'NOT_FOUND', 'Agent not found', e1('NOT_FOUND', 'Agent not found')) });
    expect(m.violations).toEqual([]);
  });

  it('an unknown memory: documented 404, 1.7.2 succeeds without looking', async () => {
    const m = await start(profile);
    const patch = await m.request('PATCH', `/api/memory/${AGENT}/memories/${MEM(8)}`, { body: { content: { text: 'x' } } });
    const del = await m.request('DELETE', `/api/memory/${AGENT}/memories/${MEM(8)}`);
    if (profile === 'documented') {
      expect(patch).toMatchObject({ status: 404, body: { success: false, error: { code: 'NOT_FOUND', message: 'Memory not found' } } });
      expect(del).toMatchObject({ status: 404, body: { success: false, error: { code: 'NOT_FOUND', message: 'Memory not found' } } });
    } else {
      expect(patch).toMatchObject({ status: 200, body: enveloped({ id: MEM(8), message: 'Memory updated successfully' }) });
      expect(del).toMatchObject({ status: 200, body: enveloped({ message: 'Memory deleted successfully' }) });
    }
    expect(m.violations).toEqual([]);
  });

  it('clears a room (messages and documents) and then all memories', async () => {
    const m = await start(profile);
    seedMemories(m);
    const room = await m.request('DELETE', `/api/memory/${AGENT}/memories/all/${ROOM_A}`);
    expect(room.status).toBe(204);
    expect(room.body).toBeUndefined();
    expect([...m.mock.state.memories.keys()]).toEqual([MEM(4)]);
    const badRoom = await m.request('DELETE', `/api/memory/${AGENT}/memories/all/nope`);
    expect(badRoom).toMatchObject({ status: 400, body: errorBody(profile, 'INVALID_ID', 'Invalid room ID', e1('INVALID_ID', 'Invalid room ID')) });
    const badAgent = await m.request('DELETE', `/api/memory/nope/memories/all/${ROOM_A}`);
    expect(badAgent).toMatchObject({ status: 400, body: errorBody(profile, 'INVALID_ID', 'Invalid agent ID', e1('INVALID_ID', 'Invalid agent ID')) });
    const all = await m.request('DELETE', `/api/memory/${AGENT}/memories`);
    expect(all).toMatchObject({ status: 200, body: enveloped({ deleted: 1, message: 'All agent memories cleared successfully' }) });
    expect(m.mock.state.memories.size).toBe(0);
    const unknown = await m.request('DELETE', `/api/memory/${UNKNOWN}/memories`);
    expect(unknown.status).toBe(404);
    expect(m.violations).toEqual([]);
  });

  it('creates a room with its world, lists it and gets it with the world name', async () => {
    const m = await start(profile);
    const created = await m.request('POST', `/api/memory/${AGENT}/rooms`, { body: { name: 'Lobby', metadata: { topic: 'tests' }, messageServerId: SERVER } });
    expect(created.status).toBe(201);
    const room = (created.body as { data: { id: string; worldId: string; createdAt: number } }).data;
    expect(created.body).toEqual(enveloped({ id: room.id, name: 'Lobby', agentId: AGENT, createdAt: room.createdAt, source: 'client', type: 'DM', worldId: room.worldId, messageServerId: SERVER, metadata: { topic: 'tests' } }));
    expect(m.mock.state.worlds.get(room.worldId)?.name).toBe('World for Lobby');
    const own = await m.request('POST', `/api/memory/${AGENT}/rooms`, { body: { name: 'Group', type: 'GROUP', source: 'discord', worldId: WORLD } });
    expect((own.body as { data: unknown }).data).toMatchObject({ name: 'Group', type: 'GROUP', source: 'discord', worldId: WORLD });
    const list = await m.request('GET', `/api/memory/${AGENT}/rooms`);
    expect((list.body as { data: { rooms: { name: string }[] } }).data.rooms.map((r) => r.name)).toEqual(['Lobby', 'Group']);
    const got = await m.request('GET', `/api/memory/${AGENT}/rooms/${room.id}`);
    const extras = profile === 'documented' ? {} : { serverId: SERVER };
    expect(got.body).toEqual(enveloped({ id: room.id, name: 'Lobby', agentId: AGENT, source: 'client', type: 'DM', channelId: room.id, messageServerId: SERVER, worldId: room.worldId, metadata: { topic: 'tests' }, worldName: 'World for Lobby', ...extras }));
    expect(m.violations).toEqual([]);
  });

  it('refuses a room without a name, an unknown room and malformed ids', async () => {
    const m = await start(profile);
    const noName = await m.request('POST', `/api/memory/${AGENT}/rooms`, { body: { type: 'DM' } });
    expect(noName).toMatchObject({ status: 400, body: errorBody(profile, 'VALIDATION_ERROR', 'Room name is required', e1('MISSING_PARAM', 'Room name is required')) });
    const badAgent = await m.request('POST', '/api/memory/nope/rooms', { body: { name: 'x' } });
    expect(badAgent).toMatchObject({ status: 400, body: errorBody(profile, 'INVALID_ID', 'Invalid agent ID format', e1('INVALID_ID', 'Invalid agent ID format')) });
    const unknownAgent = await m.request('GET', `/api/memory/${UNKNOWN}/rooms`);
    expect(unknownAgent).toMatchObject({ status: 404, body: errorBody(profile, 'NOT_FOUND', 'Agent not found', e1('NOT_FOUND', 'Agent not found')) });
    const noRoom = await m.request('GET', `/api/memory/${AGENT}/rooms/${ROOM_B}`);
    expect(noRoom).toMatchObject({ status: 404, body: errorBody(profile, 'NOT_FOUND', 'Room not found', e1('NOT_FOUND', 'Room not found')) });
    const badRoom = await m.request('GET', `/api/memory/${AGENT}/rooms/nope`);
    expect(badRoom).toMatchObject({ status: 400, body: errorBody(profile, 'INVALID_ID', 'Invalid agent ID or room ID format', e1('INVALID_ID', 'Invalid agent ID or room ID format')) });
    const badType = await m.request('POST', `/api/memory/${AGENT}/rooms`, { body: { name: 'x', type: 'NOPE' } });
    if (profile === 'documented') expect(badType).toMatchObject({ status: 400, body: { success: false, error: { code: 'VALIDATION_ERROR' } } });
    else expect(badType).toMatchObject({ status: 500, body: { success: false, error: { code: 'CREATE_ERROR', message: 'Failed to create room' } } });
    expect(m.violations).toEqual([]);
  });

  it('creates group rooms (201), partially (207), or not at all (500)', async () => {
    const m = await start(profile, { agents: 1 });
    const second = [...m.mock.state.agents.keys()].find((id) => id !== AGENT) ?? '';
    const created = await m.request('POST', `/api/memory/groups/${SERVER}`, { body: { agentIds: [AGENT, second], worldId: WORLD, name: 'Team' } });
    expect(created.status).toBe(201);
    const rooms = (created.body as { data: { id: string; name: string; source: string; worldId: string; type: string }[] }).data;
    expect(rooms.map(({ name, source, worldId, type }) => ({ name, source, worldId, type }))).toEqual([
      { name: 'Team', source: 'client', worldId: WORLD, type: 'API' },
      { name: 'Team', source: 'client', worldId: WORLD, type: 'API' },
    ]);
    expect(rooms[0]?.id).not.toBe(rooms[1]?.id);
    const again = await m.request('POST', `/api/memory/groups/${SERVER}`, { body: { agentIds: [AGENT], worldId: WORLD, name: 'Team' } });
    expect((again.body as { data: { id: string }[] }).data[0]?.id).toBe(rooms[0]?.id);
    const failure = { agentId: UNKNOWN, code: 'NOT_FOUND', message: 'Agent not found', details: 'Agent not found' };
    const partial = await m.request('POST', `/api/memory/groups/${SERVER}`, { body: { agentIds: [AGENT, UNKNOWN], worldId: WORLD } });
    expect(partial.status).toBe(207);
    const partialRooms = [{ id: rooms[0]?.id, name: expect.stringMatching(/^Chat /), source: 'client', worldId: WORLD, type: 'API' }];
    expect(partial.body).toEqual(profile === 'documented' ? enveloped({ rooms: partialRooms, errors: [failure] }) : { success: false, data: partialRooms, errors: [failure] });
    const none = await m.request('POST', `/api/memory/groups/${SERVER}`, { body: { agentIds: [UNKNOWN], worldId: WORLD } });
    expect(none.status).toBe(500);
    expect(none.body).toEqual(profile === 'documented' ? { success: false, error: { code: 'INTERNAL_ERROR', message: 'No group room was created', details: [failure] } } : { success: false, error: [failure] });
    const empty = await m.request('POST', `/api/memory/groups/${SERVER}`, { body: { agentIds: [], worldId: WORLD } });
    expect(empty).toMatchObject({ status: 400, body: errorBody(profile, 'VALIDATION_ERROR', 'agentIds must be a non-empty array', e1('BAD_REQUEST', 'agentIds must be a non-empty array')) });
    expect(m.violations).toEqual([]);
  });

  it('a group without worldId: documented 400, 1.7.2 fails per agent', async () => {
    const m = await start(profile);
    const r = await m.request('POST', `/api/memory/groups/${SERVER}`, { body: { agentIds: [AGENT] } });
    if (profile === 'documented') expect(r).toMatchObject({ status: 400, body: { success: false, error: { code: 'VALIDATION_ERROR' } } });
    else expect(r).toMatchObject({ status: 500, body: { success: false, error: [{ agentId: AGENT, code: 'CREATE_ERROR', details: 'worldId is required' }] } });
    expect(m.violations).toEqual([]);
  });

  it('clears a group world’s memories and deletes the group', async () => {
    const m = await start(profile);
    seedMemories(m);
    await m.request('POST', `/api/memory/groups/${SERVER}`, { body: { agentIds: [AGENT], worldId: WORLD } });
    const roomId = [...m.mock.state.rooms.values()][0]?.id ?? '';
    m.mock.state.memories.set(MEM(5), { id: MEM(5), entityId: USER, agentId: AGENT, roomId, content: { text: 'in group' }, createdAt: 1, table: 'messages' });
    const cleared = await m.request('DELETE', `/api/memory/groups/${WORLD}/memories`);
    expect(cleared.status).toBe(204);
    expect(m.mock.state.memories.has(MEM(4))).toBe(false);
    expect(m.mock.state.memories.has(MEM(5))).toBe(false);
    expect(m.mock.state.memories.has(MEM(1))).toBe(true);
    const deleted = await m.request('DELETE', `/api/memory/groups/${WORLD}`);
    expect(deleted.status).toBe(204);
    expect(m.mock.state.rooms.size).toBe(0);
    const bad = await m.request('DELETE', '/api/memory/groups/nope');
    expect(bad).toMatchObject({ status: 400, body: errorBody(profile, 'INVALID_ID', 'Invalid messageServerId (worldId) format', e1('INVALID_ID', 'Invalid messageServerId (worldId) format')) });
    const badClear = await m.request('DELETE', '/api/memory/groups/nope/memories');
    expect(badClear.status).toBe(400);
    expect(m.violations).toEqual([]);
  });
});

describe('memory routes under /api/agents (elizaos-1.7 alias)', () => {
  it('serves the same handlers', async () => {
    const m = await start('elizaos-1.7');
    seedMemories(m);
    const r = await m.request('GET', `/api/agents/${AGENT}/rooms/${ROOM_B}/memories`);
    expect((r.body as { data: { memories: { id: string }[] } }).data.memories.map((x) => x.id)).toEqual([MEM(4)]);
    expect(m.violations).toEqual([]);
  });
});

describe.each(PROFILES)('audio routes (%s)', (profile) => {
  it('transcribes uploaded audio', async () => {
    const m = await start(profile);
    const message = await upload(m, `/api/audio/${AGENT}/audio-messages`, { name: 'hello.wav', type: 'audio/wav' });
    expect(message).toEqual({ status: 200, body: enveloped({ transcription: 'Mock transcription of hello.wav (4 bytes).', message: 'Audio transcribed, further processing TBD.' }) });
    const text = await upload(m, `/api/audio/${AGENT}/transcriptions`, { name: 'hello.mp3', type: 'audio/mpeg' });
    expect(text).toEqual({ status: 200, body: enveloped({ text: 'Mock transcription of hello.mp3 (4 bytes).' }) });
    expect(m.violations).toEqual([]);
  });

  it('refuses a bad MIME type, a missing file, an unsafe name, a bad or unknown agent', async () => {
    const m = await start(profile);
    const mime = await upload(m, `/api/audio/${AGENT}/transcriptions`, { name: 'x.png', type: 'image/png' });
    expect(mime).toEqual(profile === 'documented'
      ? { status: 415, body: { success: false, error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Invalid audio file type' } } }
      : { status: 500, body: e5('Invalid audio file type') });
    const noFile = await uploadNothing(m, `/api/audio/${AGENT}/audio-messages`);
    expect(noFile).toMatchObject({ status: 400, body: errorBody(profile, 'VALIDATION_ERROR', 'No audio file provided', e1('INVALID_REQUEST', 'No audio file provided')) });
    const name = await upload(m, `/api/audio/${AGENT}/audio-messages`, { name: '..hidden.wav', type: 'audio/wav' });
    expect(name).toEqual({ status: 400, body: errorBody(profile, 'VALIDATION_ERROR', 'Invalid file name', e1('INVALID_REQUEST', 'Invalid file name')) });
    const badId = await upload(m, '/api/audio/nope/transcriptions', { name: 'a.wav', type: 'audio/wav' });
    expect(badId).toEqual({ status: 400, body: errorBody(profile, 'INVALID_ID', 'Invalid agent ID format', e1('INVALID_ID', 'Invalid agent ID format')) });
    const unknown = await upload(m, `/api/audio/${UNKNOWN}/transcriptions`, { name: 'a.wav', type: 'audio/wav' });
    expect(unknown).toEqual({ status: 404, body: errorBody(profile, 'NOT_FOUND', 'Agent not found', e1('NOT_FOUND', 'Agent not found')) });
    expect(m.violations).toEqual([]);
  });

  it('synthesises speech as a WAV file', async () => {
    const m = await start(profile);
    for (const path of ['audio-messages/synthesize', 'speech/generate', 'speech/conversation']) {
      const r = await binary(m, `/api/audio/${AGENT}/${path}`, { text: 'Hello there' });
      expect(r.status).toBe(200);
      expect(r.type).toBe('audio/wav');
      expect(r.bytes.subarray(0, 4).toString('ascii')).toBe('RIFF');
      expect(r.bytes.subarray(8, 12).toString('ascii')).toBe('WAVE');
      expect(r.bytes.readUInt32LE(40)).toBe(r.bytes.length - 44);
    }
    const same = await binary(m, `/api/audio/${AGENT}/speech/generate`, { text: 'Hello there' });
    const first = await binary(m, `/api/audio/${AGENT}/speech/generate`, { text: 'Hello there' });
    expect(same.bytes.equals(first.bytes)).toBe(true);
    expect(m.violations).toEqual([]);
  });

  it('refuses speech without text, for a bad or unknown agent, and when the agent is silent', async () => {
    const m = await start(profile, { agent: 'silent' });
    const noText = await m.request('POST', `/api/audio/${AGENT}/speech/generate`, { body: { voice: 'x' } });
    expect(noText).toMatchObject({ status: 400, body: errorBody(profile, 'VALIDATION_ERROR', 'Text is required for speech synthesis', e1('INVALID_REQUEST', 'Text is required for speech synthesis')) });
    const noConversation = await m.request('POST', `/api/audio/${AGENT}/speech/conversation`, { body: { text: '' } });
    expect(noConversation).toMatchObject({ status: 400, body: errorBody(profile, 'VALIDATION_ERROR', 'Text is required for conversation', e1('INVALID_REQUEST', 'Text is required for conversation')) });
    const badId = await m.request('POST', '/api/audio/nope/audio-messages/synthesize', { body: { text: 'x' } });
    expect(badId).toMatchObject({ status: 400, body: errorBody(profile, 'INVALID_ID', 'Invalid agent ID format', e1('INVALID_ID', 'Invalid agent ID format')) });
    const unknown = await m.request('POST', `/api/audio/${UNKNOWN}/speech/generate`, { body: { text: 'x' } });
    expect(unknown).toMatchObject({ status: 404, body: errorBody(profile, 'NOT_FOUND', 'Agent not found', e1('NOT_FOUND', 'Agent not found')) });
    const silent = await m.request('POST', `/api/audio/${AGENT}/speech/conversation`, { body: { text: 'hi' } });
    expect(silent).toMatchObject({ status: 500, body: errorBody(profile, 'INTERNAL_ERROR', 'No response from model', e1('MODEL_ERROR', 'No response from model')) });
    expect(m.violations).toEqual([]);
  });
});

describe.each(PROFILES)('media uploads (%s)', (profile) => {
  it('stores an agent upload and serves it back from its URL', async () => {
    const m = await start(profile);
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const r = await upload(m, `/api/media/agents/${AGENT}/upload-media`, { name: 'Cat.PNG', type: 'image/png', bytes });
    expect(r.status).toBe(200);
    const data = (r.body as { data: { url: string; filename: string } }).data;
    expect(r.body).toEqual(enveloped({ url: `/media/uploads/agents/${AGENT}/${data.filename}`, type: 'image', filename: data.filename, originalName: 'Cat.PNG', size: 7 }));
    expect(data.filename).toMatch(/^\d+-\d+\.png$/);
    const file = await fetch(`${m.url}${data.url}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    const doc = await upload(m, `/api/media/agents/${AGENT}/upload-media`, { name: 'notes.txt', type: 'text/plain' });
    expect((doc.body as { data: { type: string } }).data.type).toBe('document');
    expect(m.violations).toEqual([]);
  });

  it('keeps only the base name of a path-like file name and refuses `..` names', async () => {
    const m = await start(profile);
    const traversal = await upload(m, `/api/media/agents/${AGENT}/upload-media`, { name: '../../etc/evil.png', type: 'image/png' });
    expect(traversal.status).toBe(200);
    const data = (traversal.body as { data: { url: string; originalName: string } }).data;
    expect(data.originalName).toBe('evil.png');
    expect(data.url).toMatch(new RegExp(`^/media/uploads/agents/${AGENT}/\\d+-\\d+\\.png$`));
    const dots = await upload(m, `/api/media/agents/${AGENT}/upload-media`, { name: '..evil.png', type: 'image/png' });
    expect(dots).toEqual({ status: 400, body: errorBody(profile, 'VALIDATION_ERROR', 'Invalid file name', e1('INVALID_REQUEST', 'Invalid file name')) });
    const channel = await upload(m, `/api/media/channels/${ROOM_A}/upload-media`, { name: '..evil.png', type: 'image/png' });
    expect(channel).toEqual({ status: 400, body: errorBody(profile, 'VALIDATION_ERROR', 'Invalid file name', e2('Invalid file name')) });
    expect(m.violations).toEqual([]);
  });

  it('refuses a bad MIME type, a missing file and a malformed id', async () => {
    const m = await start(profile);
    const mime = await upload(m, `/api/media/agents/${AGENT}/upload-media`, { name: 'x.exe', type: 'application/x-msdownload' });
    expect(mime).toEqual(profile === 'documented'
      ? { status: 415, body: { success: false, error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Invalid file type' } } }
      : { status: 500, body: e5('Invalid file type') });
    const channelMime = await upload(m, `/api/media/channels/${ROOM_A}/upload-media`, { name: 'x.exe', type: 'application/x-msdownload' });
    expect(channelMime.status).toBe(profile === 'documented' ? 415 : 500);
    const noFile = await uploadNothing(m, `/api/media/agents/${AGENT}/upload-media`);
    expect(noFile).toMatchObject({ status: 400, body: errorBody(profile, 'VALIDATION_ERROR', 'No media file provided', e1('INVALID_REQUEST', 'No media file provided')) });
    const badAgent = await upload(m, '/api/media/agents/nope/upload-media', { name: 'a.png', type: 'image/png' });
    expect(badAgent).toEqual({ status: 400, body: errorBody(profile, 'INVALID_ID', 'Invalid agent ID format', e1('INVALID_ID', 'Invalid agent ID format')) });
    const badChannel = await upload(m, '/api/media/channels/nope/upload-media', { name: 'a.png', type: 'image/png' });
    expect(badChannel).toEqual({ status: 400, body: errorBody(profile, 'INVALID_ID', 'Invalid channelId format', e2('Invalid channelId format')) });
    const channelNoFile = await uploadNothing(m, `/api/media/channels/${ROOM_A}/upload-media`);
    expect(channelNoFile).toMatchObject({ status: 400, body: errorBody(profile, 'VALIDATION_ERROR', 'No media file provided', e2('No media file provided')) });
    expect(m.violations).toEqual([]);
  });

  it('stores a channel upload (1.7.2 then fails to serve it back)', async () => {
    const m = await start(profile);
    const r = await upload(m, `/api/media/channels/${ROOM_A}/upload-media`, { name: 'clip.mp4', type: 'video/mp4' });
    expect(r.status).toBe(200);
    const data = (r.body as { data: { url: string; filename: string } }).data;
    expect(r.body).toEqual(enveloped({ url: `/media/uploads/channels/${ROOM_A}/${data.filename}`, type: 'video/mp4', filename: data.filename, originalName: 'clip.mp4', size: 4 }));
    const file = await fetch(`${m.url}${data.url}`);
    expect(file.status).toBe(profile === 'documented' ? 200 : 404);
    expect(m.violations).toEqual([]);
  });

  it('limits channel uploads to 100 per 15 minutes when rate limiting is on', async () => {
    const m = await start(profile, { rateLimit: { limit: 10_000, windowMs: 60_000 } });
    for (let i = 0; i < 100; i += 1) {
      const ok = await upload(m, `/api/media/channels/${ROOM_A}/upload-media`, { name: `f${i}.txt`, type: 'text/plain' });
      expect(ok.status).toBe(200);
    }
    const limited = await upload(m, `/api/media/channels/${ROOM_A}/upload-media`, { name: 'last.txt', type: 'text/plain' });
    const message = 'Too many requests, please try again later.';
    expect(limited).toEqual({ status: 429, body: errorBody(profile, 'RATE_LIMIT_EXCEEDED', message, e2(message)) });
    expect(m.violations).toEqual([]);
  });
});

describe.each(PROFILES)('server and system routes (%s)', (profile) => {
  it('answers ping, hello, status, health and stop', async () => {
    const m = await start(profile);
    const ping = await m.request('GET', '/api/server/ping');
    expect(ping).toMatchObject({ status: 200, body: e3(profile, { pong: true, timestamp: expect.any(Number) }) });
    const hello = await m.request('GET', '/api/server/hello');
    expect(hello).toMatchObject({ status: 200, body: e3(profile, { message: 'Hello World!' }) });
    const status = await m.request('GET', '/api/server/status');
    expect(status).toMatchObject({ status: 200, body: e3(profile, { status: 'ok', agentCount: 1, timestamp: expect.any(String) }) });
    const health = await m.request('GET', '/api/server/health');
    expect(health).toMatchObject({ status: 200, body: e3(profile, { status: 'OK', version: '1.7.2', timestamp: expect.any(String), dependencies: { agents: 'healthy' } }) });
    const stop = await m.request('POST', '/api/server/stop');
    expect(stop).toMatchObject({ status: 200, body: e3(profile, { message: 'Server stopping...' }) });
    expect((await m.request('GET', '/api/server/ping')).status).toBe(200);
    const agent = m.mock.state.agents.get(AGENT);
    if (agent) agent.status = 'inactive';
    const degraded = await m.request('GET', '/api/server/health');
    expect(degraded).toMatchObject({ status: 503, body: e3(profile, { status: 'OK', dependencies: { agents: 'no_agents' } }) });
    expect(m.violations).toEqual([]);
  });

  it('reads, filters and clears the log buffer', async () => {
    const m = await start(profile);
    m.mock.context.logger.clear();
    m.mock.context.logger.log('info', 'one');
    m.mock.context.logger.log('warn', 'two');
    m.mock.context.logger.log('info', 'three');
    const all = await m.request('GET', '/api/server/logs');
    const levels = ['fatal', 'error', 'warn', 'info', 'log', 'progress', 'success', 'debug', 'trace'];
    const entry = (level: number, msg: string) => ({ time: expect.any(Number), level, msg });
    expect(all).toMatchObject({ status: 200, body: e3(profile, { logs: [entry(30, 'one'), entry(40, 'two'), entry(30, 'three')], count: 3, total: 3, requestedLevel: 'all', agentName: 'all', agentId: 'all', levels }) });
    const info = await m.request('POST', '/api/server/logs?level=info&limit=1');
    expect(info).toMatchObject({ status: 200, body: e3(profile, { logs: [entry(30, 'three')], count: 1, total: 3, requestedLevel: 'info' }) });
    const future = await m.request('GET', `/api/server/logs?since=${Date.now() + 60_000}`);
    expect(future.body).toMatchObject(e3(profile, { logs: [], count: 0 }));
    const cleared = await m.request('DELETE', '/api/server/logs');
    expect(cleared).toEqual({ status: 200, body: e3(profile, { status: 'success', message: 'Logs cleared successfully' }), headers: expect.anything() });
    const after = await m.request('GET', '/api/server/logs?level=warn');
    expect(after.body).toMatchObject(e3(profile, { logs: [], count: 0, requestedLevel: 'warn' }));
    expect(m.violations).toEqual([]);
  });

  it('lists message servers for debugging', async () => {
    const m = await start(profile);
    const r = await m.request('GET', '/api/server/debug/servers');
    const server = { id: '00000000-0000-0000-0000-000000000000', name: 'Default Server', sourceType: 'eliza_default', createdAt: expect.any(String), updatedAt: expect.any(String) };
    expect(r.status).toBe(200);
    expect(r.body).toEqual(profile === 'documented' ? enveloped({ servers: [server], count: 1 }) : { success: true, servers: [server], count: 1 });
    expect(m.violations).toEqual([]);
  });

  it('answers version, config and the local env routes without touching the host', async () => {
    const m = await start(profile);
    const version = await m.request('GET', '/api/system/version');
    expect(version).toMatchObject({ status: 200, body: e3(profile, { version: '1.7.2', source: 'server', timestamp: expect.any(String), environment: 'development', uptime: expect.any(Number) }) });
    const config = await m.request('GET', '/api/system/config');
    expect(config).toMatchObject({ status: 200, body: enveloped({ requiresAuth: false }) });
    const env = await m.request('GET', '/api/system/env/local');
    expect(env).toMatchObject({ status: 200, body: enveloped({}) });
    const update = await m.request('POST', '/api/system/env/local', { body: { content: { FOO: 'bar' } } });
    expect(update).toMatchObject({ status: 200, body: profile === 'documented' ? enveloped({ message: 'Local env updated' }) : { success: true, message: 'Local env updated' } });
    const message = 'Missing or invalid "content" in request body';
    const bad = await m.request('POST', '/api/system/env/local', { body: { content: { FOO: 1 } } });
    expect(bad).toMatchObject({ status: 400, body: errorBody(profile, 'VALIDATION_ERROR', message, e1('INVALID_INPUT', message)) });
    const missing = await m.request('POST', '/api/system/env/local', { body: {} });
    expect(missing.status).toBe(400);
    expect(m.violations).toEqual([]);
  });
});
