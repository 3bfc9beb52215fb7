/**
 * `BENCH_ONLY=diagnostics-flood npm run bench`: one client sends 50,000 events the protocol does not know to
 * `eliza-wire mock` (default log level, stderr read in full). What it costs: lines and bytes on stderr, the
 * diagnostics list at GET /__mock/diagnostics, RSS before and after, and the time until the mock has handled them
 * (a join sent last is answered once everything before it was).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { rssMb, stop } from './lib/children.js';
import { fmt, table } from './lib/stats.js';

const EVENTS = Number(process.env.BENCH_FLOOD_EVENTS ?? 50_000);

export interface FloodFigures {
  lines: number;
  bytes: number;
  listed: number;
  counted: number;
  rssBefore: number;
  rssAfter: number;
  ms: number;
}

/** Starts the mock from `args` (it prints READY <url>), floods it, and measures. */
export async function flood(args: string[], events = EVENTS): Promise<FloodFigures> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let bytes = 0;
  let lines = 0;
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    for (const byte of chunk) if (byte === 10) lines += 1;
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /READY (\S+)/.exec(out);
        if (match?.[1]) resolve(match[1]);
        if (match?.[1] || child.exitCode !== null) clearInterval(timer);
        if (child.exitCode !== null) reject(new Error(`mock exited ${child.exitCode}`));
      }, 20);
    });
    await new Promise((r) => setTimeout(r, 300));
    const rssBefore = await rssMb(child.pid);
    const startLines = lines;
    const startBytes = bytes;
    const socket = io(url, { auth: { entityId: randomUUID() }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const t0 = performance.now();
    for (let i = 0; i < events; i += 1) socket.emit('chat', { text: i });
    socket.emit('message', { type: 1, payload: { channelId: randomUUID() } });
    await new Promise<void>((resolve) => socket.once('channel_joined', () => resolve()));
    const ms = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 300));
    const rssAfter = await rssMb(child.pid);
    const body = (await (await fetch(`${url}/__mock/diagnostics`)).json().catch(() => ({}))) as { diagnostics?: { count?: number }[] };
    socket.disconnect();
    const listed = body.diagnostics?.length ?? NaN;
    const counted = body.diagnostics?.reduce((n, d) => n + (d.count ?? 1), 0) ?? NaN;
    return { lines: lines - startLines, bytes: bytes - startBytes, listed, counted, rssBefore, rssAfter, ms };
  } finally {
    await stop(child);
  }
}

export async function diagnosticsFlood(): Promise<void> {
  const f = await flood(['dist/bin/eliza-wire.js', 'mock', '--port', '0']);
  console.log(`\ndiagnostics-flood: ${EVENTS.toLocaleString('en-US')} unknown events from one client, eliza-wire mock at the default log level\n`);
  console.log(table([
    ['stderr lines', 'stderr bytes', 'listed at /__mock/diagnostics', 'counted in the list', 'RSS before → after (MB)', 'handled in (ms)'],
    [String(f.lines), String(f.bytes), String(f.listed), String(f.counted), `${fmt(f.rssBefore)} → ${fmt(f.rssAfter)}`, fmt(f.ms)],
  ]));
  const checks: [string, boolean][] = [
    ['stderr lines <= 10 (rate-limited per code)', f.lines <= 10],
    ['every event counted in the list', f.counted === EVENTS],
  ];
  console.log(`\n${checks.map(([label, pass]) => `${pass ? 'met ' : 'MISS'}  ${label}`).join('\n')}`);
}
