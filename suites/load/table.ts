import { CPU_LIMIT_PERCENT, LAG_LIMIT_MS } from './generator.js';
import type { BenchProgress } from './progress.js';
import type { BenchOutcome, BenchResult, ConnectResult, FanoutResult, LatencyStats, MixedResult, RestResult, RoundtripResult } from './result.js';

const ms = (n: number) => n.toFixed(2).padStart(9);

function latencyRows(rows: [string, LatencyStats][]): string[] {
  const head = `${'latency (ms)'.padEnd(14)}${['p50', 'p90', 'p99', 'p99.9', 'max'].map((h) => h.padStart(9)).join('')}${'count'.padStart(10)}`;
  return [head, ...rows.map(([name, s]) => `${name.padEnd(14)}${[s.p50, s.p90, s.p99, s.p999, s.max].map(ms).join('')}${String(s.count).padStart(10)}`)];
}

function fanoutRows(result: FanoutResult): string[] {
  const c = result.config;
  return [
    `fanout ${result.target}: ${c.clients} clients, ${c.rooms} rooms, ${c.senders} senders, ${c.transport}, ${c.messages} messages at ${c.rate}/s`,
    ...latencyRows([['delivery', result.latency.delivery], ['completion', result.latency.completion], ['skew', result.latency.skew]]),
    `throughput    ${result.throughput.sentPerSec} messages/s sent, ${result.throughput.deliveriesPerSec} deliveries/s`,
    `deliveries    ${result.delivered}/${result.expected} delivered, ${result.lost} lost, ${result.duplicated} duplicated, ${result.crossRoom} cross-room`,
  ];
}

function connectRows(result: ConnectResult): string[] {
  const failures = Object.entries(result.failures).map(([reason, n]) => `${n} ${reason}`).join(', ') || 'none';
  return [
    `connect ${result.target}: ${result.config.clients} clients at ${result.config.rate}/s over ${result.config.rooms} rooms, ${result.config.transport}`,
    ...latencyRows([['connected', result.latency.connect], ['joined', result.latency.joined]]),
    `throughput    ${result.throughput.connectsPerSec} joined/s; ${result.joined}/${result.attempted} joined; failures: ${failures}`,
  ];
}

function restRows(result: RestResult): string[] {
  const non2xx = Object.entries(result.non2xx).map(([status, n]) => `${n}×${status}`).join(', ') || 'none';
  return [
    `rest ${result.target}: ${result.config.connections} connections over ${result.config.paths.join(', ')}`,
    ...latencyRows([['request', result.latency.request]]),
    `throughput    ${result.throughput.requestsPerSec} requests/s; ${result.requests} requests, ${result.errors} errors, non-2xx: ${non2xx}`,
  ];
}

function roundtripRows(result: RoundtripResult): string[] {
  const c = result.config;
  const complete = result.latency.complete.count > 0 ? [['complete', result.latency.complete] as [string, LatencyStats]] : [];
  return [
    `roundtrip ${result.target}: ${c.users} conversations with agent ${c.agentId}, ${c.transport}, ${c.messages} messages at ${c.rate}/s`,
    ...latencyRows([['first chunk', result.latency.firstChunk], ['reply', result.latency.reply], ...complete]),
    `throughput    ${result.throughput.repliesPerSec} replies/s; ${result.replied}/${result.sent} answered, ${result.unanswered} unanswered${complete.length ? '' : '; no messageComplete seen'}`,
  ];
}

function mixedRows(result: MixedResult): string[] {
  const c = result.config;
  const non2xx = Object.entries(result.rest.non2xx).map(([status, n]) => `${n}×${status}`).join(', ') || 'none';
  return [
    `mixed ${result.target}: ${c.users} users in ${c.rooms} rooms, a message every ${c.thinkSec} s each, ${c.readers} REST readers at ${c.readerRate}/s, ${c.durationSec} s${c.rampSec ? ` after a ${c.rampSec} s ramp` : ''}, ${c.transport}`,
    ...latencyRows([['delivery', result.latency.delivery], ['completion', result.latency.completion], ['rest', result.latency.rest]]),
    `throughput    ${result.throughput.messagesPerSec} messages/s sent, ${result.throughput.deliveriesPerSec} deliveries/s, ${result.throughput.requestsPerSec} requests/s`,
    `deliveries    ${result.chat.delivered}/${result.chat.expected} delivered, ${result.chat.lost} lost, ${result.chat.duplicated} duplicated, ${result.chat.crossRoom} cross-room`,
    `rest          ${result.rest.requests} requests, ${result.rest.errors} errors, non-2xx: ${non2xx}`,
  ];
}

function scenarioRows(result: BenchResult): string[] {
  switch (result.scenario) {
    case 'fanout':
      return fanoutRows(result);
    case 'connect':
      return connectRows(result);
    case 'rest':
      return restRows(result);
    case 'roundtrip':
      return roundtripRows(result);
    case 'mixed':
      return mixedRows(result);
  }
}

/** What to lower when the generator cannot keep up. */
const RELIEF: Record<BenchResult['scenario'], string> = {
  fanout: 'lower --rate or --clients, or add --workers',
  connect: 'lower --rate or add --workers',
  roundtrip: 'lower --rate',
  rest: 'lower --clients',
  mixed: 'lower --clients or raise --think',
};

function generatorRows(result: BenchResult): string[] {
  const g = result.generator;
  const rows = [`generator     CPU ${g.cpuPercent}% of one core, lag p99 ${g.lagP99Ms.toFixed(1)} ms (max ${g.lagMaxMs.toFixed(1)} ms), RSS ${g.rssMb} MB`];
  if (result.generatorLimited) rows.push(`WARNING: the load generator is the bottleneck (lag p99 > ${LAG_LIMIT_MS} ms or CPU > ${CPU_LIMIT_PERCENT}% of one core): these figures measure it, not the server; ${RELIEF[result.scenario]}`);
  return rows;
}

/** PASSED, FAILED and why, or INTERRUPTED with what had failed so far. */
export function verdictLine(outcome: BenchOutcome): string {
  const reasons = [...outcome.broken.map((b) => `${b.threshold} (actual ${b.actual})`), ...outcome.integrity].join('; ');
  if (outcome.interrupted === true) {
    return `INTERRUPTED after ${(outcome.result.durationMs / 1000).toFixed(1)} s: partial results, no verdict${reasons ? `; so far: ${reasons}` : ''}`;
  }
  return outcome.passed ? 'PASSED' : `FAILED: ${reasons}`;
}

/** The final table of a bench run, ending with PASSED, FAILED and why, or INTERRUPTED. */
export function formatOutcome(outcome: BenchOutcome): string {
  return [...scenarioRows(outcome.result), ...generatorRows(outcome.result), verdictLine(outcome), ''].join('\n');
}

/** `, clients 98 connected, 2 disconnected` when the scenario watches sockets; a dead target shows here. */
function clientCounts(p: BenchProgress, separator: string): string {
  if (p.connected === undefined) return '';
  return `${separator}clients ${p.connected} connected, ${p.disconnected ?? 0} disconnected`;
}

/** One plain progress line (for a non-TTY). */
export function formatProgress(p: BenchProgress): string {
  return `[${(p.elapsedMs / 1000).toFixed(1)}s] sent ${p.sent}, received ${p.received}, ${p.ratePerSec}/s, generator lag ${p.lagMs.toFixed(1)} ms${clientCounts(p, ', ')}\n`;
}

/**
 * One progress line for a TTY, to be rewritten in place:
 * `[#####.....] 45%  sent 450/1000  4021 deliveries/s  lag 2.1 ms`. Without a known total there is no bar.
 */
export function formatProgressBar(p: BenchProgress, width = 10): string {
  const received = `${p.receivedPerSec ?? 0} ${p.receivedLabel ?? 'received'}/s`;
  const lag = `lag ${p.lagMs.toFixed(1)} ms${clientCounts(p, '  ')}`;
  if (p.total === undefined || !(p.total > 0)) return `[${(p.elapsedMs / 1000).toFixed(1)}s]  sent ${p.sent}  ${received}  ${lag}`;
  const fraction = Math.min(1, Math.max(0, p.sent / p.total));
  const filled = Math.round(fraction * width);
  const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
  return `[${bar}] ${Math.floor(fraction * 100)}%  sent ${p.sent}/${p.total}  ${received}  ${lag}`;
}
