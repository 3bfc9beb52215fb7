/**
 * `BENCH_ONLY=soak npm run bench`: the mock's memory over a long steady load of REST posts and socket sends
 * (each answered by the echo agent, so messages, memories, runs and logs all grow until their retention bounds).
 * Not part of the default run. `BENCH_STATE_SOAK_MINUTES` (default 30) sets the length, `BENCH_STATE_SOAK_EVERY`
 * (default 5) the minutes between samples, `BENCH_STATE_SOAK_RATE` (default 50) the posts/s and sends/s each.
 */
import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { client, join, NIL_SERVER, send, startMemoryChild, type MemoryChild } from './memory-suite.js';
import type { ChildSample } from './memory-child.js';
import { fmt, table } from './lib/stats.js';

const AGENT = 'e11a0000-0000-4000-8000-000000000001';
const CHANNELS = 100;
const SOCKETS = 10;

async function post(url: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json().catch(() => ({}))) as { data?: Record<string, unknown> };
  if (res.status >= 300) throw new Error(`POST ${path} answered ${res.status}`);
  return json.data ?? json;
}

/** Channels with the default agent as a participant: each post there gets an agent reply. */
async function channels(url: string, count: number): Promise<{ id: string; user: string }[]> {
  const out: { id: string; user: string }[] = [];
  for (let i = 0; i < count; i += 1) {
    const user = randomUUID();
    const created = await post(url, '/api/messaging/channels', { name: `soak ${i}`, participantCentralUserIds: [user, AGENT], message_server_id: NIL_SERVER, type: 'GROUP' });
    out.push({ id: String(created.id), user });
  }
  return out;
}

function row(minute: number, s: ChildSample, posts: number, sends: number, errors: number): string[] {
  const st = s.state;
  return [fmt(minute, 1), fmt(s.heapMb), fmt(s.rssMb), String(posts), String(sends), String(errors), String(st.messages), String(st.memories), String(st.runs), String(st.logs), String(st.channels)];
}

const HEAD = ['min', 'heap MB', 'RSS MB', 'posts', 'sends', 'errors', 'messages', 'memories', 'runs', 'logs', 'channels'];

async function load(mock: MemoryChild, minutes: number, every: number, rate: number): Promise<string[][]> {
  const rest = await channels(mock.url, CHANNELS);
  const sockets: Socket[] = [];
  for (let i = 0; i < SOCKETS; i += 1) sockets.push(await client(mock.url));
  const socketChannels = rest.slice(0, SOCKETS);
  for (const [i, s] of sockets.entries()) await join(s, socketChannels[i]?.id ?? '');
  const rows: string[][] = [];
  const counts = { posts: 0, sends: 0, errors: 0 };
  const reasons = new Map<string, number>();
  const text = 'soak '.repeat(60);
  const t0 = performance.now();
  const sampleRow = async () => {
    const s = await mock.sample();
    const r = row((performance.now() - t0) / 60_000, s, counts.posts, counts.sends, counts.errors);
    rows.push(r);
    console.log(`soak sample: ${HEAD.map((h, i) => `${h} ${r[i]}`).join(', ')}`);
  };
  await sampleRow();
  let nextSample = every * 60_000;
  const end = minutes * 60_000;
  for (let tick = 0; ; tick += 1) {
    const due = (tick * 1000) / rate;
    if (due >= end) break;
    const wait = t0 + due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const ch = rest[tick % CHANNELS] as { id: string; user: string };
    void post(mock.url, `/api/messaging/channels/${ch.id}/messages`, { author_id: ch.user, content: `${tick} ${text}`, message_server_id: NIL_SERVER, source_type: 'soak' })
      .then(() => (counts.posts += 1))
      .catch((error: unknown) => {
        counts.errors += 1;
        const reason = error instanceof Error ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}` : String(error);
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      });
    const s = sockets[tick % SOCKETS] as Socket;
    send(s, socketChannels[tick % SOCKETS]?.id ?? '', `${tick} ${text}`);
    counts.sends += 1;
    if (due >= nextSample) {
      await sampleRow();
      nextSample += every * 60_000;
    }
  }
  await new Promise((r) => setTimeout(r, 2000));
  await sampleRow();
  for (const s of sockets) s.disconnect();
  if (reasons.size > 0) console.log(`REST errors by reason: ${[...reasons].map(([r, n]) => `${n} x ${r}`).join('; ')}`);
  return rows;
}

/** The section: skipped unless named (`BENCH_ONLY=soak`), since it takes half an hour by default. */
export async function stateSoak(): Promise<void> {
  if (!process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).includes('soak')) {
    console.log('\nsoak: not in the default run (BENCH_ONLY=soak runs it; BENCH_STATE_SOAK_MINUTES=30 by default)');
    return;
  }
  const minutes = Number(process.env.BENCH_STATE_SOAK_MINUTES ?? 30);
  const every = Number(process.env.BENCH_STATE_SOAK_EVERY ?? 5);
  const rate = Number(process.env.BENCH_STATE_SOAK_RATE ?? 50);
  console.log(`\nsoak: ${minutes} min of ${rate} REST posts/s and ${rate} socket sends/s (300-character messages, echo agent replying, default retention), mock heap after GC and RSS every ${every} min`);
  const mock = await startMemoryChild();
  try {
    const rows = await load(mock, minutes, every, rate);
    console.log(`\n${table([HEAD, ...rows])}`);
    const settled = rows.filter((r) => Number(r[0]) >= Math.min(10, minutes / 2));
    const heaps = settled.map((r) => Number(r[1]));
    if (heaps.length > 1) console.log(`\nheap from minute ${settled[0]?.[0]} to the end: ${fmt(Math.min(...heaps))}..${fmt(Math.max(...heaps))} MB (flat once the retention bounds are full)`);
  } finally {
    await mock.stop();
  }
}
