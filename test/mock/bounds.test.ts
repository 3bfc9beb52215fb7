import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { raw, trackMap, untrackMap } from '../../mock-server/cluster/track.js';
import type { Clock } from '../../mock-server/clock.js';
import { MockConfigError } from '../../mock-server/errors.js';
import { createMockServer } from '../../mock-server/index.js';
import type { MessageRecord } from '../../mock-server/state/records.js';
import { createState } from '../../mock-server/state/state.js';
import { cli } from '../helpers/cli.js';
import { startMock, type Started } from './harness.js';

const NIL = '00000000-0000-0000-0000-000000000000';
const AGENT = 'e11a0000-0000-4000-8000-000000000001';

/** A clock the test moves: every message gets the timestamp the test chose. */
function manualClock(start = 1_700_000_000_000): Clock & { set(ms: number): void } {
  let now = start;
  return { now: () => now, sleep: async () => undefined, set: (ms) => void (now = ms) };
}

let started: Started | undefined;
afterEach(async () => {
  await started?.mock.close();
  started = undefined;
});

async function post(s: Started, channelId: string, content: string, author = randomUUID()) {
  const res = await s.request('POST', `/api/messaging/channels/${channelId}/messages`, { body: { author_id: author, content, message_server_id: NIL, metadata: { targetAgentId: AGENT } } });
  expect(res.status).toBe(201);
}

async function texts(s: Started, channelId: string, query = ''): Promise<string[]> {
  const res = await s.request('GET', `/api/messaging/channels/${channelId}/messages${query}`);
  expect(res.status).toBe(200);
  return ((res.body as { data: { messages: { content: string }[] } }).data.messages).map((m) => m.content);
}

describe('retention', () => {
  it('keeps at most messagesPerChannel per channel, dropping that channel\'s oldest first', async () => {
    started = await startMock('elizaos-1.7', { agent: 'silent', retention: { messagesPerChannel: 3 } });
    const [a, b] = [randomUUID(), randomUUID()];
    for (let i = 1; i <= 5; i += 1) await post(started, a, `a${i}`);
    await post(started, b, 'b1');
    expect(await texts(started, a)).toEqual(['a5', 'a4', 'a3']);
    expect(await texts(started, b)).toEqual(['b1']);
    expect(started.mock.state.messages.size).toBe(4);
  });

  it('keeps at most `messages` in all, dropping the oldest of the whole store first', async () => {
    started = await startMock('elizaos-1.7', { agent: 'silent', retention: { messages: 4 } });
    const [a, b] = [randomUUID(), randomUUID()];
    for (let i = 1; i <= 3; i += 1) await post(started, a, `a${i}`);
    for (let i = 1; i <= 3; i += 1) await post(started, b, `b${i}`);
    expect(await texts(started, a)).toEqual(['a3']);
    expect(await texts(started, b)).toEqual(['b3', 'b2', 'b1']);
  });

  it('drops the oldest channel past `channels`, and its messages with it', async () => {
    started = await startMock('elizaos-1.7', { agent: 'silent', retention: { channels: 2 } });
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await started.request('POST', '/api/messaging/channels', { body: { name: `c${i}`, participantCentralUserIds: [randomUUID()], message_server_id: NIL } });
      const id = (res.body as { data: { id: string } }).data.id;
      ids.push(id);
      await post(started, id, `in c${i}`);
    }
    expect((await started.request('GET', `/api/messaging/channels/${ids[0]}`)).status).toBe(404);
    expect(await texts(started, ids[0] as string)).toEqual([]);
    expect(await texts(started, ids[2] as string)).toEqual(['in c2']);
    expect([...started.mock.state.channels.keys()]).toEqual(ids.slice(1));
    expect(started.mock.state.messages.size).toBe(2);
  });

  it('bounds the agent\'s runs, logs and memories, keeping the newest', async () => {
    started = await startMock('elizaos-1.7', { retention: { runs: 2, logs: 3, memories: 4 } });
    const created = await started.request('POST', '/api/messaging/channels', { body: { name: 'with agent', participantCentralUserIds: [randomUUID(), AGENT], message_server_id: NIL } });
    const channel = (created.body as { data: { id: string } }).data.id;
    const turns: Promise<unknown>[] = [];
    for (let i = 0; i < 6; i += 1) {
      turns.push(new Promise((resolve) => started?.mock.events.once('agent:reply', resolve)));
      await post(started, channel, `turn ${i}`);
      await turns[i];
    }
    const state = started.mock.state;
    expect(state.runs.size).toBe(2);
    expect(state.logs.size).toBe(3);
    expect(state.memories.size).toBe(4);
    const newest = [...state.memories.values()].map((m) => m.content.text);
    expect(newest).toContain('turn 5');
    expect(newest).not.toContain('turn 0');
  });

  it('has documented defaults: 10,000 per channel, 50,000 messages, 10,000 channels, 50,000 memories, 10,000 runs and logs', () => {
    const mock = createMockServer({ logLevel: 'silent' });
    expect(mock.state.retention).toEqual({ messagesPerChannel: 10_000, messages: 50_000, channels: 10_000, memories: 50_000, runs: 10_000, logs: 10_000 });
    expect(mock.context.options.socketBuffer).toEqual({ maxPackets: 10_000, maxBytes: 16 * 1024 * 1024 });
  });

  it('0 means no bound', () => {
    const state = createState({ seed: 1, agents: 0, now: 0, maxMediaBytes: 0, retention: { messagesPerChannel: 0, messages: 0 } });
    for (let i = 0; i < 20_000; i += 1) state.messages.set(`m${i}`, message(`m${i}`, 'c', i));
    expect(state.messages.size).toBe(20_000);
  });

  it('refuses a bound that is not a whole number >= 0, saying which', () => {
    expect(() => createMockServer({ retention: { messagesPerChannel: -1 } })).toThrow(MockConfigError);
    expect(() => createMockServer({ retention: { messagesPerChannel: -1 } })).toThrow(/retention.messagesPerChannel must be a whole number >= 0, got -1/);
    expect(() => createMockServer({ socketBuffer: { maxBytes: 1.5 } })).toThrow(/socketBuffer.maxBytes/);
  });

  it('mock --max-messages takes a count, and a bad one is a usage error (exit 2) that says what to pass', async () => {
    const bad = await cli('mock', '--max-messages', 'lots');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--max-messages must be a whole number from 0/);
    expect(bad.stderr).toMatch(/--max-messages 0/);
    const help = await cli('mock', '--help');
    for (const flag of ['--max-messages', '--max-stored-messages', '--max-channels', '--max-memories', '--max-runs', '--max-logs', '--max-socket-packets', '--max-socket-bytes']) expect(help.stdout).toContain(flag);
  });
});

function message(id: string, channelId: string, createdAt: number): MessageRecord {
  return { id, channelId, authorId: NIL, content: id, sourceType: 'test', metadata: {}, createdAt, updatedAt: createdAt };
}

/** What channelMessages was before the index: every message of the store, filtered and stably sorted. */
function scanned(all: Map<string, MessageRecord>, channelId: string): string[] {
  return [...Map.prototype.values.call(all)].filter((m: MessageRecord) => m.channelId === channelId).sort((a: MessageRecord, b: MessageRecord) => b.createdAt - a.createdAt).map((m: MessageRecord) => m.id);
}

describe('the per-channel index', () => {
  it('gives the same order as a stable sort of the whole store, ties included, through writes, moves and deletes', () => {
    const state = createState({ seed: 1, agents: 0, now: 0, maxMediaBytes: 0 });
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    const reference = new Map<string, MessageRecord>();
    for (let step = 0; step < 3000; step += 1) {
      const id = `m${rand(800)}`;
      const roll = rand(10);
      if (roll < 7) {
        // mostly in time order, some out of order, many in the same millisecond
        const record = message(id, `c${rand(4)}`, Math.floor(step / 5) - (rand(6) === 0 ? rand(50) : 0));
        state.messages.set(id, record);
        reference.set(id, record);
      } else {
        state.messages.delete(id);
        reference.delete(id);
      }
    }
    for (const c of ['c0', 'c1', 'c2', 'c3']) {
      expect(state.channelMessages(c).map((m) => m.id)).toEqual(scanned(reference, c));
      const before = 300;
      expect(state.channelPage(c, { limit: 7, before }).map((m) => m.id)).toEqual(scanned(reference, c).filter((id) => (reference.get(id) as MessageRecord).createdAt < before).slice(0, 7));
    }
    expect(state.messages.size).toBe(reference.size);
  });

  it('clearing a channel over REST empties its index; the other channel keeps its messages', async () => {
    const clock = manualClock();
    started = await startMock('elizaos-1.7', { agent: 'silent', clock });
    const [a, b] = [randomUUID(), randomUUID()];
    await post(started, a, 'a1');
    await post(started, b, 'b1');
    expect((await started.request('DELETE', `/api/messaging/channels/${a}/messages`)).status).toBe(204);
    expect(await texts(started, a)).toEqual([]);
    expect(await texts(started, b)).toEqual(['b1']);
    expect(started.mock.state.messages.countIn(a)).toBe(0);
  });

  it('pages with limit and before as the full scan did', async () => {
    const clock = manualClock(1000);
    started = await startMock('elizaos-1.7', { agent: 'silent', clock });
    const a = randomUUID();
    for (let i = 1; i <= 6; i += 1) {
      clock.set(1000 + Math.ceil(i / 2));
      await post(started, a, `a${i}`);
    }
    expect(await texts(started, a, '?limit=3')).toEqual(['a5', 'a6', 'a3']);
    expect(await texts(started, a, '?before=1003&limit=10')).toEqual(['a3', 'a4', 'a1', 'a2']);
  });
});

describe('bounds under cluster replication', () => {
  it('an eviction is a tracked delete, and a replicated write keeps the index and the bound', () => {
    const state = createState({ seed: 1, agents: 0, now: 0, maxMediaBytes: 0, retention: { messagesPerChannel: 2 } });
    const marked: string[] = [];
    trackMap(state.messages as Map<string, unknown>, (key) => marked.push(key));
    try {
      for (const id of ['m1', 'm2', 'm3']) state.messages.set(id, message(id, 'c', Number(id.slice(1))));
      expect(marked).toEqual(['m1', 'm2', 'm1', 'm3']);
      expect(state.channelMessages('c').map((m) => m.id)).toEqual(['m3', 'm2']);
      // what the replicator does with another instance's write
      raw.set(state.messages as Map<string, unknown>, 'm4', message('m4', 'c', 4));
      expect(state.channelMessages('c').map((m) => m.id)).toEqual(['m4', 'm3']);
      raw.delete(state.messages as Map<string, unknown>, 'm4');
      expect(state.channelMessages('c').map((m) => m.id)).toEqual(['m3']);
    } finally {
      untrackMap(state.messages as Map<string, unknown>);
    }
  });
});
