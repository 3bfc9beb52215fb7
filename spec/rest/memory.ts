import { z } from 'zod';
import { GroupCreateFailure } from '../schemas/envelopes.js';
import { CreatedRoom, GroupRoom, Memory, Room } from '../schemas/memory.js';
import { ChannelType, EpochMs, Metadata, Uuid } from '../schemas/primitives.js';
import { defineOperation, operationInputs, type ErrorInput, type OperationInput } from './define.js';
import { lv } from './levels.js';

const entityHeader = { 'X-Entity-Id': Uuid.optional() };
const agentNotFound: ErrorInput = { status: 404, code: 'NOT_FOUND', message: 'Agent not found' };
const MemoriesData = z.strictObject({ memories: z.array(Memory) });

/**
 * The agent-memory and room routes. 1.7.2 mounts the same routers under `/api/memory` and `/api/agents`, so each
 * is also offered under `/api/agents/...` as an alias.
 */
const agentMemoryInputs = operationInputs([
  {
    id: 'memory.rooms.memories.list',
    method: 'GET',
    path: '/api/memory/:agentId/rooms/:roomId/memories',
    summary: "An agent's memories of a channel (`roomId` is a central channel id, hashed per agent)",
    profiles: lv('SHOULD', 'SHOULD'),
    style: 'E1',
    params: { agentId: Uuid, roomId: Uuid },
    query: {
      limit: z.number().int().positive().optional(),
      before: EpochMs.optional(),
      includeEmbedding: z.enum(['true', 'false']).optional(),
      tableName: z.string().optional(),
    },
    headers: entityHeader,
    success: { status: 200, data: MemoriesData },
    errors: [
      { status: 400, code: 'INVALID_ID', message: 'Invalid agent ID or channel ID format' },
      agentNotFound,
      { status: 500, code: 'INTERNAL_ERROR', releases: { 'elizaos-1.7': { code: '500' } }, message: 'Failed to retrieve memories' },
    ],
  },
  {
    id: 'memory.memories.list',
    method: 'GET',
    path: '/api/memory/:agentId/memories',
    summary: "An agent's memories, optionally of one channel or room",
    profiles: lv('SHOULD', 'MUST'),
    style: 'E1',
    probed: true,
    params: { agentId: Uuid },
    query: {
      tableName: z.string().optional(),
      includeEmbedding: z.enum(['true', 'false']).optional(),
      channelId: Uuid.optional(),
      roomId: Uuid.optional(),
    },
    headers: entityHeader,
    success: { status: 200, data: MemoriesData },
    errors: [
      { status: 400, code: 'INVALID_ID', message: 'Invalid room ID format' },
      agentNotFound,
      { status: 500, code: 'INTERNAL_ERROR', releases: { 'elizaos-1.7': { code: 'MEMORY_ERROR' } } },
    ],
  },
  {
    id: 'memory.memories.update',
    method: 'PATCH',
    path: '/api/memory/:agentId/memories/:memoryId',
    summary: 'Update one memory',
    profiles: lv('SHOULD', 'SHOULD'),
    style: 'E1',
    params: { agentId: Uuid, memoryId: Uuid },
    body: Memory.partial().meta({ id: 'MemoryPatch' }),
    success: { status: 200, data: z.strictObject({ id: Uuid, message: z.literal('Memory updated successfully') }) },
    errors: [
      { status: 400, code: 'INVALID_ID' },
      agentNotFound,
      { status: 500, code: 'INTERNAL_ERROR', releases: { 'elizaos-1.7': { code: 'UPDATE_ERROR' } } },
    ],
  },
  {
    id: 'memory.memories.clear',
    method: 'DELETE',
    path: '/api/memory/:agentId/memories',
    summary: "Clear all of an agent's memories",
    profiles: lv('SHOULD', 'SHOULD'),
    style: 'E1',
    params: { agentId: Uuid },
    success: { status: 200, data: z.strictObject({ deleted: z.number().int().nonnegative(), message: z.literal('All agent memories cleared successfully') }) },
    errors: [{ status: 400, code: 'INVALID_ID' }, agentNotFound, { status: 500, code: 'INTERNAL_ERROR', releases: { 'elizaos-1.7': { code: 'DELETE_ERROR' } } }],
  },
  {
    id: 'memory.memories.clear-room',
    method: 'DELETE',
    path: '/api/memory/:agentId/memories/all/:roomId',
    summary: "Delete an agent's message and document memories of one room",
    profiles: lv('SHOULD', 'SHOULD'),
    style: 'E1',
    params: { agentId: Uuid, roomId: Uuid },
    success: { status: 204 },
    errors: [
      { status: 400, code: 'INVALID_ID', message: 'Invalid room ID' },
      agentNotFound,
      { status: 500, code: 'INTERNAL_ERROR', releases: { 'elizaos-1.7': { code: 'DELETE_ERROR' } } },
    ],
  },
  {
    id: 'memory.memories.delete',
    method: 'DELETE',
    path: '/api/memory/:agentId/memories/:memoryId',
    summary: 'Delete one memory',
    profiles: lv('SHOULD', 'SHOULD'),
    style: 'E1',
    params: { agentId: Uuid, memoryId: Uuid },
    success: { status: 200, data: z.strictObject({ message: z.literal('Memory deleted successfully') }) },
    errors: [{ status: 400, code: 'INVALID_ID' }, agentNotFound, { status: 500, code: 'INTERNAL_ERROR', releases: { 'elizaos-1.7': { code: 'DELETE_ERROR' } } }],
  },
  {
    id: 'memory.rooms.create',
    method: 'POST',
    path: '/api/memory/:agentId/rooms',
    summary: 'Create a room for an agent (and a world for it when none is given)',
    profiles: lv('SHOULD', 'MUST'),
    style: 'E1',
    probed: true,
    params: { agentId: Uuid },
    body: z.object({
      name: z.string().min(1),
      type: ChannelType.optional(),
      source: z.string().optional(),
      worldId: Uuid.optional(),
      metadata: Metadata.optional(),
      messageServerId: Uuid.optional(),
    }),
    success: { status: 201, data: CreatedRoom },
    errors: [
      { status: 400, code: 'INVALID_ID' },
      { status: 400, code: 'VALIDATION_ERROR', releases: { 'elizaos-1.7': { code: 'MISSING_PARAM' } }, message: 'Room name is required' },
      agentNotFound,
      { status: 500, code: 'INTERNAL_ERROR', releases: { 'elizaos-1.7': { code: 'CREATE_ERROR' } } },
    ],
  },
  {
    id: 'memory.rooms.list',
    method: 'GET',
    path: '/api/memory/:agentId/rooms',
    summary: "An agent's rooms",
    profiles: lv('SHOULD', 'MUST'),
    style: 'E1',
    probed: true,
    params: { agentId: Uuid },
    success: { status: 200, data: z.strictObject({ rooms: z.array(Room) }) },
    errors: [{ status: 400, code: 'INVALID_ID' }, agentNotFound, { status: 500, code: 'INTERNAL_ERROR', releases: { 'elizaos-1.7': { code: 'RETRIEVAL_ERROR' } } }],
  },
  {
    id: 'memory.rooms.get',
    method: 'GET',
    path: '/api/memory/:agentId/rooms/:roomId',
    summary: 'One room of an agent, with its world name',
    profiles: lv('SHOULD', 'SHOULD'),
    style: 'E1',
    params: { agentId: Uuid, roomId: Uuid },
    success: { status: 200, data: Room.extend({ worldName: z.string().optional() }) },
    errors: [
      { status: 400, code: 'INVALID_ID' },
      agentNotFound,
      { status: 404, code: 'NOT_FOUND', message: 'Room not found' },
      { status: 500, code: 'INTERNAL_ERROR', releases: { 'elizaos-1.7': { code: 'RETRIEVAL_ERROR' } } },
    ],
  },
]);

/** `memory.x.y` at `/api/memory/:agentId/...` → `agents.memory.x.y` at `/api/agents/:agentId/...`. */
function underAgents<const I extends string>(input: OperationInput & { id: I }): OperationInput & { id: `agents.${I}` } {
  return {
    ...input,
    id: `agents.${input.id}`,
    path: input.path.replace('/api/memory/', '/api/agents/'),
    summary: `${input.summary} (same router mounted under /api/agents)`,
    profiles: lv(undefined, 'MAY'),
    aliasOf: input.id,
    probed: false,
  };
}

const GroupBody = z.object({
  agentIds: z.array(Uuid).min(1),
  name: z.string().optional(),
  worldId: Uuid,
  source: z.string().optional(),
  metadata: Metadata.optional(),
});

const groupOperations = [
  defineOperation({
    id: 'memory.groups.create',
    method: 'POST',
    path: '/api/memory/groups/:messageServerId',
    summary: 'Create a group room for each of several agents',
    profiles: lv('SHOULD', 'MUST'),
    style: 'E1',
    probed: true,
    params: { messageServerId: Uuid },
    body: GroupBody,
    success: [
      { status: 201, data: z.array(GroupRoom) },
      {
        status: 207,
        data: z.strictObject({ rooms: z.array(GroupRoom), errors: z.array(GroupCreateFailure) }),
        releases: { 'elizaos-1.7': { body: z.strictObject({ success: z.literal(false), data: z.array(GroupRoom), errors: z.array(GroupCreateFailure) }) } },
        description: 'Some agents failed',
        when: 'some agents failed',
      },
    ],
    errors: [
      { status: 400, code: 'VALIDATION_ERROR', releases: { 'elizaos-1.7': { code: 'BAD_REQUEST' } }, message: 'agentIds must be a non-empty array' },
      {
        status: 500,
        code: 'INTERNAL_ERROR',
        releases: { 'elizaos-1.7': { body: z.strictObject({ success: z.literal(false), error: z.array(GroupCreateFailure) }), envelope: 'hybrid' } },
        when: 'every agent failed (elizaos-1.7: `error` is an array)',
      },
    ],
  }),
  defineOperation({
    id: 'memory.groups.delete',
    method: 'DELETE',
    path: '/api/memory/groups/:messageServerId',
    summary: 'Delete a group world (the param is used as a world id)',
    profiles: lv('SHOULD', 'SHOULD'),
    style: 'E1',
    params: { messageServerId: Uuid },
    success: { status: 204 },
    errors: [
      { status: 400, code: 'INVALID_ID', message: 'Invalid messageServerId (worldId) format' },
      { status: 500, code: 'INTERNAL_ERROR', releases: { 'elizaos-1.7': { code: 'DELETE_ERROR' } } },
    ],
  }),
  defineOperation({
    id: 'memory.groups.memories.clear',
    method: 'DELETE',
    path: '/api/memory/groups/:messageServerId/memories',
    summary: "Clear a group world's memories",
    profiles: lv('SHOULD', 'SHOULD'),
    style: 'E1',
    params: { messageServerId: Uuid },
    success: { status: 204 },
    errors: [{ status: 400, code: 'INVALID_ID' }, { status: 500, code: 'INTERNAL_ERROR', releases: { 'elizaos-1.7': { code: 'DELETE_ERROR' } } }],
  }),
];

export const memoryOperations = [...agentMemoryInputs.map(defineOperation), ...groupOperations];
export const agentMemoryAliases = agentMemoryInputs.map(underAgents).map(defineOperation);
