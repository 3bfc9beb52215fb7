import { describe, expect, it } from 'vitest';
import { createState, DEFAULT_AGENT, type MockState } from '../../mock-server/index.js';
import { decodeValue, encodeValue } from '../../mock-server/cluster/codec.js';
import { Replica, type Batch } from '../../mock-server/cluster/replica.js';
import { SaltedIds } from '../../mock-server/cluster/salted-ids.js';
import { trackMap, unwrap, untrackMap } from '../../mock-server/cluster/track.js';

const NIL = '00000000-0000-0000-0000-000000000000';
const seeded = () => createState({ seed: 1, agents: 1, now: 1000, maxMediaBytes: 1e6 });

function tracked<V>(entries: [string, V][] = []): { map: Map<string, V>; marks: string[] } {
  const map = new Map(entries);
  const marks: string[] = [];
  trackMap(map as Map<string, unknown>, (key) => marks.push(key));
  return { map, marks };
}

describe('change tracking of a Map', () => {
  it('marks set, delete and clear, and not a read', () => {
    const { map, marks } = tracked([['a', { n: 1 }]]);
    map.get('a');
    expect([...map.values()]).toHaveLength(1);
    map.set('b', { n: 2 });
    map.delete('a');
    map.delete('missing');
    map.clear();
    expect(marks).toEqual(['b', 'a', 'b']);
  });

  it('marks a record written in place: a field, a nested object, a nested array, a Set', () => {
    const { map, marks } = tracked([['r', { name: 'x', meta: { deep: { v: 1 } }, list: [1], ids: new Set<string>() }]]);
    const r = map.get('r')!;
    r.name = 'y';
    r.meta.deep.v = 2;
    r.list.push(2);
    r.ids.add('z');
    expect(marks).toEqual(['r', 'r', 'r', 'r', 'r']); // push sets the index and the length
    expect(r.ids.has('z')).toBe(true);
    expect(r.ids.size).toBe(1);
  });

  it('marks records reached through values(), entries(), forEach and iteration', () => {
    const { map, marks } = tracked([['a', { n: 0 }], ['b', { n: 0 }], ['c', { n: 0 }], ['d', { n: 0 }]]);
    for (const v of map.values()) if (v === map.get('a')) v.n = 1;
    for (const [k, v] of map.entries()) if (k === 'b') v.n = 1;
    map.forEach((v, k) => k === 'c' && (v.n = 1));
    for (const [k, v] of map) if (k === 'd') v.n = 1;
    expect(marks).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps identity across reads and stores the plain record, never a proxy', () => {
    const { map } = tracked([['a', { list: [{ x: 1 }] }]]);
    expect(map.get('a')).toBe(map.get('a'));
    expect(map.get('a')!.list).toBe(map.get('a')!.list);
    const proxy = map.get('a')!;
    map.set('b', proxy);
    expect(Map.prototype.get.call(map, 'b')).toBe(unwrap(proxy));
    expect(unwrap(proxy)).not.toBe(proxy);
  });

  it('leaves byte arrays alone (their methods need the real object)', () => {
    const { map } = tracked([['m', { bytes: new Uint8Array([1, 2, 3]) }]]);
    expect(map.get('m')!.bytes.subarray(1)).toEqual(new Uint8Array([2, 3]));
  });

  it('stops marking once untracked', () => {
    const { map, marks } = tracked<{ n: number }>();
    untrackMap(map as Map<string, unknown>);
    map.set('a', { n: 1 });
    expect(marks).toEqual([]);
  });
});

describe('the codec', () => {
  it('carries Sets, Maps and bytes through JSON', () => {
    const value = { s: new Set(['a']), m: new Map([['k', 1]]), b: new Uint8Array([0, 255]), u: undefined, n: null };
    const back = decodeValue(JSON.parse(JSON.stringify(encodeValue(value))));
    expect(back).toEqual({ s: new Set(['a']), m: new Map([['k', 1]]), b: new Uint8Array([0, 255]), n: null });
  });
});

/** Two replicas joined directly (no transport): what one sends, the other applies. */
function pair(): { a: Replica; b: Replica; sa: MockState; sb: MockState; wire: Batch[] } {
  const wire: Batch[] = [];
  const a = new Replica('a', (batch) => wire.push(batch));
  const b = new Replica('b', (batch) => a.applyBatch(batch));
  const sa = seeded();
  const sb = seeded();
  a.attach(sa);
  b.attach(sb);
  return { a, b, sa, sb, wire };
}

describe('a replica', () => {
  it('sends the writes of one tick as one batch, on a microtask', async () => {
    const { sa, wire } = pair();
    sa.agents.get(DEFAULT_AGENT.id)!.name = 'Renamed';
    sa.agents.get(DEFAULT_AGENT.id)!.bio.push('more');
    sa.channels.set('c1', { id: 'c1', messageServerId: NIL, name: 'c', type: 'GROUP', metadata: {}, participants: [], createdAt: 1, updatedAt: 1 });
    expect(wire).toHaveLength(0);
    await Promise.resolve();
    expect(wire).toHaveLength(1);
    expect(wire[0]!.changes.map(([c, k]) => `${c}/${k}`).sort()).toEqual(['agents/' + DEFAULT_AGENT.id, 'channels/c1']);
  });

  it('applies a remote batch without echoing it', async () => {
    const { b, sa, sb, wire } = pair();
    sa.servers.get(NIL)!.agents.add('new-agent');
    sa.messages.delete('none');
    await Promise.resolve();
    b.applyBatch(wire[0]!);
    expect(sb.servers.get(NIL)!.agents.has('new-agent')).toBe(true);
    await Promise.resolve();
    expect(wire).toHaveLength(1); // b applied it silently: nothing went back to a
  });

  it('lets the later writer win, the same way on both sides', () => {
    const { sa, sb } = pair();
    const batches: Record<string, Batch[]> = { a: [], b: [] };
    const ra = new Replica('a', (x) => batches.a!.push(x));
    const rb = new Replica('b', (x) => batches.b!.push(x));
    ra.attach(sa);
    rb.attach(sb);
    sa.agents.get(DEFAULT_AGENT.id)!.name = 'from a';
    sb.agents.get(DEFAULT_AGENT.id)!.name = 'from b';
    ra.flush();
    rb.flush();
    ra.applyBatch(batches.b![0]!);
    rb.applyBatch(batches.a![0]!);
    // Same tick on both: the greater origin ('b') wins everywhere.
    expect(sa.agents.get(DEFAULT_AGENT.id)!.name).toBe('from b');
    expect(sb.agents.get(DEFAULT_AGENT.id)!.name).toBe('from b');
  });

  it('drops a batch from before the last reset', () => {
    const { b, sa, sb, wire } = pair();
    const ra = new Replica('a', (x) => wire.push(x));
    ra.attach(sa);
    sa.agents.delete(DEFAULT_AGENT.id);
    ra.flush();
    b.startEpoch(1);
    b.applyBatch(wire.at(-1)!);
    expect(sb.agents.has(DEFAULT_AGENT.id)).toBe(true);
  });

  it('merges a snapshot: its records and tombstones, dropping seeded records it does not hold', () => {
    const { sa } = pair();
    const ra = new Replica('a', () => undefined);
    ra.attach(sa);
    sa.agents.delete(DEFAULT_AGENT.id);
    sa.channels.set('c1', { id: 'c1', messageServerId: NIL, name: 'c', type: 'GROUP', metadata: {}, participants: ['u'], createdAt: 1, updatedAt: 1 });
    ra.flush();
    const late = createState({ seed: 1, agents: 3, now: 2000, maxMediaBytes: 1e6 });
    const rc = new Replica('c', () => undefined);
    rc.attach(late);
    rc.mergeSnapshot(JSON.parse(JSON.stringify(ra.snapshot())) as ReturnType<Replica['snapshot']>);
    expect(late.summary()).toEqual(sa.summary());
    expect(late.channels.get('c1')?.participants).toEqual(['u']);
    expect(late.servers.get(NIL)?.agents).toBeInstanceOf(Set);
  });
});

describe('salted ids', () => {
  it('differ between instances of one seed and end with the salt', () => {
    const x = new SaltedIds(1, 0xdeadbeef);
    const y = new SaltedIds(1, 0x00c0ffee);
    expect(x.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{4}deadbeef$/);
    expect(y.uuid().endsWith('00c0ffee')).toBe(true);
  });
});
