import { ChannelType, Content } from '../../../spec/index.js';
import type { AgentRecord, ChannelRecord, MemoryRecord, RoomRecord } from '../../state/records.js';
import { compact } from '../../state/wire.js';
import type { HandlerMap } from '../handlers.js';
import { fail, noContent, ok, type Handler, type HandlerResult, type RequestContext } from '../result.js';
import { agentParam, bodyOf, isResult, isUuid, queryNumber, queryString } from './helpers.js';
import { sha1Hex } from './sha1.js';
import { isRelease } from '../../../spec/profiles.js';

type Dict = Record<string, unknown>;

const isRecord = (value: unknown): value is Dict => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A 400 INVALID_ID with 1.7.2's own message. The spec pins one message per code and operation, so where 1.7.2
 * words the same error differently (e.g. "Invalid agent ID" next to "Invalid room ID format"), the E1 body is given.
 */
function invalidId(message: string): HandlerResult {
  return fail('INVALID_ID', message, { real: { success: false, error: { code: 'INVALID_ID', message } } });
}

/** The running agent named by `:agentId` (1.7.2's `elizaOS.getAgent`), or the 400/404 to answer. */
function runningAgent(req: RequestContext, invalidMessage: string): AgentRecord | HandlerResult {
  if (!isUuid(req.params.agentId)) return invalidId(invalidMessage);
  return agentParam(req, { running: true });
}

/** Memory as plugin-sql returns it: no `table`; `embedding` only when asked for. */
function memoryWire(m: MemoryRecord, withEmbedding: boolean) {
  return compact({
    id: m.id,
    entityId: m.entityId,
    agentId: m.agentId,
    roomId: m.roomId,
    worldId: m.worldId,
    content: m.content,
    embedding: withEmbedding ? m.embedding : undefined,
    createdAt: m.createdAt,
    metadata: m.metadata,
  });
}

/**
 * An agent's memories of one table (and room), newest first. `X-Entity-Id` does not filter them: 1.7.2 hands it to
 * plugin-sql's `MemoryStore.get` (`@elizaos/plugin-sql` dist/node/index.node.js), which uses it only for
 * `withIsolationContext`, never in the WHERE clause; so the web UI, which sends its user's id on every request,
 * lists the agent's replies as well as the user's messages.
 */
function memoriesOf(req: RequestContext, agentId: string, table: string, roomId?: string): MemoryRecord[] {
  return [...req.mock.state.memories.values()]
    .filter((m) => m.agentId === agentId && m.table === table && (!roomId || m.roomId === roomId))
    .sort((a, b) => b.createdAt - a.createdAt);
}

const withEmbedding = (req: RequestContext) => queryString(req, 'includeEmbedding') === 'true';

const roomMemories: Handler = (req) => {
  if (!isUuid(req.params.agentId) || !isUuid(req.params.roomId)) return invalidId('Invalid agent ID or channel ID format');
  const agent = runningAgent(req, 'Invalid agent ID or channel ID format');
  if (isResult(agent)) return agent;
  const limit = Math.max(0, Math.floor(queryNumber(req, 'limit', 20)));
  const before = queryNumber(req, 'before', req.mock.clock.now());
  const table = queryString(req, 'tableName') || 'messages';
  // The mock keeps channel ids as room ids (1.7.2 hashes them per agent with createUniqueUuid).
  const memories = memoriesOf(req, agent.id, table, req.params.roomId).filter((m) => m.createdAt <= before).slice(0, limit);
  return ok({ memories: memories.map((m) => memoryWire(m, withEmbedding(req))) });
};

/** The room `?channelId=` or `?roomId=` names (channelId first, as 1.7.2), or the 400 for a malformed one. */
function roomQuery(req: RequestContext): string | undefined | HandlerResult {
  const channelId = queryString(req, 'channelId');
  if (channelId) return isUuid(channelId) ? channelId : invalidId('Invalid channel ID format');
  const roomId = queryString(req, 'roomId');
  if (roomId) return isUuid(roomId) ? roomId : invalidId('Invalid room ID format');
  return undefined;
}

const memoriesList: Handler = (req) => {
  const agent = runningAgent(req, 'Invalid agent ID');
  if (isResult(agent)) return agent;
  const roomId = roomQuery(req);
  if (isResult(roomId)) return roomId;
  const memories = memoriesOf(req, agent.id, queryString(req, 'tableName') || 'messages', roomId);
  return ok({ memories: memories.map((m) => memoryWire(m, withEmbedding(req))) });
};

/** 1.7.2's PATCH: ids are kept only when they are UUIDs, `agentId` defaults to the path's; the rest replaces. */
function applyPatch(m: MemoryRecord, body: Dict, agentId: string): void {
  if (isUuid(body.entityId)) m.entityId = body.entityId;
  if (isUuid(body.roomId)) m.roomId = body.roomId;
  if (isUuid(body.worldId)) m.worldId = body.worldId;
  if (body.agentId === undefined) m.agentId = agentId;
  else if (isUuid(body.agentId)) m.agentId = body.agentId;
  if (isRecord(body.content) && Content.safeParse(body.content).success) m.content = body.content;
  if (isRecord(body.metadata)) m.metadata = body.metadata;
  if (Array.isArray(body.embedding) && body.embedding.every((n) => typeof n === 'number')) m.embedding = body.embedding as number[];
}

/**
 * The memory named by `:memoryId`. 1.7.2 updates and deletes by id without looking first, so an unknown id
 * succeeds there; the documented profile answers 404.
 */
function memoryParam(req: RequestContext, agent: AgentRecord): MemoryRecord | undefined | HandlerResult {
  const memory = req.mock.state.memories.get(req.params.memoryId ?? '');
  if (isRelease(req.mock.profile)) return memory;
  return memory && memory.agentId === agent.id ? memory : fail('NOT_FOUND', 'Memory not found');
}

const memoryUpdate: Handler = (req) => {
  if (!isUuid(req.params.agentId) || !isUuid(req.params.memoryId)) return invalidId('Invalid agent ID or memory ID format');
  const agent = runningAgent(req, 'Invalid agent ID or memory ID format');
  if (isResult(agent)) return agent;
  const memory = memoryParam(req, agent);
  if (isResult(memory)) return memory;
  if (memory) applyPatch(memory, bodyOf(req), agent.id);
  return ok({ id: req.params.memoryId, message: 'Memory updated successfully' });
};

const memoryDelete: Handler = (req) => {
  if (!isUuid(req.params.agentId) || !isUuid(req.params.memoryId)) return invalidId('Invalid agent ID or memory ID format');
  const agent = runningAgent(req, 'Invalid agent ID or memory ID format');
  if (isResult(agent)) return agent;
  const memory = memoryParam(req, agent);
  if (isResult(memory)) return memory;
  if (memory) req.mock.state.memories.delete(memory.id);
  return ok({ message: 'Memory deleted successfully' });
};

const memoriesClear: Handler = (req) => {
  const agent = runningAgent(req, 'Invalid agent ID');
  if (isResult(agent)) return agent;
  const mine = [...req.mock.state.memories.values()].filter((m) => m.agentId === agent.id);
  for (const m of mine) req.mock.state.memories.delete(m.id);
  return ok({ deleted: mine.length, message: 'All agent memories cleared successfully' });
};

/** The tables 1.7.2's clear-room empties (MemoryType.MESSAGE and DOCUMENT). */
const ROOM_TABLES = new Set(['messages', 'message', 'documents', 'document']);

const memoriesClearRoom: Handler = (req) => {
  if (!isUuid(req.params.agentId)) return invalidId('Invalid agent ID');
  if (!isUuid(req.params.roomId)) return invalidId('Invalid room ID');
  const agent = runningAgent(req, 'Invalid agent ID');
  if (isResult(agent)) return agent;
  for (const m of [...req.mock.state.memories.values()]) {
    if (m.agentId === agent.id && m.roomId === req.params.roomId && ROOM_TABLES.has(m.table)) req.mock.state.memories.delete(m.id);
  }
  return noContent();
};

/** A room as plugin-sql returns it; 1.7.2 also sends `serverId` and null for absent ids and metadata. */
function roomWire(req: RequestContext, r: RoomRecord) {
  const base = compact({ id: r.id, name: r.name, agentId: r.agentId, source: r.source, type: r.type, channelId: r.channelId, messageServerId: r.messageServerId, worldId: r.worldId, metadata: r.metadata });
  if (!isRelease(req.mock.profile)) return base;
  return { ...base, messageServerId: r.messageServerId ?? null, serverId: r.messageServerId ?? null, metadata: r.metadata ?? null };
}

/** A channel the agent takes part in, seen as its room (the mock keeps channel ids as room ids; world = server). */
function channelRoom(c: ChannelRecord, agentId: string): RoomRecord {
  return {
    id: c.id,
    name: c.name,
    agentId,
    source: c.sourceType ?? 'client',
    type: c.type,
    channelId: c.id,
    messageServerId: c.messageServerId,
    worldId: c.messageServerId,
    metadata: c.metadata,
    createdAt: c.createdAt,
  };
}

/** The agent's rooms: those created for it, and the channels it is in or remembers. */
function roomsOf(req: RequestContext, agentId: string): RoomRecord[] {
  const { state } = req.mock;
  const own = [...state.rooms.values()].filter((r) => r.agentId === agentId);
  const remembered = new Set([...state.memories.values()].filter((m) => m.agentId === agentId).map((m) => m.roomId));
  const channels = [...state.channels.values()]
    .filter((c) => !state.rooms.has(c.id) && (c.participants.includes(agentId) || remembered.has(c.id)))
    .map((c) => channelRoom(c, agentId));
  return [...own, ...channels];
}

const roomsList: Handler = (req) => {
  const agent = runningAgent(req, 'Invalid agent ID format');
  if (isResult(agent)) return agent;
  return ok({ rooms: roomsOf(req, agent.id).map((r) => roomWire(req, r)) });
};

const roomsGet: Handler = (req) => {
  if (!isUuid(req.params.agentId) || !isUuid(req.params.roomId)) return invalidId('Invalid agent ID or room ID format');
  const agent = runningAgent(req, 'Invalid agent ID or room ID format');
  if (isResult(agent)) return agent;
  const room = roomsOf(req, agent.id).find((r) => r.id === req.params.roomId);
  if (!room) return fail('NOT_FOUND', 'Room not found');
  const worldName = req.mock.state.worlds.get(room.worldId)?.name;
  return ok({ ...roomWire(req, room), ...(worldName ? { worldName } : {}) });
};

/** What is wrong with a room body besides a missing name, if anything. */
function roomBodyProblem(body: Dict): string | undefined {
  if (typeof body.name !== 'string') return 'name must be a string';
  if (body.type !== undefined && !ChannelType.safeParse(body.type).success) return `type must be one of ${ChannelType.options.join(', ')}`;
  if (body.source !== undefined && typeof body.source !== 'string') return 'source must be a string';
  if (body.worldId !== undefined && !isUuid(body.worldId)) return 'worldId must be a UUID';
  if (body.messageServerId !== undefined && !isUuid(body.messageServerId)) return 'messageServerId must be a UUID';
  if (body.metadata !== undefined && !isRecord(body.metadata)) return 'metadata must be an object';
  return undefined;
}

/** Documented: 400 VALIDATION_ERROR. 1.7.2 only checks the name; the database refuses the rest (500 CREATE_ERROR). */
function badRoomBody(req: RequestContext, problem: string): HandlerResult {
  if (req.mock.profile === 'documented') return fail('VALIDATION_ERROR', problem);
  return fail('INTERNAL_ERROR', 'Failed to create room', { details: problem });
}

/** The world "World for <name>" 1.7.2 creates when a room is created without one. */
function newWorld(req: RequestContext, agent: AgentRecord, body: Dict, name: string): string {
  const id = req.mock.state.ids.uuid();
  const metadata = isRecord(body.metadata) ? body.metadata : {};
  const messageServerId = isUuid(body.messageServerId) ? body.messageServerId : undefined;
  req.mock.state.worlds.set(id, { id, name: `World for ${name}`, agentId: agent.id, messageServerId, metadata, createdAt: req.mock.clock.now() });
  return id;
}

const roomsCreate: Handler = (req) => {
  const agent = runningAgent(req, 'Invalid agent ID format');
  if (isResult(agent)) return agent;
  const body = bodyOf(req);
  if (!body.name) return fail('VALIDATION_ERROR', 'Room name is required');
  const problem = roomBodyProblem(body);
  if (problem) return badRoomBody(req, problem);
  const name = String(body.name);
  const room: RoomRecord = {
    id: req.mock.state.ids.uuid(),
    name,
    agentId: agent.id,
    source: typeof body.source === 'string' ? body.source : 'client',
    type: ChannelType.safeParse(body.type).data ?? 'DM',
    messageServerId: isUuid(body.messageServerId) ? body.messageServerId : undefined,
    worldId: isUuid(body.worldId) ? body.worldId : newWorld(req, agent, body, name),
    metadata: isRecord(body.metadata) ? body.metadata : undefined,
    createdAt: req.mock.clock.now(),
  };
  room.channelId = room.id;
  req.mock.state.rooms.set(room.id, room);
  const { id, agentId, createdAt, source, type, worldId, messageServerId, metadata } = room;
  return ok(compact({ id, name, agentId, createdAt, source, type, worldId, messageServerId, metadata }), { status: 201 });
};

/** A UUID derived from an agent and a key, like core's `createUniqueUuid(runtime, key)`: stable across calls. */
function uniqueUuid(agentId: string, key: string): string {
  const h = sha1Hex(`${key}:${agentId}`);
  const variant = ((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

interface GroupFailure {
  agentId: string;
  code: 'NOT_FOUND' | 'CREATE_ERROR';
  message: string;
  details: string;
}

const isFailure = (value: Dict | GroupFailure): value is GroupFailure => 'code' in value;

/** One agent's group room (ensureWorldExists + ensureRoomExists), or why it could not be made. */
function groupRoom(req: RequestContext, agentId: unknown, body: Dict): Dict | GroupFailure {
  const { state } = req.mock;
  const agent = typeof agentId === 'string' ? state.agents.get(agentId) : undefined;
  if (!agent || agent.status !== 'active') return { agentId: String(agentId), code: 'NOT_FOUND', message: 'Agent not found', details: 'Agent not found' };
  if (!isUuid(body.worldId)) return { agentId: agent.id, code: 'CREATE_ERROR', message: 'Failed to Create group', details: 'worldId is required' };
  const serverId = req.params.messageServerId ?? '';
  const source = typeof body.source === 'string' ? body.source : 'client';
  const now = req.mock.clock.now();
  if (!state.worlds.has(body.worldId)) state.worlds.set(body.worldId, { id: body.worldId, name: source, agentId: agent.id, messageServerId: serverId, metadata: {}, createdAt: now });
  const id = uniqueUuid(agent.id, serverId);
  const name = typeof body.name === 'string' && body.name ? body.name : `Chat ${new Date(now).toLocaleString('en-US', { timeZone: 'UTC' })}`;
  const metadata = isRecord(body.metadata) ? body.metadata : undefined;
  if (!state.rooms.has(id)) state.rooms.set(id, { id, name, agentId: agent.id, source, type: 'API', channelId: id, messageServerId: serverId, worldId: body.worldId, metadata, createdAt: now });
  return { id, name, source: 'client', worldId: body.worldId, type: 'API' };
}

const groupsCreate: Handler = (req) => {
  const body = bodyOf(req);
  if (!Array.isArray(body.agentIds) || body.agentIds.length === 0) return fail('VALIDATION_ERROR', 'agentIds must be a non-empty array');
  if (req.mock.profile === 'documented' && !isUuid(body.worldId)) return fail('VALIDATION_ERROR', 'worldId is required (a UUID)');
  const outcomes = body.agentIds.map((id: unknown) => groupRoom(req, id, body));
  const errors = outcomes.filter(isFailure);
  const rooms = outcomes.filter((o) => !isFailure(o));
  if (rooms.length === 0) return fail('INTERNAL_ERROR', 'No group room was created', { details: errors, real: { success: false, error: errors } });
  if (errors.length > 0) return ok({ rooms, errors }, { status: 207, real: { success: false, data: rooms, errors } });
  return ok(rooms, { status: 201 });
};

const groupsDelete: Handler = (req) => {
  const worldId = req.params.messageServerId;
  if (!isUuid(worldId)) return invalidId('Invalid messageServerId (worldId) format');
  const { state } = req.mock;
  const rooms = [...state.rooms.values()].filter((r) => r.worldId === worldId).map((r) => r.id);
  for (const id of rooms) state.rooms.delete(id);
  for (const m of [...state.memories.values()]) if (rooms.includes(m.roomId)) state.memories.delete(m.id);
  return noContent();
};

const groupsMemoriesClear: Handler = (req) => {
  const worldId = req.params.messageServerId;
  if (!isUuid(worldId)) return invalidId('Invalid messageServerId (worldId) format');
  const { state } = req.mock;
  const rooms = new Set([...state.rooms.values()].filter((r) => r.worldId === worldId).map((r) => r.id));
  for (const m of [...state.memories.values()]) {
    if (m.table === 'messages' && (m.worldId === worldId || rooms.has(m.roomId))) state.memories.delete(m.id);
  }
  return noContent();
};

export const memoryHandlers = {
  'memory.rooms.memories.list': roomMemories,
  'memory.memories.list': memoriesList,
  'memory.memories.update': memoryUpdate,
  'memory.memories.clear': memoriesClear,
  'memory.memories.clear-room': memoriesClearRoom,
  'memory.memories.delete': memoryDelete,
  'memory.rooms.create': roomsCreate,
  'memory.rooms.list': roomsList,
  'memory.rooms.get': roomsGet,
  'memory.groups.create': groupsCreate,
  'memory.groups.delete': groupsDelete,
  'memory.groups.memories.clear': groupsMemoriesClear,
} satisfies Partial<HandlerMap>;
