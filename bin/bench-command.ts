import { PROFILES, type Profile } from '../spec/profiles.js';
import { Command, Option } from 'commander';
import type { CliIo } from './io.js';
import { intFlag } from './parse.js';
import { UsageError } from './errors.js';

export interface BenchFlags {
  scenario: 'fanout' | 'connect' | 'roundtrip' | 'rest' | 'mixed';
  clients?: number;
  rooms?: number;
  senders?: number;
  rate?: number;
  messages?: number;
  duration?: number;
  /** Seconds to spread the connections over (fanout, connect, mixed). */
  ramp?: number;
  /** Mixed: mean seconds between two messages of one user. */
  think?: number;
  /** Mixed: HTTP readers. */
  readers?: number;
  /** Generator processes, each owning whole rooms. */
  workers?: number;
  /** Wall-clock time (ms since the epoch) to start the measurement at, once the clients have joined. */
  startAt?: number;
  /** Prefix of the message texts: `<family>.<n>` on machine n of a shared run. */
  runId?: string;
  transport: 'websocket' | 'polling';
  /** Profile of the built-in mock (no URL). */
  profile?: Profile;
  apiKey?: string;
  socketApiKey?: string;
  threshold: string[];
  json?: string;
  html?: string;
}

/** The exit code of the last `bench` (the action cannot return it through commander). */
export interface BenchExit {
  exitCode: number;
}

function positiveNumber(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a number above 0, got "${value}"`, `e.g. ${flag} 100`);
    return n;
  };
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** `--start-at`: an ISO 8601 time or ms since the epoch, in the future when the clients will have joined. */
function startAtFlag(value: string): number {
  const at = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(at)) throw new UsageError(`--start-at must be an ISO 8601 time or ms since the epoch, got "${value}"`, `e.g. --start-at ${new Date(Date.now() + 60_000).toISOString().replace(/\.\d+Z$/, 'Z')}`);
  return at;
}

function runIdFlag(value: string): string {
  if (!/^[\w-]+\.\d+$/.test(value)) throw new UsageError(`--run-id must be <family>.<n> (letters, digits, - or _, then a dot and this machine's number), got "${value}"`, 'e.g. --run-id nightly-42.0 on the first machine, nightly-42.1 on the second');
  return value;
}

export interface MergeFlags {
  threshold: string[];
  json?: string;
  html?: string;
}

const HELP = `
Thresholds: <metric><op><number>[us|ms|s] with op <, <=, > or >=. Latency metrics p50, p90, p99, p99.9, max, mean
(fanout: per delivery; completion.p99 and skew.p99 per message; connect: time to joined, connect.p99 to connected;
roundtrip: to the agent's reply, firstChunk.p99 and complete.p99; rest: per request); counts lost, duplicated,
crossRoom (fanout), failures (connect), unanswered (roundtrip), errors, non2xx (rest); rate: deliveries/s (fanout),
joined/s (connect), replies/s (roundtrip), requests/s (rest).
Mixed: p50…max per chat delivery, completion.p99 per message, rest.p99 per REST read; lost, duplicated, crossRoom,
errors, non2xx; rate (deliveries/s) and restRate (requests/s).

Default bounds: rest and mixed fail on any REST error or non-2xx answer (errors<1, non2xx<1), connect on any failed
attempt (failures<1); a --threshold on the same metric replaces its default, e.g. --threshold 'non2xx<100'. Any client
the server disconnects fails the run; when every client is gone (or, in rest, nothing answers for 2 s) it stops early.

Before any load: report paths must be writable, and a URL must be an ElizaOS server's base URL (not an HTML page or
404s, no path, a key when it answers 401): else one line and exit 2.

Ctrl-C (SIGINT) or SIGTERM: the run stops, the summary so far is printed and written to --json/--html with
"interrupted": true, child processes are stopped, and bench exits 130 (SIGINT) or 143 (SIGTERM). A second one stops at
once.

Exit codes: 0 ran and every threshold held, 1 a threshold broke or a message was lost, duplicated or delivered to
the wrong room (or, in roundtrip, never answered, or a client was disconnected), 2 usage error or target unreachable
or not ElizaOS, 130/143 interrupted.

Examples:
  eliza-wire bench --clients 100 --rooms 10 --rate 200 --messages 2000 --threshold 'p99<50ms'
  eliza-wire bench http://127.0.0.1:3000 --scenario connect --clients 500 --rate 100
  eliza-wire bench --scenario roundtrip --rooms 4 --rate 20 --messages 200 --threshold 'firstChunk.p99<200ms'
  eliza-wire bench http://127.0.0.1:3000 --scenario rest --clients 10 --duration 5 --json rest.json
  eliza-wire bench --scenario mixed --clients 50 --think 2 --readers 2 --duration 60 --ramp 5 --threshold 'rest.p99<50ms'
  eliza-wire bench http://127.0.0.1:3000 --clients 4000 --rooms 40 --rate 400 --duration 30 --workers 2 --html fanout.html
`;

export function benchCommand(io: CliIo, outcome: BenchExit): Command {
  return new Command('bench')
    // `bench merge … --json x`: the options after `merge` are merge's, not bench's
    .enablePositionalOptions()
    .description('Load a server (no URL: the built-in mock, in a child process) and time broadcasts, connects, agent replies or REST reads')
    .argument('[url]', 'the server to load, e.g. http://127.0.0.1:3000')
    .addOption(new Option('--scenario <name>', 'what to measure').choices(['fanout', 'connect', 'roundtrip', 'rest', 'mixed']).default('fanout'))
    .option('--clients <n>', 'sockets (rest: HTTP connections; mixed: chatting users); default 100 (rest: 10, mixed: 20)', intFlag('--clients', 1, 100_000))
    .option('--rooms <n>', 'channels the clients are spread over (default 10; mixed: clients/5); roundtrip: conversations (default 1)', intFlag('--rooms', 1, 100_000))
    .option('--senders <n>', 'fanout senders (default one per room)', intFlag('--senders', 1, 100_000))
    .option('--rate <per-second>', 'messages/s (fanout, default 100; roundtrip, default 10) or connects/s (connect, default 200)', positiveNumber('--rate'))
    .addOption(new Option('--messages <n>', 'messages to send (fanout, roundtrip) or requests (rest)').argParser(intFlag('--messages', 1)).conflicts('duration'))
    .option('--duration <s>', 'how long to send when --messages is not given (default 10)', positiveNumber('--duration'))
    .option('--ramp <s>', 'connect the clients gradually over s seconds, the measurement starting after (fanout, connect, mixed)', positiveNumber('--ramp'))
    .option('--think <s>', 'mixed: mean seconds between two messages of one user, jittered (default 5)', positiveNumber('--think'))
    .option('--readers <n>', 'mixed: HTTP readers looping over the read endpoints (default 2)', intFlag('--readers', 0, 10_000))
    .option('--start-at <time>', 'start the measurement at this time (ISO 8601 or ms since the epoch) once the clients have joined: aligns generators on several machines', startAtFlag)
    .option('--run-id <family.n>', 'prefix of the message texts, shared by the machines of one run (machine n: <family>.<n>), so that a delivery into another machine\'s room counts as cross-room', runIdFlag)
    .option('--workers <n>', 'spread the clients over n generator processes, each owning whole rooms (latencies are taken on one clock each, merged from their histograms)', intFlag('--workers', 1, 64))
    .addOption(new Option('--transport <transport>', 'socket transport').choices(['websocket', 'polling']).default('websocket'))
    .addOption(new Option('--profile <profile>', 'profile of the built-in mock (default elizaos-1.7); with a URL it is a usage error: the server has its own behaviour').choices(PROFILES))
    .option('--api-key <key>', 'REST API key (X-API-KEY)')
    .option('--socket-api-key <key>', 'socket API key (handshake auth.apiKey)')
    .option('--threshold <rule>', "a pass condition, repeatable, e.g. 'p99<50ms', 'lost<1', 'rate>100'", collect, [])
    .option('--json <file>', 'write the outcome (result and verdict) as JSON (schema: docs/bench.schema.json)')
    .option('--html <file>', 'write the outcome as a self-contained HTML report (verdict, percentiles, latency histogram and over time)')
    .addHelpText('after', HELP)
    .addCommand(mergeCommand(io, outcome))
    .action(async (url: string | undefined, flags: BenchFlags) => (await import('./bench-run.js')).runBenchCommand(url, flags, io, outcome));
}

/** `eliza-wire bench merge a.json b.json …`: one verdict from the results of several generators or machines. */
function mergeCommand(io: CliIo, outcome: BenchExit): Command {
  return new Command('merge')
    .description('Merge the --json outcomes of generators that ran side by side (machines of one run): counts add, percentiles come from the merged histograms')
    .argument('<files...>', 'the --json files of the runs to merge (same scenario and settings)')
    .option('--threshold <rule>', "a pass condition on the merged result, repeatable, e.g. 'p99<50ms'", collect, [])
    .option('--json <file>', 'write the merged outcome as JSON')
    .option('--html <file>', 'write the merged outcome as a self-contained HTML report')
    .addHelpText('after', `
Run each machine with the same scenario and settings, its own share of the clients, the same --start-at and
--run-id <family>.<n>, and --json; then merge. Exit codes as for bench: 0 every threshold held on the merged result,
1 a threshold broke or a message was lost, duplicated or misrouted on any machine, 2 a file that cannot be merged.

Example:
  eliza-wire bench merge machine-0.json machine-1.json --threshold 'p99<50ms' --html merged.html
`)
    .action(async (files: string[], flags: MergeFlags) => (await import('./bench-run.js')).runMergeCommand(files, flags, io, outcome));
}
