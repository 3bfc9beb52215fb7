import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compareEvents, compareValues, explain, Normaliser, parseKnown, KnownFileError } from '../../suites/diff/index.js';
import { maskNonce } from '../../suites/diff/nonce.js';

const norm = (value: unknown, seeds?: ConstructorParameters<typeof Normaliser>[0]) => new Normaliser(seeds).normalise(value);
/** Normalises each side on its own (as the diff does) and compares. */
const differ = (a: unknown, b: unknown, seeds: [ConstructorParameters<typeof Normaliser>[0], ConstructorParameters<typeof Normaliser>[0]] = [{}, {}]) => compareValues(norm(a, seeds[0]), norm(b, seeds[1]));

describe('Normaliser', () => {
  it('numbers ids by first appearance, so two runs with fresh ids compare equal', () => {
    const run = () => {
      const [m, c] = [randomUUID(), randomUUID()];
      return { id: m, channelId: c, reply: { inReplyTo: m, text: `message ${m} in ${c}` } };
    };
    expect(norm(run())).toEqual({ channelId: '<id#1>', id: '<id#2>', reply: { inReplyTo: '<id#2>', text: 'message <id#2> in <id#1>' } });
    expect(differ(run(), run())).toEqual([]);
  });

  it('keeps a swapped id reference as a difference', () => {
    const [x, y, z, w] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const a = { messages: [{ id: x }, { id: y }], ack: { messageId: x } };
    const b = { messages: [{ id: z }, { id: w }], ack: { messageId: w } };
    // keys are walked sorted: the ack's id is numbered first, so the swap shows where the messages disagree with it
    expect(differ(a, b)).toEqual([
      { path: 'messages[0].id', kind: 'changed', a: '<id#1>', b: '<id#2>' },
      { path: 'messages[1].id', kind: 'changed', a: '<id#2>', b: '<id#1>' },
    ]);
  });

  it('keeps a changed text and a missing key as differences', () => {
    const a = { text: 'echo: hello', senderName: 'user', source: 'eliza-wire' };
    const b = { text: 'echo: hullo', senderName: 'user' };
    expect(differ(a, b)).toEqual([
      { path: 'source', kind: 'only-a', a: 'eliza-wire' },
      { path: 'text', kind: 'changed', a: 'echo: hello', b: 'echo: hullo' },
    ]);
  });

  it('keeps a changed status, number, boolean and type', () => {
    expect(differ({ status: 200, count: 1, ok: true, list: [] }, { status: 201, count: 2, ok: false, list: {} }).map((d) => d.path)).toEqual(['count', 'list', 'ok', 'status']);
  });

  it('masks times, durations, uptime, memory figures and versions, but only under keys that say so', () => {
    const value = {
      createdAt: 1795243734540, timestamp: '2026-11-21T06:48:54.527Z', note: 'at 2026-11-21T06:48:54.527Z', updated_at: 1795243734,
      durationMs: 12, uptime: 3.5, memory: { rss: 1e8, heapUsed: 5e7 }, version: '1.7.2', count: 1795243734540, size: 1024,
    };
    expect(norm(value)).toEqual({
      count: 1795243734540, createdAt: '<epoch>', durationMs: '<duration>', memory: { heapUsed: '<memory>', rss: '<memory>' },
      note: 'at <iso-time>', size: 1024, timestamp: '<iso-time>', updated_at: '<epoch>', uptime: '<uptime>', version: '<version>',
    });
  });

  it('names seeded ids by role and masks agent names like ids, also inside text', () => {
    const channelId = randomUUID();
    const value = { channelId, senderName: 'Eliza', text: 'Eliza says hi', other: 'Elizabeth' };
    expect(norm(value, { named: { [channelId]: 'channelId' }, agentNames: ['Eliza'] })).toEqual({ channelId: '<channelId>', other: 'Elizabeth', senderName: '<agent-name#1>', text: '<agent-name#1> says hi' });
    expect(differ({ senderName: 'Eliza' }, { senderName: 'Ada' }, [{ agentNames: ['Eliza'] }, { agentNames: ['Ada'] }])).toEqual([]);
  });

  it('masks socket ids and non-UUID ids under id keys, and the server host', () => {
    const value = { socketId: 'TCXCuFeV8Q6LBWYoAAAC', message: 'Socket TCXCuFeV8Q6LBWYoAAAC joined', jobId: 'job-17', url: 'http://127.0.0.1:4321/x' };
    expect(norm(value, { substrings: { '127.0.0.1:4321': 'host' } })).toEqual({ jobId: '<id#1>', message: 'Socket <socket#1> joined', socketId: '<socket#1>', url: 'http://<host>/x' });
  });

  it('leaves the nil UUID and ordinary words alone', () => {
    expect(norm({ serverId: '00000000-0000-0000-0000-000000000000', word: 'internationalization' })).toEqual({ serverId: '00000000-0000-0000-0000-000000000000', word: 'internationalization' });
  });
});

describe('maskNonce', () => {
  it('masks the step nonce in the text and in chunks of it, keeping lengths', () => {
    const text = 'eliza-wire flow.agent-reply step 0 ec71a969';
    const chunks = ['echo: eliza', '-wire flow.agent-reply step 0 ec7', '1a969'];
    expect(maskNonce({ chunks, whole: `echo: ${text}`, other: 'hello' }, { message: text })).toEqual({
      chunks: ['echo: eliza', '-wire flow.agent-reply step 0 ###', '#####'], whole: 'echo: eliza-wire flow.agent-reply step 0 ########', other: 'hello',
    });
  });
});

describe('compareEvents', () => {
  it('reports an extra event once, then compares the aligned payloads', () => {
    const a = [{ event: 'channel_joined', payload: { ok: 1 } }, { event: 'room_joined', payload: { ok: 1 } }];
    const b = [{ event: 'userJoined', payload: {} }, { event: 'channel_joined', payload: { ok: 1 } }, { event: 'room_joined', payload: { ok: 2 } }];
    expect(compareEvents(a, b, 'member')).toEqual([
      { path: 'member[0]', kind: 'only-b', b: {}, event: 'userJoined' },
      { path: 'member[1~2].payload.ok', kind: 'changed', a: 1, b: 2, event: 'room_joined' },
    ]);
  });
});

describe('known differences', () => {
  it('parses YAML and JSON lists and matches by id and path globs', () => {
    const known = parseKnown('- where: "agents.*"\n  path: body.data.agents[*].bio\n  why: another character\n');
    expect(parseKnown(JSON.stringify(known))).toEqual(known);
    expect(explain({ where: 'agents.list', path: 'body.data.agents[0].bio', kind: 'changed' }, known)?.why).toBe('another character');
    expect(explain({ where: 'agents.list', path: 'body.data.agents[0].name', kind: 'changed' }, known)).toBeUndefined();
    expect(explain({ where: 'flow.send', path: 'body.data.agents[0].bio', kind: 'changed' }, known)).toBeUndefined();
  });

  it('refuses what is not a list of {where, path?, why}', () => {
    expect(() => parseKnown('- where: x\n')).toThrow(KnownFileError);
    expect(() => parseKnown('where: [')).toThrow(/not YAML or JSON/);
  });
});
