/**
 * The real `@elizaos/api-client@1.7.2` against the mock in the `elizaos-1.7` profile: one test per service method that
 * reference §7.2 marks ✓ or ≈. For ≈ methods the tests assert what the 1.7.2 server really returns (§7.1, §7.2), not
 * the client's declared type. One ✗ method shows the mock fails it the way 1.7.2 does.
 *
 * Importing: the runtime entry (`dist/index.js`) imports nothing, so @elizaos/core is never loaded and vitest takes it
 * from the package entry as is. Its `.d.ts` files import each other without file extensions, which this repo's NodeNext
 * resolution cannot follow: `import { ElizaClient } from '@elizaos/api-client'` type-checks as a module without
 * exports. So the runtime values come from the package entry and are typed with the package's own declarations, read
 * by path. Those declarations' own imports are lost the same way, so parameters and results are `any`: method names
 * are checked, and the assertions carry the shapes.
 */
import * as apiClient from '@elizaos/api-client';
import type { ApiError as ApiErrorClass } from '@elizaos/api-client/dist/api-client/src/lib/base-client.js';
import type { AgentsService } from '@elizaos/api-client/dist/api-client/src/services/agents.js';
import type { AudioService } from '@elizaos/api-client/dist/api-client/src/services/audio.js';
import type { JobsService } from '@elizaos/api-client/dist/api-client/src/services/jobs.js';
import type { MediaService } from '@elizaos/api-client/dist/api-client/src/services/media.js';
import type { MemoryService } from '@elizaos/api-client/dist/api-client/src/services/memory.js';
import type { MessagingService } from '@elizaos/api-client/dist/api-client/src/services/messaging.js';
import type { RunsService } from '@elizaos/api-client/dist/api-client/src/services/runs.js';
import type { ServerService } from '@elizaos/api-client/dist/api-client/src/services/server.js';
import type { SessionsService } from '@elizaos/api-client/dist/api-client/src/services/sessions.js';
import type { SystemService } from '@elizaos/api-client/dist/api-client/src/services/system.js';
import type { JobStatus as JobStatusEnum } from '@elizaos/api-client/dist/api-client/src/types/jobs.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_AGENT, type Clock, type MockServerOptions } from '../../mock-server/index.js';
import { startMock, type Started } from './harness.js';

/** `ElizaClient` as dist/api-client/src/client.d.ts declares it. */
interface ElizaClient {
  agents: AgentsService;
  messaging: MessagingService;
  memory: MemoryService;
  audio: AudioService;
  media: MediaService;
  server: ServerService;
  system: SystemService;
  sessions: SessionsService;
  runs: RunsService;
  jobs: JobsService;
}

const { ElizaClient, ApiError, JobStatus } = apiClient as unknown as {
  ElizaClient: new (config: { baseUrl: string; apiKey?: string; timeout?: number }) => ElizaClient;
  ApiError: typeof ApiErrorClass;
  JobStatus: typeof JobStatusEnum;
};
type ApiError = ApiErrorClass;

const AGENT: string = DEFAULT_AGENT.id;
const NIL: string = '00000000-0000-0000-0000-000000000000';
const USER: string = 'cccccccc-0000-4000-8000-00000000000c';
const OTHER_USER: string = 'dddddddd-0000-4000-8000-00000000000d';

/** The system clock, but strictly increasing (so "newest first" is well defined) and movable forward. */
interface TestClock extends Clock {
  advance(ms: number): void;
}

function testClock(): TestClock {
  let offset = 0;
  let last = 0;
  return {
    now: () => (last = Math.max(Date.now() + offset, last + 1)),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
    advance: (ms) => {
      offset += ms;
    },
  };
}

let s: Started;
let client: ElizaClient;
let clock: TestClock;

async function open(options: MockServerOptions = {}): Promise<void> {
  clock = testClock();
  s = await startMock('elizaos-1.7', { clock, ...options });
  client = new ElizaClient({ baseUrl: s.url, timeout: 5000 });
}

afterEach(async () => {
  await s.mock.close();
});

/** The ApiError a call rejects with. */
async function failure(call: Promise<unknown>): Promise<ApiError> {
  const error: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

/** A GROUP channel of USER and the default agent. */
async function channelWithAgent(name = 'Chat'): Promise<string> {
  const channel = await client.messaging.createGroupChannel({ name, participantIds: [USER, AGENT] });
  return channel.id;
}

/**
 * One exchange in a channel with the default agent. The client's own postMessage is broken against 1.7.2 (§7.2), so
 * this posts as the web UI does, over the http transport: the agent's reply, its memories, run and log exist on return.
 */
async function chat(text: string, channelId?: string): Promise<{ channelId: string; messageId: string; replyId: string }> {
  const channel = channelId ?? (await channelWithAgent());
  const r = await s.request('POST', `/api/messaging/channels/${channel}/messages`, {
    body: { author_id: USER, content: text, message_server_id: NIL, transport: 'http' },
  });
  expect(r.status).toBe(201);
  const body = r.body as { userMessage: { id: string }; agentResponse: { text: string; responseId: string } };
  expect(body.agentResponse.text).toBe(`echo: ${text}`);
  return { channelId: channel, messageId: body.userMessage.id, replyId: body.agentResponse.responseId };
}

/** A new agent (stopped, as POST /api/agents leaves it). */
async function newAgent(name = 'Tester'): Promise<string> {
  const created = (await client.agents.createAgent({ characterJson: { name, bio: ['A test agent.'] } })) as { id: string };
  return created.id;
}

describe('agents', () => {
  beforeEach(() => open());

  it('lists agents, active ones first: the default agent leads a stopped one', async () => {
    await newAgent('Aaron');
    const { agents } = await client.agents.listAgents();
    expect(agents.map((a) => [a.name, (a as { status?: string }).status])).toEqual([
      ['Eliza', 'active'],
      ['Aaron', 'inactive'],
    ]);
    expect(agents[0]).toMatchObject({ id: AGENT, characterName: 'Eliza', bio: 'An echo agent of the eliza-wire mock server.' });
    expect(s.violations).toEqual([]);
  });

  it('gets an agent with its status', async () => {
    const agent = await client.agents.getAgent(AGENT);
    expect(agent).toMatchObject({ id: AGENT, name: 'Eliza', bio: ['An echo agent of the eliza-wire mock server.'], enabled: true, status: 'active' });
    const missing = await failure(client.agents.getAgent('0badc0de-0000-4000-8000-000000000000'));
    expect(missing).toMatchObject({ status: 404, code: 'NOT_FOUND', message: 'Agent not found' });
    expect(s.violations).toEqual([]);
  });

  it('creates an agent: returns {id, character} (typed Agent) and does not start it', async () => {
    const created = (await client.agents.createAgent({ characterJson: { name: 'Tester', bio: ['A test agent.'] } })) as Record<string, unknown>;
    expect(Object.keys(created).sort()).toEqual(['character', 'id']);
    expect(created.character).toMatchObject({ id: created.id, name: 'Tester', bio: ['A test agent.'] });
    expect(await client.agents.getAgent(created.id as string)).toMatchObject({ name: 'Tester', status: 'inactive' });
    const invalid = await failure(client.agents.createAgent({}));
    expect(invalid).toMatchObject({ status: 400, code: 'CREATE_ERROR', message: 'No character configuration provided' });
    expect(s.violations).toEqual([]);
  });

  it('updates an agent and returns it', async () => {
    const updated = await client.agents.updateAgent(AGENT, { name: 'Eliza Prime', bio: ['Renamed.'], metadata: { team: 'qa' } });
    expect(updated).toMatchObject({ id: AGENT, name: 'Eliza Prime', bio: ['Renamed.'], status: 'active' });
    expect(await client.agents.getAgent(AGENT)).toMatchObject({ name: 'Eliza Prime' });
    expect(s.violations).toEqual([]);
  });

  it('deletes an agent: 204 becomes {success: true}', async () => {
    const id = await newAgent();
    expect(await client.agents.deleteAgent(id)).toEqual({ success: true });
    expect(await failure(client.agents.getAgent(id))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(s.violations).toEqual([]);
  });

  it('starts an agent: returns {id, name, status: "active"}', async () => {
    const id = await newAgent();
    expect(await client.agents.startAgent(id)).toEqual({ id, name: 'Tester', status: 'active' });
    expect(await client.agents.getAgent(id)).toMatchObject({ status: 'active' });
    expect(s.violations).toEqual([]);
  });

  it('stops an agent: returns {message: "Agent stopped"}, not {status}', async () => {
    expect(await client.agents.stopAgent(AGENT)).toEqual({ message: 'Agent stopped' });
    expect(await client.agents.getAgent(AGENT)).toMatchObject({ status: 'inactive' });
    expect(await failure(client.agents.stopAgent(AGENT))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(s.violations).toEqual([]);
  });

  it('updates world settings: the settings are ignored and the world comes back as {world}', async () => {
    const made = await s.request('POST', `/api/agents/${AGENT}/worlds`, { body: { name: 'Lab', metadata: { floor: 1 } } });
    expect(made.status).toBe(201);
    const worldId = (made.body as { data: { world: { id: string } } }).data.world.id;
    const result = await client.agents.updateAgentWorldSettings(AGENT, worldId, { theme: 'dark' });
    expect(result).toEqual({ world: expect.objectContaining({ id: worldId, name: 'Lab', agentId: AGENT, metadata: { floor: 1 } }) });
    expect(s.violations).toEqual([]);
  });

  it('maps panels to {panels} (none: the mock has no plugin routes)', async () => {
    expect(await client.agents.getAgentPanels(AGENT)).toEqual({ panels: [] });
    expect(s.violations).toEqual([]);
  });

  it('gets logs: only offset of the client params is understood', async () => {
    const { channelId, messageId } = await chat('log me');
    const logs = await client.agents.getAgentLogs(AGENT, { limit: 0, level: 'error' });
    // a turn logs its run and its model call (useModel:TEXT_LARGE, as 1.7.2's logModelCall)
    expect(logs.map((l) => l.type).sort()).toEqual(['run_event', 'useModel:TEXT_LARGE']);
    expect(logs.find((l) => l.type === 'run_event')).toMatchObject({ roomId: channelId, entityId: USER, body: { messageId } });
    expect(await client.agents.getAgentLogs(AGENT, { offset: 2 })).toEqual([]);
    expect(s.violations).toEqual([]);
  });

  it('deletes a log: 204 becomes {success: true}', async () => {
    await chat('log me');
    const [log] = await client.agents.getAgentLogs(AGENT);
    expect(await client.agents.deleteAgentLog(AGENT, log!.id!)).toEqual({ success: true });
    expect((await client.agents.getAgentLogs(AGENT)).map((l) => l.id)).not.toContain(log!.id);
    expect(s.violations).toEqual([]);
  });

  it('gets the agents of the current message server, unwrapped', async () => {
    const result = await client.agents.getAgentsForMessageServer(NIL);
    expect(result).toEqual({ messageServerId: NIL, agents: [AGENT] });
    const other = await failure(client.agents.getAgentsForMessageServer(USER));
    expect(other).toMatchObject({ status: 403, code: 'HTTP_ERROR', message: 'Unknown error' });
    expect(s.violations).toEqual([]);
  });

  it('adds an agent to the message server, unwrapped', async () => {
    const id = await newAgent();
    const result = await client.agents.addAgentToMessageServer(NIL, id);
    expect(result).toEqual({ messageServerId: NIL, agentId: id, message: 'Agent added to message server successfully' });
    expect(await client.agents.getAgentsForMessageServer(NIL)).toEqual({ messageServerId: NIL, agents: [AGENT, id] });
    expect(s.violations).toEqual([]);
  });

  it('removes an agent from the message server, unwrapped', async () => {
    const result = await client.agents.removeAgentFromMessageServer(NIL, AGENT);
    expect(result).toEqual({ messageServerId: NIL, agentId: AGENT, message: 'Agent removed from message server successfully' });
    expect(await client.agents.getAgentsForMessageServer(NIL)).toEqual({ messageServerId: NIL, agents: [] });
    expect(s.violations).toEqual([]);
  });

  it('gets the message servers of an agent, unwrapped', async () => {
    expect(await client.agents.getMessageServersForAgent(AGENT)).toEqual({ agentId: AGENT, messageServers: [NIL] });
    const stranger = await newAgent();
    expect(await client.agents.getMessageServersForAgent(stranger)).toEqual({ agentId: stranger, messageServers: [] });
    expect(s.violations).toEqual([]);
  });
});

describe('messaging', () => {
  beforeEach(() => open());

  it('creates a group channel; metadata.type and metadata.message_server_id become body fields', async () => {
    const group = await client.messaging.createGroupChannel({ name: 'Team', participantIds: [USER, AGENT], metadata: { topic: 'release' } });
    expect(group).toMatchObject({ messageServerId: NIL, name: 'Team', type: 'GROUP', metadata: { topic: 'release' } });
    const dm = await client.messaging.createGroupChannel({ name: 'Direct', participantIds: [USER, AGENT], metadata: { type: 'DM', message_server_id: NIL } });
    expect(dm).toMatchObject({ name: 'Direct', type: 'DM', messageServerId: NIL });
    expect(dm.metadata ?? {}).toEqual({});
    expect(s.violations).toEqual([]);
  });

  it('finds or creates the DM channel of two users', async () => {
    const dm = await client.messaging.getOrCreateDmChannel({ participantIds: [USER, AGENT] });
    const [a, b] = [USER, AGENT].sort();
    expect(dm).toMatchObject({ name: `DM-${a}-${b}`, type: 'DM', messageServerId: NIL, metadata: { user1: a, user2: b } });
    expect(await client.messaging.getOrCreateDmChannel({ participantIds: [AGENT, USER] })).toMatchObject({ id: dm.id });
    expect(await client.messaging.getChannelParticipants(dm.id)).toEqual([a, b]);
    expect(s.violations).toEqual([]);
  });

  it('gets channel details', async () => {
    const id = await channelWithAgent('Details');
    expect(await client.messaging.getChannelDetails(id)).toMatchObject({ id, name: 'Details', type: 'GROUP', messageServerId: NIL });
    const missing = await failure(client.messaging.getChannelDetails(OTHER_USER));
    expect(missing).toMatchObject({ status: 404, code: 'HTTP_ERROR', message: 'Unknown error' });
    expect(s.violations).toEqual([]);
  });

  it('gets channel participants as a bare uuid array (typed {participants})', async () => {
    const id = await channelWithAgent();
    expect(await client.messaging.getChannelParticipants(id)).toEqual([USER, AGENT]);
    expect(s.violations).toEqual([]);
  });

  it('adds an agent to a channel', async () => {
    const id = await channelWithAgent();
    const other = await newAgent();
    expect(await client.messaging.addAgentToChannel(id, other)).toEqual({ channelId: id, agentId: other, message: 'Agent added to channel successfully' });
    expect(await client.messaging.getChannelParticipants(id)).toEqual([USER, AGENT, other]);
    expect(s.violations).toEqual([]);
  });

  it('removes an agent from a channel', async () => {
    const id = await channelWithAgent();
    expect(await client.messaging.removeAgentFromChannel(id, AGENT)).toEqual({ channelId: id, agentId: AGENT, message: 'Agent removed from channel successfully' });
    expect(await client.messaging.getChannelParticipants(id)).toEqual([USER]);
    const again = await failure(client.messaging.removeAgentFromChannel(id, AGENT));
    expect(again).toMatchObject({ status: 404, code: 'HTTP_ERROR', message: 'Unknown error' });
    expect(s.violations).toEqual([]);
  });

  it('deletes a channel: 204 becomes {success: true}', async () => {
    const id = await channelWithAgent();
    expect(await client.messaging.deleteChannel(id)).toEqual({ success: true });
    expect(await failure(client.messaging.getChannelDetails(id))).toMatchObject({ status: 404 });
    expect(s.violations).toEqual([]);
  });

  it('clears channel history: 204 becomes {success: true}', async () => {
    const { channelId } = await chat('forget me');
    expect(await client.messaging.clearChannelHistory(channelId)).toEqual({ success: true });
    expect(await client.messaging.getChannelMessages(channelId)).toEqual({ messages: [] });
    expect(s.violations).toEqual([]);
  });

  it('gets channel messages newest first; honours limit and a ms `before`, ignores `after`', async () => {
    const first = await chat('one');
    clock.advance(1000);
    const second = await chat('two', first.channelId);
    const { messages } = await client.messaging.getChannelMessages(first.channelId);
    expect(messages.map((m) => m.content)).toEqual(['echo: two', 'two', 'echo: one', 'one']);
    expect(messages[0]).toMatchObject({ id: second.replyId, authorId: AGENT, sourceType: 'agent_response', created_at: expect.any(Number) });
    expect((await client.messaging.getChannelMessages(first.channelId, { limit: 1 })).messages).toHaveLength(1);
    const cut: number = messages.find((m) => m.id === second.messageId).created_at;
    const older = await client.messaging.getChannelMessages(first.channelId, { before: String(cut), after: new Date(cut + 60_000) });
    expect(older.messages.map((m) => m.content)).toEqual(['echo: one', 'one']);
    expect(s.violations).toEqual([]);
  });

  it('deletes a message: 204 becomes {success: true}', async () => {
    const { channelId, messageId } = await chat('delete me');
    expect(await client.messaging.deleteMessage(channelId, messageId)).toEqual({ success: true });
    const { messages } = await client.messaging.getChannelMessages(channelId);
    expect(messages.map((m) => m.content)).toEqual(['echo: delete me']);
    expect(s.violations).toEqual([]);
  });

  it('gets the current message server', async () => {
    expect(await client.messaging.getCurrentMessageServer()).toEqual({ messageServerId: NIL });
    expect(s.violations).toEqual([]);
  });

  it('lists message servers with the default one', async () => {
    const { messageServers } = await client.messaging.listMessageServers();
    expect(messageServers).toEqual([expect.objectContaining({ id: NIL, name: 'Default Server', sourceType: 'eliza_default' })]);
    expect(s.violations).toEqual([]);
  });

  it('lists the channels of a message server', async () => {
    const id = await channelWithAgent('Listed');
    const { channels } = await client.messaging.getMessageServerChannels(NIL);
    expect(channels).toEqual([expect.objectContaining({ id, name: 'Listed' })]);
    expect(s.violations).toEqual([]);
  });

  it('creates a message server: returns {server} (typed MessageServer)', async () => {
    const result = (await client.messaging.createMessageServer({ name: 'Discord', sourceType: 'discord', sourceId: 'guild-1' })) as { server: { id: string } };
    expect(result).toEqual({ server: expect.objectContaining({ name: 'Discord', sourceType: 'discord', sourceId: 'guild-1' }) });
    const { messageServers } = await client.messaging.listMessageServers();
    expect(messageServers.map((m) => m.id)).toContain(result.server.id);
    expect(s.violations).toEqual([]);
  });

  it('updates a channel: returns the channel itself (typed {success, data})', async () => {
    const id = await channelWithAgent();
    const updated = await client.messaging.updateChannel(id, { name: 'Renamed', participantCentralUserIds: [USER, OTHER_USER, AGENT], metadata: { topic: 'new' } });
    expect(updated).toMatchObject({ id, name: 'Renamed', metadata: { topic: 'new' } });
    expect(updated).not.toHaveProperty('data');
    expect(await client.messaging.getChannelParticipants(id)).toEqual([USER, OTHER_USER, AGENT]);
    expect(s.violations).toEqual([]);
  });

  it('generates a channel title: null with a reason below four messages, a title from four on', async () => {
    const { channelId } = await chat('planning the spring release');
    expect(await client.messaging.generateChannelTitle(channelId, AGENT)).toEqual({ title: null, channelId, reason: 'Not enough messages to generate a title' });
    await chat('and the summer one', channelId);
    const titled = await client.messaging.generateChannelTitle(channelId, AGENT);
    expect(titled).toEqual({ title: expect.any(String), channelId });
    expect(titled.title.length).toBeGreaterThan(0);
    expect(s.violations).toEqual([]);
  });

  it('✗ postMessage fails as against 1.7.2: 400, the server wants author_id and message_server_id', async () => {
    const id = await channelWithAgent();
    const error = await failure(client.messaging.postMessage(id, 'hello', { agentName: 'Eliza' }));
    // The body's `error` is a string (E2), so the client keeps neither a code nor the message (§7.1).
    expect(error).toMatchObject({ name: 'ApiError', status: 400, code: 'HTTP_ERROR', message: 'Unknown error' });
    const raw = await s.request('POST', `/api/messaging/channels/${id}/messages`, { body: { content: 'hello', metadata: { agentName: 'Eliza' } } });
    expect(raw).toMatchObject({ status: 400, body: { success: false, error: 'Missing required fields: channelId, message_server_id, author_id, content' } });
    expect(await client.messaging.getChannelMessages(id)).toEqual({ messages: [] });
    expect(s.violations).toEqual([]);
  });
});

describe('memory', () => {
  beforeEach(() => open());

  /** The default agent's memories of a chat: the user's message and the echo. */
  async function remembered(): Promise<{ channelId: string; ids: string[] }> {
    const { channelId } = await chat('remember this');
    const { memories } = await client.memory.getAgentMemories(AGENT);
    return { channelId, ids: memories.map((m) => m.id) };
  }

  it('gets agent memories; the client params are ignored', async () => {
    const { channelId } = await chat('remember this');
    const { memories } = await client.memory.getAgentMemories(AGENT, { limit: 1, type: 'documents', search: 'nothing' });
    expect(memories.map((m) => (m.content as { text: string }).text)).toEqual(['echo: remember this', 'remember this']);
    expect(memories[0]).toMatchObject({ agentId: AGENT, roomId: channelId, createdAt: expect.any(Number) });
    expect(s.violations).toEqual([]);
  });

  it('gets the memories of a room named by its channel id', async () => {
    const { channelId } = await chat('remember this');
    const { memories } = await client.memory.getRoomMemories(AGENT, channelId, { limit: 1 });
    expect(memories.map((m) => (m.content as { text: string }).text)).toEqual(['echo: remember this']);
    expect((await client.memory.getRoomMemories(AGENT, OTHER_USER)).memories).toEqual([]);
    expect(s.violations).toEqual([]);
  });

  it('gets agent-internal memories of a room as {memories} (typed {success, data})', async () => {
    const { channelId } = await chat('remember this');
    const result = await client.memory.getAgentInternalMemories(AGENT, channelId, true);
    expect(Object.keys(result)).toEqual(['memories']);
    expect((result as unknown as { memories: unknown[] }).memories).toHaveLength(2);
    expect(s.violations).toEqual([]);
  });

  it('updates a memory: returns {id, message}', async () => {
    const { ids } = await remembered();
    const result = await client.memory.updateMemory(AGENT, ids[0]!, { content: { text: 'edited' }, metadata: { edited: true } });
    expect(result).toEqual({ id: ids[0], message: 'Memory updated successfully' });
    const { memories } = await client.memory.getAgentMemories(AGENT);
    expect(memories.find((m) => m.id === ids[0])).toMatchObject({ content: { text: 'edited' }, metadata: { edited: true } });
    expect(s.violations).toEqual([]);
  });

  it('updates an agent-internal memory: returns {id, message}', async () => {
    const { ids } = await remembered();
    const result = await client.memory.updateAgentInternalMemory(AGENT, ids[1]!, { content: { text: 'rewritten' } });
    expect(result).toEqual({ id: ids[1], message: 'Memory updated successfully' });
    const { memories } = await client.memory.getAgentMemories(AGENT);
    expect(memories.find((m) => m.id === ids[1])).toMatchObject({ content: { text: 'rewritten' } });
    expect(s.violations).toEqual([]);
  });

  it('clears all agent memories: returns {deleted, message}', async () => {
    await remembered();
    expect(await client.memory.clearAgentMemories(AGENT)).toEqual({ deleted: 2, message: 'All agent memories cleared successfully' });
    expect(await client.memory.getAgentMemories(AGENT)).toEqual({ memories: [] });
    expect(s.violations).toEqual([]);
  });

  it('clears the memories of a room: 204 becomes {success: true}', async () => {
    const { channelId } = await remembered();
    expect(await client.memory.clearRoomMemories(AGENT, channelId)).toEqual({ success: true });
    expect(await client.memory.getRoomMemories(AGENT, channelId)).toEqual({ memories: [] });
    expect(s.violations).toEqual([]);
  });

  it('deletes all agent-internal memories of a room: 204 becomes {success: true}', async () => {
    const { channelId } = await remembered();
    expect(await client.memory.deleteAllAgentInternalMemories(AGENT, channelId)).toEqual({ success: true });
    expect(await client.memory.getAgentMemories(AGENT)).toEqual({ memories: [] });
    expect(s.violations).toEqual([]);
  });

  it('deletes a memory: returns {message}', async () => {
    const { ids } = await remembered();
    expect(await client.memory.deleteMemory(AGENT, ids[0]!)).toEqual({ message: 'Memory deleted successfully' });
    const { memories } = await client.memory.getAgentMemories(AGENT);
    expect(memories.map((m) => m.id)).toEqual([ids[1]]);
    expect(s.violations).toEqual([]);
  });

  it('deletes an agent-internal memory: returns {message}', async () => {
    const { ids } = await remembered();
    expect(await client.memory.deleteAgentInternalMemory(AGENT, ids[1]!)).toEqual({ message: 'Memory deleted successfully' });
    const { memories } = await client.memory.getAgentMemories(AGENT);
    expect(memories.map((m) => m.id)).toEqual([ids[0]]);
    expect(s.violations).toEqual([]);
  });

  it('lists the rooms of an agent', async () => {
    const room = await client.memory.createRoom(AGENT, { name: 'Lab' });
    const { rooms } = await client.memory.listAgentRooms(AGENT);
    expect(rooms).toContainEqual(expect.objectContaining({ id: room.id, name: 'Lab', agentId: AGENT, worldId: room.worldId }));
    expect(s.violations).toEqual([]);
  });

  it('gets a room with the name of its world', async () => {
    const room = await client.memory.createRoom(AGENT, { name: 'Lab', type: 'GROUP' });
    expect(await client.memory.getRoom(AGENT, room.id)).toMatchObject({ id: room.id, name: 'Lab', agentId: AGENT, type: 'GROUP', worldName: 'World for Lab' });
    expect(await failure(client.memory.getRoom(AGENT, OTHER_USER))).toMatchObject({ status: 404, code: 'NOT_FOUND', message: 'Room not found' });
    expect(s.violations).toEqual([]);
  });

  it('creates a room (with a world of its own)', async () => {
    const room = await client.memory.createRoom(AGENT, { name: 'Lab', type: 'GROUP', metadata: { purpose: 'tests' } });
    expect(room).toMatchObject({ name: 'Lab', agentId: AGENT, source: 'client', type: 'GROUP', worldId: expect.any(String), metadata: { purpose: 'tests' }, createdAt: expect.any(Number) });
    const missing = await failure(client.memory.createRoom(AGENT, { name: '' }));
    expect(missing).toMatchObject({ status: 400, code: 'MISSING_PARAM', message: 'Room name is required' });
    expect(s.violations).toEqual([]);
  });

  it('deletes a world: 204 becomes {success: true}', async () => {
    const room = await client.memory.createRoom(AGENT, { name: 'Lab' });
    expect(await client.memory.deleteWorld(room.worldId)).toEqual({ success: true });
    const invalid = await failure(client.memory.deleteWorld('not-a-uuid'));
    expect(invalid).toMatchObject({ status: 400, code: 'INVALID_ID', message: 'Invalid messageServerId (worldId) format' });
    expect(s.violations).toEqual([]);
  });

  it('clears the memories of a world: 204 becomes {success: true}', async () => {
    const room = await client.memory.createRoom(AGENT, { name: 'Lab' });
    const id = 'aaaaaaaa-0000-4000-8000-00000000000a';
    s.mock.state.memories.set(id, { id, entityId: USER, agentId: AGENT, roomId: room.id, content: { text: 'in the lab' }, createdAt: clock.now(), table: 'messages' });
    expect((await client.memory.getRoomMemories(AGENT, room.id)).memories).toHaveLength(1);
    expect(await client.memory.clearWorldMemories(room.worldId)).toEqual({ success: true });
    expect(await client.memory.getRoomMemories(AGENT, room.id)).toEqual({ memories: [] });
    expect(s.violations).toEqual([]);
  });

  it('deletes a group message (a channel message): 204 becomes {success: true}', async () => {
    const { channelId, replyId } = await chat('group talk');
    expect(await client.memory.deleteGroupMemory(channelId, replyId)).toEqual({ success: true });
    const { messages } = await client.messaging.getChannelMessages(channelId);
    expect(messages.map((m) => m.content)).toEqual(['group talk']);
    expect(s.violations).toEqual([]);
  });

  it('clears a group chat (a channel’s messages): 204 becomes {success: true}', async () => {
    const { channelId } = await chat('group talk');
    expect(await client.memory.clearGroupChat(channelId)).toEqual({ success: true });
    expect(await client.messaging.getChannelMessages(channelId)).toEqual({ messages: [] });
    expect(s.violations).toEqual([]);
  });
});

describe('audio', () => {
  beforeEach(() => open());

  it('generates speech: the binary audio comes back base64, format hard-coded "mpeg"', async () => {
    const speech = await client.audio.generateSpeech(AGENT, { text: 'hello there', voice: 'ignored' });
    expect(speech.format).toBe('mpeg');
    const bytes = Buffer.from(speech.audio, 'base64');
    expect(bytes.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(bytes.subarray(8, 12).toString('ascii')).toBe('WAVE');
    expect(s.violations).toEqual([]);
  });

  it('transcribes an uploaded audio file to {text}', async () => {
    const audio = new Blob([new Uint8Array([1, 2, 3, 4])], { type: 'audio/wav' });
    const result = await client.audio.transcribe(AGENT, { audio, format: 'wav', language: 'en' });
    expect(result).toEqual({ text: expect.stringContaining('4 bytes') });
    expect(s.violations).toEqual([]);
  });
});

describe('media', () => {
  beforeEach(() => open());

  it('uploads agent media and the file is served back', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const result = await client.media.uploadAgentMedia(AGENT, { file: new Blob([png], { type: 'image/png' }), filename: 'pic.png' });
    expect(result).toEqual({ url: expect.stringMatching(new RegExp(`^/media/uploads/agents/${AGENT}/\\d+-\\d+\\.png$`)), type: 'image', filename: expect.any(String), originalName: 'pic.png', size: 7 });
    const served = await fetch(`${s.url}${result.url}`);
    expect(served.status).toBe(200);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(png);
    expect(s.violations).toEqual([]);
  });

  it('uploads channel media', async () => {
    const channelId = await channelWithAgent();
    const file = new File(['some notes'], 'notes.txt', { type: 'text/plain' });
    const result = await client.media.uploadChannelMedia(channelId, file);
    expect(result).toEqual({ url: expect.stringMatching(new RegExp(`^/media/uploads/channels/${channelId}/.+\\.txt$`)), type: 'text/plain', filename: expect.any(String), originalName: 'notes.txt', size: 10 });
    expect(s.violations).toEqual([]);
  });
});

describe('server', () => {
  beforeEach(() => open());

  it('checks health: the raw body, status "OK"; 503 without running agents', async () => {
    expect(await client.server.checkHealth()).toEqual({ status: 'OK', version: expect.any(String), timestamp: expect.any(String), dependencies: { agents: 'healthy' } });
    await client.agents.stopAgent(AGENT);
    const degraded = await failure(client.server.checkHealth());
    expect(degraded).toMatchObject({ status: 503, code: 'HTTP_ERROR', message: 'HTTP 503: Service Unavailable' });
    expect(s.violations).toEqual([]);
  });

  it('pings: the raw body {pong, timestamp}', async () => {
    expect(await client.server.ping()).toEqual({ pong: true, timestamp: expect.any(Number) });
    expect(s.violations).toEqual([]);
  });

  it('says hello: the raw body', async () => {
    expect(await client.server.hello()).toEqual({ message: 'Hello World!' });
    expect(s.violations).toEqual([]);
  });

  it('gets the status: the raw body {status, agentCount, timestamp}', async () => {
    expect(await client.server.getStatus()).toEqual({ status: 'ok', agentCount: 1, timestamp: expect.any(String) });
    expect(s.violations).toEqual([]);
  });

  it('stops the server: the raw body {message} (the mock keeps running)', async () => {
    expect(await client.server.stopServer()).toEqual({ message: 'Server stopping...' });
    expect(await client.server.ping()).toMatchObject({ pong: true });
    expect(s.violations).toEqual([]);
  });

  it('clears logs: {status, message}', async () => {
    expect(await client.server.clearLogs()).toEqual({ status: 'success', message: 'Logs cleared successfully' });
    expect((await client.system.getGlobalLogs()).total).toBe(0);
    expect(s.violations).toEqual([]);
  });
});

describe('system', () => {
  beforeEach(() => open());

  it('gets the local environment (the mock never exposes one)', async () => {
    expect(await client.system.getEnvironment()).toEqual({});
    expect(s.violations).toEqual([]);
  });

  it('updates the local environment: returns undefined (the body has no data), in each of its input forms', async () => {
    expect(await client.system.updateLocalEnvironment({ variables: { LOG_LEVEL: 'debug' } })).toBeUndefined();
    expect(await client.system.updateLocalEnvironment({ content: { LOG_LEVEL: 'info' } })).toBeUndefined();
    expect(await client.system.updateLocalEnvironment({ LOG_LEVEL: 'warn' })).toBeUndefined();
    expect(s.violations).toEqual([]);
  });

  it('gets global logs, filtered by exact level', async () => {
    await client.server.stopServer();
    const all = await client.system.getGlobalLogs();
    expect(all).toMatchObject({ level: 'all', levels: ['fatal', 'error', 'warn', 'info', 'log', 'progress', 'success', 'debug', 'trace'] });
    expect(all.count).toBeGreaterThanOrEqual(2);
    const warnings = await client.system.getGlobalLogs({ level: 'warn' });
    expect(warnings).toMatchObject({ level: 'warn', count: 1, logs: [{ level: 40, time: expect.any(Number), msg: expect.stringContaining('/api/server/stop') }] });
    expect(s.violations).toEqual([]);
  });

  it('deletes global logs: {status, message}', async () => {
    expect((await client.system.getGlobalLogs()).total).toBeGreaterThan(0);
    expect(await client.system.deleteGlobalLogs()).toEqual({ status: 'success', message: 'Logs cleared successfully' });
    expect(await client.system.getGlobalLogs()).toMatchObject({ logs: [], count: 0, total: 0 });
    expect(s.violations).toEqual([]);
  });
});

describe('sessions', () => {
  beforeEach(() => open());

  const newSession = () => client.sessions.createSession({ agentId: AGENT, userId: USER, metadata: { platform: 'test' } });

  /** One exchange in a session over the http transport (the client's sendMessage returns undefined against 1.7.2). */
  async function say(sessionId: string, content: string): Promise<void> {
    const r = await s.request('POST', `/api/messaging/sessions/${sessionId}/messages`, { body: { content, transport: 'http' } });
    expect(r).toMatchObject({ status: 201, body: { success: true, agentResponse: { text: `echo: ${content}` } } });
  }

  it('checks the health of the session service', async () => {
    await newSession();
    expect(await client.sessions.checkHealth()).toEqual({ status: 'healthy', activeSessions: 1, timestamp: expect.any(String), expiringSoon: 0, uptime: expect.any(Number) });
    expect(s.violations).toEqual([]);
  });

  it('creates a session with its own channel', async () => {
    const session = await newSession();
    expect(session).toMatchObject({ sessionId: expect.any(String), channelId: expect.any(String), agentId: AGENT, userId: USER, metadata: { platform: 'test' }, createdAt: expect.any(String), expiresAt: expect.any(String), timeoutConfig: { timeoutMinutes: 30, autoRenew: expect.any(Boolean) } });
    expect(await client.messaging.getChannelDetails(session.channelId)).toMatchObject({ name: `session-${session.sessionId}`, type: 'DM' });
    const unknownAgent = await failure(client.sessions.createSession({ agentId: OTHER_USER, userId: USER }));
    expect(unknownAgent).toMatchObject({ status: 404, code: 'AGENT_NOT_FOUND' });
    expect(s.violations).toEqual([]);
  });

  it('gets a session', async () => {
    const { sessionId } = await newSession();
    expect(await client.sessions.getSession(sessionId)).toMatchObject({ sessionId, agentId: AGENT, userId: USER, renewalCount: 0, isNearExpiration: false, timeRemaining: expect.any(Number) });
    expect(s.violations).toEqual([]);
  });

  it('gets session messages newest first, with hasMore', async () => {
    const { sessionId } = await newSession();
    await say(sessionId, 'hi session');
    const page = await client.sessions.getMessages(sessionId);
    expect(page.messages.map((m: { content: string; isAgent: boolean }) => [m.content, m.isAgent])).toEqual([
      ['echo: hi session', true],
      ['hi session', false],
    ]);
    expect(page.hasMore).toBe(false);
    const first = await client.sessions.getMessages(sessionId, { limit: 1 });
    expect(first).toMatchObject({ messages: [{ content: 'echo: hi session', authorId: AGENT }], hasMore: true });
    expect(s.violations).toEqual([]);
  });

  it('lists sessions with stats', async () => {
    const { sessionId } = await newSession();
    const listed = await client.sessions.listSessions();
    expect(listed).toMatchObject({ sessions: [{ sessionId }], total: 1, stats: { totalSessions: 1, activeSessions: 1, expiredSessions: 0 } });
    expect(s.violations).toEqual([]);
  });

  it('deletes a session: returns undefined (the body has no data); the session is gone', async () => {
    const { sessionId } = await newSession();
    expect(await client.sessions.deleteSession(sessionId)).toBeUndefined();
    const gone = await failure(client.sessions.getSession(sessionId));
    expect(gone).toMatchObject({ status: 404, code: 'SESSION_NOT_FOUND', message: `Session with ID '${sessionId}' not found` });
    expect(s.violations).toEqual([]);
  });
});

describe('runs', () => {
  beforeEach(() => open());

  it('lists the runs of an agent, filtered by status and room', async () => {
    const { channelId, messageId } = await chat('run once');
    const listed = await client.runs.listRuns(AGENT);
    expect(listed).toMatchObject({ runs: [{ status: 'completed', messageId, roomId: channelId, entityId: USER }], total: 1, hasMore: false });
    expect(await client.runs.listRuns(AGENT, { status: 'error' })).toEqual({ runs: [], total: 0, hasMore: false });
    expect((await client.runs.listRuns(AGENT, { roomId: channelId, status: 'all', limit: 5 })).total).toBe(1);
    expect(s.violations).toEqual([]);
  });

  it('gets a run with its events', async () => {
    const { channelId, messageId } = await chat('run once');
    const [run] = (await client.runs.listRuns(AGENT)).runs;
    const detail = await client.runs.getRun(AGENT, run!.runId, channelId);
    expect(detail.summary).toEqual(run);
    expect(detail.events.map((e: { type: string }) => e.type)).toEqual(['RUN_STARTED', 'RUN_ENDED']);
    expect(detail.events[0]!.data).toMatchObject({ messageId });
    expect(await failure(client.runs.getRun(AGENT, OTHER_USER))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(s.violations).toEqual([]);
  });
});

describe('jobs', () => {
  beforeEach(() => open());

  const JOB_TIMEOUT = 30_000;
  const timedOut = { status: 'timeout', error: 'Job timed out waiting for agent response' };
  /** Moves the mock's clock past the job's timeout after the first poll, so 1.7.2's lazy timeout applies at once. */
  const expireAfterFirstPoll = (_job: unknown, attempt: number) => {
    if (attempt === 1) clock.advance(JOB_TIMEOUT + 1000);
  };

  it('creates a job: {jobId, status, createdAt, expiresAt}', async () => {
    const job = await client.jobs.create({ userId: USER, content: 'what is 2+2?', metadata: { ticket: 7 } });
    expect(job).toEqual({ jobId: expect.any(String), status: 'processing', createdAt: expect.any(Number), expiresAt: job.createdAt + JOB_TIMEOUT });
    const invalid = await failure(client.jobs.create({ userId: 'nope', content: 'x' }));
    expect(invalid).toMatchObject({ status: 400, code: 'HTTP_ERROR', message: 'Unknown error' });
    expect(s.violations).toEqual([]);
  });

  it('gets a job: the default agent took it and it stays processing', async () => {
    const { jobId } = await client.jobs.create({ userId: USER, content: 'what is 2+2?' });
    expect(await client.jobs.getJob(jobId)).toMatchObject({ jobId, status: 'processing', agentId: AGENT, userId: USER, prompt: 'what is 2+2?', metadata: {} });
    expect(await failure(client.jobs.getJob(OTHER_USER))).toMatchObject({ status: 404, code: 'HTTP_ERROR' });
    expect(s.violations).toEqual([]);
  });

  it('lists jobs, filtered by status', async () => {
    const { jobId } = await client.jobs.create({ userId: USER, content: 'one' });
    expect(await client.jobs.list()).toMatchObject({ jobs: [{ jobId }], total: 1, filtered: 1 });
    expect(await client.jobs.list({ status: JobStatus.PROCESSING, limit: 5 })).toMatchObject({ jobs: [{ jobId }], filtered: 1 });
    expect(await client.jobs.list({ status: JobStatus.COMPLETED })).toEqual({ jobs: [], total: 1, filtered: 0 });
    expect(s.violations).toEqual([]);
  });

  it('reports job health', async () => {
    await client.jobs.create({ userId: USER, content: 'one' });
    const health = await client.jobs.health();
    expect(health).toMatchObject({ healthy: true, totalJobs: 1, statusCounts: { pending: 0, processing: 1, completed: 0, failed: 0, timeout: 0 }, maxJobs: 10_000 });
    expect(s.violations).toEqual([]);
  });

  it('polls a job until it times out (1.7.2 jobs never complete)', async () => {
    const { jobId } = await client.jobs.create({ userId: USER, content: 'anyone there?' });
    clock.advance(JOB_TIMEOUT + 1000);
    const result = await client.jobs.poll(jobId, { interval: 10, maxAttempts: 5 });
    expect(result).toMatchObject({ success: false, attempts: 1, job: { jobId, ...timedOut } });
    expect(s.violations).toEqual([]);
  });

  it('creates and polls a job: ends with timeout', async () => {
    const result = await client.jobs.createAndPoll({ userId: USER, content: 'anyone there?' }, { interval: 10, maxAttempts: 5, onProgress: expireAfterFirstPoll });
    expect(result).toMatchObject({ success: false, attempts: 2, job: timedOut });
    expect(s.violations).toEqual([]);
  });

  it('creates and polls a job with backoff: ends with timeout', async () => {
    const result = await client.jobs.createAndPollWithBackoff({ userId: USER, content: 'anyone there?' }, { initialInterval: 10, maxAttempts: 5, onProgress: expireAfterFirstPoll });
    expect(result).toMatchObject({ success: false, attempts: 2, job: timedOut });
    expect(s.violations).toEqual([]);
  });

  it('asks: throws the timeout error', async () => {
    await expect(client.jobs.ask(USER, 'anyone there?', AGENT, { interval: 10, maxAttempts: 5, onProgress: expireAfterFirstPoll })).rejects.toThrow('Job timed out waiting for agent response');
    expect(s.violations).toEqual([]);
  });
});

describe('with a REST API key (ELIZA_SERVER_AUTH_TOKEN)', () => {
  beforeEach(() => open({ authToken: 'k' }));

  it('a client built with apiKey "k" is let in', async () => {
    const keyed = new ElizaClient({ baseUrl: s.url, apiKey: 'k', timeout: 5000 });
    expect((await keyed.agents.listAgents()).agents.map((a) => a.id)).toEqual([AGENT]);
    expect(await keyed.server.ping()).toMatchObject({ pong: true });
    expect((await keyed.system.getGlobalLogs()).levels).toContain('info');
    expect(s.violations).toEqual([]);
  });

  it('a client without the key gets 401, and the E6 body leaves it code HTTP_ERROR and "Unknown error"', async () => {
    const wrongKey = new ElizaClient({ baseUrl: s.url, apiKey: 'wrong', timeout: 5000 });
    for (const call of [() => client.agents.listAgents(), () => client.server.ping(), () => wrongKey.agents.getAgent(AGENT)]) {
      expect(await failure(call())).toMatchObject({ name: 'ApiError', status: 401, code: 'HTTP_ERROR', message: 'Unknown error' });
    }
    await expect(client.system.getGlobalLogs()).rejects.toThrow('HTTP 401: Unauthorized');
    expect(s.violations).toEqual([]);
  });
});
