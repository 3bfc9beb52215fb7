/**
 * The REST calls of the ElizaOS 1.7.2 web UI's side panels, against the mock, answered as 1.7.2 answers them
 * (the browser run of `npm run test:elizaos` compares the pages themselves; these are the same four differences
 * at the REST level, so they run in `npm test`).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { NIL_UUID, type Profile } from '../../spec/index.js';
import { createLogger } from '../../mock-server/index.js';
import { DEFAULT_AGENT } from '../../mock-server/state/state.js';
import { startMock, type Started } from './harness.js';

const AGENT = DEFAULT_AGENT.id;
const USER = 'cccccccc-0000-4000-8000-00000000000c';
/** What the UI sends on every request (its user's id from localStorage). */
const AS_USER = { headers: { 'X-Entity-Id': USER } };

let s: Started | undefined;
afterEach(async () => {
  await s?.mock.close();
  s = undefined;
});

/** A DM channel between USER and the agent, as the UI's "New Chat" makes it. */
async function newChat(m: Started, name: string): Promise<string> {
  const r = await m.request('POST', '/api/messaging/channels', {
    body: { name, message_server_id: NIL_UUID, participantCentralUserIds: [USER, AGENT], type: 'DM', metadata: { isDm: true } },
    ...AS_USER,
  });
  expect(r.status).toBe(201);
  return (r.body as { data: { id: string } }).data.id;
}

/** One user message answered in the response (http transport), so the reply is stored when this returns. */
async function say(m: Started, channelId: string, text: string): Promise<void> {
  const r = await m.request('POST', `/api/messaging/channels/${channelId}/messages`, {
    body: { author_id: USER, content: text, message_server_id: NIL_UUID, transport: 'http' },
    ...AS_USER,
  });
  expect(r.status).toBe(201);
}

async function memoryTexts(m: Started, query = ''): Promise<string[]> {
  const r = await m.request('GET', `/api/memory/${AGENT}/memories?tableName=messages&includeEmbedding=false${query}`, AS_USER);
  expect(r.status).toBe(200);
  return (r.body as { data: { memories: { content: { text: string } }[] } }).data.memories.map((x) => x.content.text).sort();
}

interface ServerLogs {
  logs: { msg: string; level: number }[];
  count: number;
  requestedLevel: string;
  agentName: string;
}

async function serverLogs(m: Started, query: string): Promise<ServerLogs> {
  const r = await m.request('GET', `/api/server/logs?${query}`, AS_USER);
  expect(r.status).toBe(200);
  const body = r.body as ServerLogs | { data: ServerLogs };
  return 'data' in body ? body.data : body;
}

describe.each(['elizaos-1.7', 'documented'] as Profile[])('the web UI side panels over REST (%s)', (profile) => {
  it('Memories: X-Entity-Id does not filter, so the agent’s replies are listed with the user’s messages', async () => {
    s = await startMock(profile);
    const chat = await newChat(s, 'first chat');
    await say(s, chat, 'hello');
    await say(s, chat, 'again');
    expect(await memoryTexts(s)).toEqual(['again', 'echo: again', 'echo: hello', 'hello']);
    expect(await memoryTexts(s, `&roomId=${chat}`)).toEqual(['again', 'echo: again', 'echo: hello', 'hello']);
    const room = await s.request('GET', `/api/memory/${AGENT}/rooms/${chat}/memories`, AS_USER);
    const memories = (room.body as { data: { memories: { id: string; entityId: string; content: Record<string, unknown> }[] } }).data.memories;
    expect(memories).toHaveLength(4);
    // the reply is remembered as the content the agent answered (the Memories tab shows its thought and actions)
    const reply = memories.find((m) => m.content.text === 'echo: hello');
    expect(reply).toMatchObject({ entityId: AGENT, content: { thought: 'Echo the message back.', actions: ['REPLY'], simple: true, providers: [], responseId: reply?.id } });
    expect(memories.find((m) => m.content.text === 'hello')?.content).toEqual({ text: 'hello', source: 'eliza_gui' });
    expect(s.violations).toEqual([]);
  });

  it('Memories: deleting a chat drops its memories, clearing a chat too, and other chats keep theirs', async () => {
    s = await startMock(profile);
    const kept = await newChat(s, 'kept');
    const deleted = await newChat(s, 'deleted');
    const cleared = await newChat(s, 'cleared');
    await say(s, kept, 'keep me');
    await say(s, deleted, 'delete me');
    await say(s, cleared, 'clear me');
    expect(await memoryTexts(s)).toHaveLength(6);
    expect((await s.request('DELETE', `/api/messaging/channels/${deleted}`, AS_USER)).status).toBe(204);
    expect(await memoryTexts(s)).toEqual(['clear me', 'echo: clear me', 'echo: keep me', 'keep me']);
    expect((await s.request('DELETE', `/api/messaging/channels/${cleared}/messages`, AS_USER)).status).toBe(204);
    expect(await memoryTexts(s)).toEqual(['echo: keep me', 'keep me']);
    expect(s.violations).toEqual([]);
  });

  it('Logs: the UI’s ?level=&agentName=<agent> lists the entries (no entry names an agent: the sparse-data rule)', async () => {
    const logger = createLogger({ level: 'silent' });
    s = await startMock(profile, { logger });
    logger.clear();
    logger.log('info', 'first line');
    logger.log('warn', 'second line');
    logger.log('debug', 'third line');
    const tab = await serverLogs(s, `level=&agentName=${DEFAULT_AGENT.name}`);
    expect(tab.logs.map((l) => l.msg)).toEqual(['first line', 'second line', 'third line']);
    expect(tab).toMatchObject({ count: 3, requestedLevel: 'all', agentName: DEFAULT_AGENT.name });
    expect((await serverLogs(s, `agentId=${AGENT}`)).count).toBe(3);
    expect((await serverLogs(s, 'level=warn')).logs.map((l) => l.msg)).toEqual(['second line']);
    expect(s.violations).toEqual([]);
  });

  it('Logs: an unknown ?level= falls back to info', async () => {
    const logger = createLogger({ level: 'silent' });
    s = await startMock(profile, { logger });
    logger.clear();
    logger.log('info', 'an info line');
    logger.log('error', 'an error line');
    const bogus = await serverLogs(s, 'level=bogus');
    expect(bogus.logs.map((l) => l.msg)).toEqual(['an info line']);
    expect(bogus.requestedLevel).toBe('bogus');
  });

  it('Model Calls: each reply writes a useModel:TEXT_LARGE agent log in its room, tied to its run', async () => {
    s = await startMock(profile);
    const chat = await newChat(s, 'model calls');
    await say(s, chat, 'count me');
    const r = await s.request('GET', `/api/agents/${AGENT}/logs?limit=50`, AS_USER);
    expect(r.status).toBe(200);
    const logs = (r.body as { data: { type: string; entityId: string; roomId: string; body: Record<string, unknown> }[] }).data;
    const calls = logs.filter((l) => l.type.startsWith('useModel:'));
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ type: 'useModel:TEXT_LARGE', entityId: AGENT, roomId: chat, body: { modelType: 'TEXT_LARGE', modelKey: 'TEXT_LARGE', prompt: 'count me', response: 'echo: count me' } });
    const run = logs.find((l) => l.type === 'run_event');
    expect(calls[0]!.body.runId).toBe(run?.body.runId);
    expect(s.violations).toEqual([]);
  });
});
