/**
 * The "cluster" part of `npm run bench` (alone: `BENCH_ONLY=cluster npm run bench`): broadcast fan-out against the
 * mock as one process and as `--cluster 2`, the rate stepped up until delivery p99 or loss breaks or the generator
 * warns. The load comes from the project's own engine (`runBench`, two generator processes), the servers' CPU from
 * /proc/<pid>/stat over the sending phase only, so the table says what limited each target.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { LoadTargetError, runBench } from '../suites/load/index.js';
import type { FanoutResult } from '../suites/load/index.js';
import { stop, type Started } from './lib/children.js';
import { fmt, table } from './lib/stats.js';

type Start = () => Promise<Started>;

/** One rung of the ladder. */
interface Step {
  rate: number;
  /** Undefined when the step could not run (a client could not connect). */
  result?: FanoutResult;
  /** % of one core over the sending phase, per server process (the primary first for a cluster). */
  serverCpu: number[];
  /** % of the whole machine busy over the sending phase. */
  machineCpu: number;
  /** Why this step broke, or undefined when it held. */
  broke?: string;
}

export interface LadderOptions {
  clients: number;
  rooms: number;
  /** First rate (msg/s); each step multiplies it by `factor`. */
  startRate: number;
  factor: number;
  maxSteps: number;
  secondsPerStep: number;
  /** A step breaks when delivery p99 exceeds this. */
  p99LimitMs: number;
}

export const DEFAULT_LADDER: LadderOptions = { clients: 500, rooms: 10, startRate: 50, factor: 1.5, maxSteps: 9, secondsPerStep: 4, p99LimitMs: 50 };

/** Linux reports process CPU times in clock ticks of 1/100 s (USER_HZ, fixed for user space). */
const TICKS_PER_SECOND = 100;

function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime and stime: fields 14 and 15
  } catch {
    return NaN; // the process is gone
  }
}

/** Busy and total jiffies of the machine, from the first line of /proc/stat. */
function machineJiffies(): { busy: number; total: number } {
  const values = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  return { busy: total - (values[3] ?? 0) - (values[4] ?? 0), total };
}

/** Starts sampling; the returned function gives % of one core per pid and % of the machine since the start. */
function sampleCpu(pids: number[]): () => { perPid: number[]; machine: number } {
  const t0 = performance.now();
  const cpu0 = pids.map(processCpuSeconds);
  const m0 = machineJiffies();
  return () => {
    const seconds = (performance.now() - t0) / 1000;
    const m1 = machineJiffies();
    return {
      perPid: pids.map((pid, i) => ((processCpuSeconds(pid) - (cpu0[i] ?? NaN)) / seconds) * 100),
      machine: ((m1.busy - m0.busy) / Math.max(1, m1.total - m0.total)) * 100,
    };
  };
}

/** The server's processes: the one we started and its children (the workers of a cluster). */
function serverPids(pid: number): number[] {
  const children = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((d) => {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
    } catch {
      return false;
    }
  });
  return [pid, ...children.map(Number).sort((a, b) => a - b)];
}

function whyBroken(r: FanoutResult, o: LadderOptions): string | undefined {
  const d = r.latency.delivery;
  if (r.generatorLimited) return `generator (lag p99 ${fmt(r.generator.lagP99Ms, 1)} ms, CPU ${fmt(r.generator.cpuPercent, 0)}%)`;
  if (r.lost > 0 || r.duplicated > 0 || r.crossRoom > 0) return `loss (${r.lost} lost, ${r.duplicated} dup, ${r.crossRoom} cross)`;
  if (d.p99 > o.p99LimitMs) return `p99 ${fmt(d.p99, 1)} ms > ${o.p99LimitMs} ms`;
  return undefined;
}

async function step(url: string, pids: number[], rate: number, o: LadderOptions): Promise<Step> {
  let cpu: ReturnType<typeof sampleCpu> | undefined;
  const gate = () => {
    const at = Date.now() + 100;
    setTimeout(() => (cpu = sampleCpu(pids)), 100);
    return Promise.resolve(at);
  };
  try {
    const outcome = await runBench({ scenario: 'fanout', url, clients: o.clients, rooms: o.rooms, rate, messages: Math.round(rate * o.secondsPerStep), workers: 2, gate });
    const usage = cpu?.() ?? { perPid: pids.map(() => NaN), machine: NaN };
    const result = outcome.result as FanoutResult;
    return { rate, result, serverCpu: usage.perPid, machineCpu: usage.machine, broke: whyBroken(result, o) };
  } catch (error) {
    if (!(error instanceof LoadTargetError)) throw error;
    return { rate, serverCpu: pids.map(() => NaN), machineCpu: NaN, broke: `could not run: ${error.message}` };
  }
}

/** A step, run once more when it breaks: one spike of a shared machine does not end a ladder. */
async function confirmedStep(url: string, pids: number[], rate: number, o: LadderOptions): Promise<Step> {
  const first = await step(url, pids, rate, o);
  return first.broke ? step(url, pids, rate, o) : first;
}

/**
 * Steps the rate up for every target at once, alternating between them at each rate (so that a neighbour's load on
 * a shared machine falls on both alike), until each target's step breaks twice in a row. Returns every step run.
 */
export async function ladders(starts: Start[], o: LadderOptions = DEFAULT_LADDER): Promise<Step[][]> {
  const servers: Started[] = [];
  try {
    for (const start of starts) servers.push(await start());
    const pids = servers.map((s) => serverPids(s.child.pid ?? 0));
    const steps: Step[][] = servers.map(() => []);
    for (let i = 0, rate = o.startRate; i < o.maxSteps; i += 1, rate = Math.round(rate * o.factor)) {
      const open = servers.map((_, t) => t).filter((t) => !steps[t]?.at(-1)?.broke);
      if (open.length === 0) break;
      for (const t of open) steps[t]?.push(await confirmedStep(servers[t]?.url ?? '', pids[t] ?? [], rate, o));
    }
    return steps;
  } finally {
    await Promise.all(servers.map((s) => stop(s.child)));
  }
}

function cpuCell(values: number[]): string {
  return values.map((v) => fmt(v, 0)).join(' + ');
}

/** What limited the target at the step that broke: the generator, one server process at a full core, the machine. */
function limitedBy(broken: Step | undefined, cores: number): string {
  if (!broken) return 'nothing within the ladder';
  const hottest = Math.max(...broken.serverCpu.filter(Number.isFinite));
  const machine = `machine ${fmt(broken.machineCpu, 0)}% of ${cores} cores`;
  if (hottest >= 90) return `server CPU: ${fmt(hottest, 0)}% of a core in one process (${broken.broke}; ${machine})`;
  if (broken.machineCpu >= 90) return `machine CPU: ${machine}, servers and generators together (${broken.broke})`;
  if (broken.result?.generatorLimited) return `${broken.broke}; ${machine}`;
  return `${broken.broke ?? ''}; ${machine}`;
}

function stepRows(name: string, steps: Step[]): string[][] {
  return steps.map((s) => {
    const r = s.result;
    if (!r) return [name, String(s.rate), '-', '-', '-', '-', '-', '-', '-', s.broke ?? ''];
    const d = r.latency.delivery;
    return [name, String(s.rate), fmt(r.throughput.deliveriesPerSec, 0), fmt(d.p50, 2), fmt(d.p99, 2), `${r.lost}/${r.duplicated}`, cpuCell(s.serverCpu), fmt(s.machineCpu, 0), `${fmt(r.generator.lagP99Ms, 1)} / ${fmt(r.generator.cpuPercent, 0)}%`, s.broke ?? 'held'];
  });
}

function summaryRow(name: string, steps: Step[], cores: number): string[] {
  const held = steps.filter((s) => !s.broke).at(-1);
  const broken = steps.find((s) => s.broke);
  const d = held?.result?.latency.delivery;
  return [name, held ? String(held.rate) : `< ${steps[0]?.rate ?? '-'}`, held?.result ? fmt(held.result.throughput.deliveriesPerSec, 0) : '-', d ? fmt(d.p50, 2) : '-', d ? fmt(d.p99, 2) : '-', held ? cpuCell(held.serverCpu) : '-', limitedBy(broken, cores)];
}

/**
 * One process vs `--cluster 2`, in one run: each target's ladder, then the saturation table.
 *
 * @example
 * await compareCluster({ single: () => startServer(node, [...]), cluster: () => startServer(node, [..., '--cluster', '2']) });
 */
export async function compareCluster(targets: { single: Start; cluster: Start }, o: LadderOptions = DEFAULT_LADDER, cores = 2): Promise<void> {
  const [single = [], cluster = []] = await ladders([targets.single, targets.cluster], o);
  const perMessage = o.clients / o.rooms - 1;
  console.log(`\ncluster: fanout of ${o.clients} clients over ${o.rooms} rooms (${perMessage} deliveries per message), 2 generator processes, ${o.secondsPerStep} s per step, rate x${o.factor} from ${o.startRate} msg/s, the targets alternating at each rate, until p99 > ${o.p99LimitMs} ms, a loss or a generator warning (twice in a row)\n`);
  const head = ['target', 'msg/s', 'deliveries/s', 'p50 ms', 'p99 ms', 'lost/dup', 'server CPU % (per process)', 'machine %', 'gen lag p99 / CPU', 'step'];
  console.log(table([head, ...stepRows('1 process', single), ...stepRows('--cluster 2', cluster)]));
  console.log(`\nsaturation (the last step that held; server CPU: the process, or primary + workers)\n`);
  console.log(table([['target', 'msg/s', 'deliveries/s', 'p50 ms', 'p99 ms', 'server CPU %', 'what limited it (the next step)'], summaryRow('1 process', single, cores), summaryRow('--cluster 2', cluster, cores)]));
}
