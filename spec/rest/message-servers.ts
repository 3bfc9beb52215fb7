import { z } from 'zod';
import { MessageServer } from '../schemas/messaging.js';
import { Metadata, Uuid } from '../schemas/primitives.js';
import { defineOperation, operationInputs, renameId, type ErrorInput, type OperationInput } from './define.js';
import { lv } from './levels.js';

const otherServer = (verb: string): ErrorInput => ({
  status: 403,
  code: 'FORBIDDEN',
  message: `Cannot ${verb} agents for a different server`,
  profiles: lv(undefined, 'MUST'),
  when: 'elizaos-1.7: any messageServerId other than the current server',
});

const failed = (message: string): ErrorInput => ({ status: 500, code: 'INTERNAL_ERROR', message });

export const serverAgentInputs = operationInputs([
  {
    id: 'messaging.message-servers.agents.list',
    method: 'GET',
    path: '/api/messaging/message-servers/:messageServerId/agents',
    summary: 'The agents of a message server',
    profiles: lv('SHOULD', 'MUST'),
    style: 'E2',
    probed: true,
    params: { messageServerId: Uuid },
    success: { status: 200, data: z.strictObject({ messageServerId: Uuid, agents: z.array(Uuid) }) },
    errors: [{ status: 400, code: 'INVALID_ID', message: 'Invalid messageServerId format' }, otherServer('access'), failed('Failed to fetch agents for server')],
  },
  {
    id: 'messaging.message-servers.agents.add',
    method: 'POST',
    path: '/api/messaging/message-servers/:messageServerId/agents',
    summary: 'Add an agent to a message server',
    profiles: lv('SHOULD', 'SHOULD'),
    style: 'E2',
    params: { messageServerId: Uuid },
    body: z.object({ agentId: Uuid }),
    success: {
      status: 201,
      data: z.strictObject({ messageServerId: Uuid, agentId: Uuid, message: z.literal('Agent added to message server successfully') }),
    },
    errors: [{ status: 400, code: 'INVALID_ID', message: 'Invalid messageServerId or agentId format' }, otherServer('modify'), failed('Failed to add agent to server')],
  },
  {
    id: 'messaging.message-servers.agents.remove',
    method: 'DELETE',
    path: '/api/messaging/message-servers/:messageServerId/agents/:agentId',
    summary: 'Remove an agent from a message server',
    profiles: lv('SHOULD', 'SHOULD'),
    style: 'E2',
    params: { messageServerId: Uuid, agentId: Uuid },
    success: {
      status: 200,
      data: z.strictObject({ messageServerId: Uuid, agentId: Uuid, message: z.literal('Agent removed from message server successfully') }),
    },
    errors: [{ status: 400, code: 'INVALID_ID', message: 'Invalid messageServerId or agentId format' }, otherServer('modify'), failed('Failed to remove agent from server')],
  },
]);

const createServerInput: OperationInput & { id: 'messaging.message-servers.create' } = {
  id: 'messaging.message-servers.create',
  method: 'POST',
  path: '/api/messaging/message-servers',
  summary: 'Create a message server',
  profiles: lv('MUST', 'MUST'),
  style: 'E2',
  probed: true,
  body: z.object({ name: z.string().min(1), sourceType: z.string().min(1), sourceId: z.string().optional(), metadata: Metadata.optional() }),
  success: { status: 201, data: z.strictObject({ server: MessageServer }) },
  errors: [{ status: 400, code: 'VALIDATION_ERROR', message: 'Missing required fields: name, sourceType' }, failed('Failed to create server')],
};

export const messageServerOperations = [
  defineOperation({
    id: 'messaging.message-servers.current',
    method: 'GET',
    path: '/api/messaging/message-server/current',
    summary: 'The id of the current message server (the nil UUID by default)',
    profiles: lv('MUST', 'MUST'),
    style: 'E2',
    probed: true,
    success: { status: 200, data: z.strictObject({ messageServerId: Uuid }) },
    errors: [failed('Failed to fetch current server')],
  }),
  defineOperation({
    id: 'messaging.message-servers.list',
    method: 'GET',
    path: '/api/messaging/message-servers',
    summary: 'All message servers',
    profiles: lv('MUST', 'MUST'),
    style: 'E2',
    probed: true,
    success: { status: 200, data: z.strictObject({ messageServers: z.array(MessageServer) }) },
    errors: [failed('Failed to fetch servers')],
  }),
  defineOperation(createServerInput),
  ...serverAgentInputs.map(defineOperation),
  defineOperation({
    id: 'messaging.agents.message-servers.list',
    method: 'GET',
    path: '/api/messaging/agents/:agentId/message-servers',
    summary: 'The message servers an agent belongs to',
    profiles: lv('SHOULD', 'MUST'),
    style: 'E2',
    probed: true,
    params: { agentId: Uuid },
    success: { status: 200, data: z.strictObject({ agentId: Uuid, messageServers: z.array(Uuid) }) },
    errors: [{ status: 400, code: 'INVALID_ID', message: 'Invalid agentId format' }, failed('Failed to fetch servers for agent')],
  }),
];

/** The deprecated `/servers` and `/central-servers` aliases of 1.7.2 (they rewrite the URL and re-dispatch). */
export const deprecatedServerOperations = [
  defineOperation({
    id: 'messaging.central-servers.list',
    method: 'GET',
    path: '/api/messaging/central-servers',
    summary: 'All message servers (deprecated: use /message-servers)',
    profiles: lv(undefined, 'MAY'),
    style: 'E2',
    deprecated: true,
    aliasOf: 'messaging.message-servers.list',
    success: { status: 200, data: z.strictObject({ servers: z.array(MessageServer) }) },
    errors: [failed('Failed to fetch servers')],
  }),
  ...[createServerInput, ...serverAgentInputs].map((input) =>
    defineOperation({
      ...input,
      id: renameId(input.id, 'messaging.message-servers.', 'messaging.servers.'),
      path: input.path.replace('/message-servers', '/servers').replace(':messageServerId', ':serverId'),
      params: input.params && renameKey(input.params, 'messageServerId', 'serverId'),
      summary: `${input.summary} (deprecated alias)`,
      profiles: lv(undefined, 'MAY'),
      deprecated: true,
      aliasOf: input.id,
      probed: false,
    }),
  ),
];

function renameKey<T>(record: Record<string, T>, from: string, to: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k === from ? to : k, v]));
}
