/**
 * `npm run bench`: the mock against a bare Express + Socket.IO server, side by side, in one run.
 * Time to READY, RSS idle and with 1000 sockets, broadcast latency at 1000 clients / 10 rooms / 100 msg/s
 * (websocket), and REST req/s of GET /api/agents. Figures are medians of repeated starts where it is cheap.
 * Then the cluster section: broadcast saturation of one process vs `--cluster 2` (cluster-suite.ts).
 */
import { fanout, openSockets } from './lib/fanout.js';
import { rssMb, startServer, stop, type Started } from './lib/children.js';
import { fmt, median, quantile, table } from './lib/stats.js';
import { restLoad } from './lib/rest.js';
import { availableParallelism } from 'node:os';
import { compareCluster, DEFAULT_LADDER } from './cluster-suite.js';
import { compareFanout, generatorCeiling, soak } from './fanout-suite.js';
import { memorySection } from './memory-suite.js';
import { stateSoak } from './soak-suite.js';
import { cliStart } from './cli-start.js';
import { diagnosticsFlood } from './diagnostics-flood.js';
import { payloadGuard } from './payload-guard.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Minutes of the soak fanout (default 10; 0 skips it). */
const SOAK_MINUTES = Number(process.env.BENCH_SOAK_MINUTES ?? 10);
const targets = {
  mock: () => startServer(process.execPath, ['dist/bin/eliza-wire.js', 'mock', '--port', '0', '--log-level', 'warn', '--think-ms', '0']),
  bare: () => startServer(process.execPath, ['bench/bare-server.mjs', '0']),
  cluster: () => startServer(process.execPath, ['dist/bin/eliza-wire.js', 'mock', '--port', '0', '--log-level', 'warn', '--think-ms', '0', '--cluster', '2']),
};
type Name = keyof typeof targets;

async function readyTimes(name: Name, runs = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const s = await targets[name]();
    times.push(s.readyMs);
    await stop(s.child);
  }
  return median(times);
}

async function memory(s: Started): Promise<{ idle: number; loaded: number }> {
  await new Promise((r) => setTimeout(r, 500));
  const idle = await rssMb(s.child.pid);
  const sockets = await openSockets(s.url, 1000);
  await new Promise((r) => setTimeout(r, 1000));
  const loaded = await rssMb(s.child.pid);
  for (const socket of sockets) socket.disconnect();
  return { idle, loaded };
}

async function measure(name: Name) {
  const ready = await readyTimes(name);
  const s = await targets[name]();
  try {
    const mem = await memory(s);
    await new Promise((r) => setTimeout(r, 500));
    const ws = await fanout({ url: s.url, clients: 1000, rooms: 10, rate: 100, seconds: SECONDS, transport: 'websocket' });
    const rest = await restLoad(`${s.url}/api/agents`, Math.max(3, Math.round(SECONDS / 2)));
    const sorted = [...ws.latencies].sort((a, b) => a - b);
    return { name, ready, ...mem, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted[sorted.length - 1] ?? NaN, delivered: ws.delivered, expected: ws.expected, duplicates: ws.duplicates, rps: rest.requestsPerSec, restP99: rest.p99 };
  } finally {
    await stop(s.child);
  }
}

/** Wall time of a full `eliza-wire check --level may` against the built-in mock, as a user runs it. */
async function checkTime(profile: string): Promise<number> {
  const { spawn } = await import('node:child_process');
  const t0 = performance.now();
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, ['dist/bin/eliza-wire.js', 'check', '--profile', profile, '--level', 'may', '--reporter', 'json:/dev/null'], { stdio: 'ignore' });
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`eliza-wire check (${profile}) exited ${code}`);
  return performance.now() - t0;
}

/** Mock vs bare: READY, memory, broadcast latency, REST, the full check, fanout side by side, generator ceiling, soak. */
async function baseline(): Promise<void> {
  const bare = await measure('bare');
  const mock = await measure('mock');
  const checkRuns = { 'elizaos-1.7': await checkTime('elizaos-1.7'), documented: await checkTime('documented') };
  const rows = [
    ['', 'bare', 'mock', 'mock/bare', 'target'],
    ['time to READY (ms, median of 5)', fmt(bare.ready), fmt(mock.ready), fmt(mock.ready / bare.ready, 2), 'mock <= 500 ms'],
    ['RSS idle (MB)', fmt(bare.idle), fmt(mock.idle), fmt(mock.idle / bare.idle, 2), 'mock <= 100 MB'],
    ['RSS with 1000 sockets (MB)', fmt(bare.loaded), fmt(mock.loaded), fmt(mock.loaded / bare.loaded, 2), ''],
    ['broadcast p50 (ms)', fmt(bare.p50, 2), fmt(mock.p50, 2), fmt(mock.p50 / bare.p50, 2), '<= 1.25x bare'],
    ['broadcast p99 (ms)', fmt(bare.p99, 2), fmt(mock.p99, 2), fmt(mock.p99 / bare.p99, 2), '<= 1.5x bare'],
    ['broadcast max (ms)', fmt(bare.max, 1), fmt(mock.max, 1), '', ''],
    ['deliveries (of expected)', `${bare.delivered}/${bare.expected}`, `${mock.delivered}/${mock.expected}`, '', 'all, no duplicates'],
    ['duplicates', String(bare.duplicates), String(mock.duplicates), '', '0'],
    ['GET /api/agents req/s', fmt(bare.rps, 0), fmt(mock.rps, 0), fmt(mock.rps / bare.rps, 2), '>= 0.6x bare'],
    ['GET /api/agents p99 (ms)', fmt(bare.restP99), fmt(mock.restP99), '', ''],
  ];
  console.log(`\neliza-wire bench: 1000 clients, 10 rooms, 100 msg/s for ${SECONDS} s (websocket), rooms without an agent\n`);
  console.log(table(rows));
  const checks = [
    ['time to READY <= 500 ms', mock.ready <= 500],
    ['RSS idle <= 100 MB', mock.idle <= 100],
    ['broadcast p50 <= 1.25x bare', mock.p50 <= 1.25 * bare.p50],
    ['broadcast p99 <= 1.5x bare', mock.p99 <= 1.5 * bare.p99],
    ['REST req/s >= 0.6x bare', mock.rps >= 0.6 * bare.rps],
    ['every delivery, no duplicate', mock.delivered === mock.expected && mock.duplicates === 0],
  ] as [string, boolean][];
  checks.push(['full check <= 30 s', Math.max(checkRuns['elizaos-1.7'], checkRuns.documented) <= 30_000]);
  console.log(`\nfull check --level may against the built-in mock (wall time, process start included): elizaos-1.7 ${fmt(checkRuns['elizaos-1.7'] / 1000, 1)} s, documented ${fmt(checkRuns.documented / 1000, 1)} s (target <= 30 s)`);
  console.log(`\n${checks.map(([label, pass]) => `${pass ? 'met ' : 'MISS'}  ${label}`).join('\n')}`);

  await compareFanout({ bare: targets.bare, mock: targets.mock }, SECONDS);
  await generatorCeiling(targets.bare);
  if (SOAK_MINUTES > 0) await soak(targets.mock, SOAK_MINUTES);
}

/** The sections of the run, in order. `BENCH_ONLY=<name>[,<name>]` runs only those, e.g. `BENCH_ONLY=cluster`. */
const SECTIONS: Record<string, () => Promise<void>> = {
  baseline,
  'cli-start': cliStart,
  cluster: () => compareCluster({ single: targets.mock, cluster: targets.cluster }, DEFAULT_LADDER, availableParallelism()),
  memory: memorySection,
  soak: stateSoak,
  'diagnostics-flood': diagnosticsFlood,
  'payload-guard': payloadGuard,
};
const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim()).filter(Boolean);
const unknown = only?.filter((name) => !(name in SECTIONS)) ?? [];
if (unknown.length > 0) throw new Error(`BENCH_ONLY names no section: ${unknown.join(', ')} (sections: ${Object.keys(SECTIONS).join(', ')})`);
for (const [name, section] of Object.entries(SECTIONS)) if (!only || only.includes(name)) await section();
