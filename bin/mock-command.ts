import { Command, Option } from 'commander';
import { PROFILES, type Profile } from '../spec/index.js';
import { createMockServer, RedisUnreachableError, withRedis, type MockServer, type RedisLink } from '../mock-server/index.js';
import type { EventFault } from '../mock-server/faults.js';
import { DEFAULT_LIMITS } from '../mock-server/limits.js';
import type { LogLevel } from '../mock-server/logger.js';
import type { CheckOutcome } from './check-command.js';
import { UsageError } from './errors.js';
import type { CliIo } from './io.js';
import { clusterFlag, runCluster } from './mock-cluster.js';
import { parseEventFault } from './event-fault.js';
import { guardProcess } from './process-guard.js';
import { intFlag, parseLatency, parseRateLimit, probabilityFlag } from './parse.js';

interface MockFlags {
  port: number;
  host: string;
  profile?: Profile;
  seed: number;
  agents: number;
  authToken?: string;
  socketApiKey?: string;
  agent: 'echo' | 'silent';
  thinkMs: number;
  chunkSize: number;
  latency?: { min: number; max: number };
  errorRate?: number;
  eventFault?: Record<string, EventFault>;
  rateLimit?: { limit: number; windowMs: number };
  corsOrigin?: string;
  control?: boolean;
  logLevel: LogLevel | 'silent';
  maxPayloadDepth: number;
  maxBodyBytes: number;
  maxSocketMessageBytes: number;
  json?: boolean;
  cluster?: number;
  redis?: string;
  maxMessages?: number;
  maxStoredMessages?: number;
  maxChannels?: number;
  maxMemories?: number;
  maxRuns?: number;
  maxLogs?: number;
  maxSocketPackets?: number;
  maxSocketBytes?: number;
}

/** Resolves when the process gets SIGINT or SIGTERM (or when `stop` is called, in tests). */
export function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const done = (signal: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(signal);
    };
    const onInt = () => done('SIGINT');
    const onTerm = () => done('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
  });
}

async function listen(mock: MockServer, flags: MockFlags): Promise<string> {
  try {
    return await mock.listen(flags.port, flags.host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`port ${flags.port} on ${flags.host} is in use`, 'pick another with --port <n>, or --port 0 for a free one');
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UsageError(`cannot listen on host ${flags.host}`, 'use --host 127.0.0.1 (the default) or an address of this machine');
    throw error;
  }
}

/** The mock's options from the flags (one process or each worker of a cluster). */
function mockOptions(flags: MockFlags) {
  return {
    profile: flags.profile,
    seed: flags.seed,
    agents: flags.agents,
    authToken: flags.authToken,
    socketApiKey: flags.socketApiKey,
    agent: flags.agent,
    thinkMs: flags.thinkMs,
    chunkSize: flags.chunkSize,
    maxPayloadDepth: flags.maxPayloadDepth,
    maxBodyBytes: flags.maxBodyBytes,
    maxSocketMessageBytes: flags.maxSocketMessageBytes,
    rateLimit: flags.rateLimit,
    corsOrigin: flags.corsOrigin,
    control: flags.control,
    logLevel: flags.logLevel,
    faults: { latency: flags.latency, errorRate: flags.errorRate, events: flags.eventFault },
    retention: { messagesPerChannel: flags.maxMessages, messages: flags.maxStoredMessages, channels: flags.maxChannels, memories: flags.maxMemories, runs: flags.maxRuns, logs: flags.maxLogs },
    socketBuffer: { maxPackets: flags.maxSocketPackets, maxBytes: flags.maxSocketBytes },
  };
}

/** `--redis <url>`: rooms, broadcasts and state shared with every mock on that Redis; unreachable is exit 2. */
async function joinRedis(mock: MockServer, url: string): Promise<RedisLink> {
  try {
    return await withRedis(mock, url);
  } catch (error) {
    if (error instanceof RedisUnreachableError) throw new UsageError(error.message, error.hint);
    throw error;
  }
}

async function runMock(flags: MockFlags, io: CliIo, stop: () => Promise<string>): Promise<void> {
  // Listen for signals before READY: a supervisor may stop the mock the moment it sees that line.
  const stopped = stop();
  const unguard = guardProcess(io, 'eliza-wire mock');
  const mock = createMockServer(mockOptions(flags));
  const redis = flags.redis === undefined ? undefined : await joinRedis(mock, flags.redis);
  const url = await listen(mock, flags).catch(async (error: unknown) => {
    await redis?.close();
    throw error;
  });
  const profile = mock.context.profile;
  io.stdout(flags.json ? `${JSON.stringify({ event: 'ready', url, profile })}\n` : `READY ${url}\n`);
  const signal = await stopped;
  const started = Date.now();
  await Promise.race([mock.close(), new Promise((r) => setTimeout(r, 1500).unref())]);
  await redis?.close();
  if (flags.logLevel === 'debug' || flags.logLevel === 'trace') io.stderr(`closed in ${Date.now() - started} ms; still open: ${process.getActiveResourcesInfo().join(', ')}\n`);
  io.stdout(flags.json ? `${JSON.stringify({ event: 'closed', signal })}\n` : `closed (${signal})\n`);
  unguard();
}

export function mockCommand(io: CliIo, stop: () => Promise<string> = untilSignal, outcome: CheckOutcome = { exitCode: 0 }): Command {
  return new Command('mock')
    .description('Run the stateful mock server: every REST operation and socket event of the spec, an echo agent')
    .option('--port <n>', 'port (0 picks a free one)', intFlag('--port', 0, 65535), 3000)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .addOption(new Option('--profile <profile>', 'protocol profile (default elizaos-1.7)').choices(PROFILES))
    .option('--seed <n>', 'seed of generated agents, ids and fault randomness', intFlag('--seed', 0), 1)
    .option('--agents <n>', 'agents generated besides the default one', intFlag('--agents', 0, 1000), 0)
    .option('--auth-token <token>', 'REST API key (X-API-KEY); unset: REST is open')
    .option('--socket-api-key <key>', 'socket API key (auth.apiKey or x-api-key at handshake)')
    .addOption(new Option('--agent <behaviour>', 'how the agent answers').choices(['echo', 'silent']).default('echo'))
    .option('--think-ms <n>', 'agent delay before streaming, in ms', intFlag('--think-ms', 0, 600_000), 20)
    .option('--chunk-size <n>', 'characters per stream chunk', intFlag('--chunk-size', 1, 100_000), 8)
    .option('--max-payload-depth <n>', 'deepest nesting of objects and arrays in a REST body or socket event; deeper is refused (400, messageError) and not stored', intFlag('--max-payload-depth', 1, 100_000), DEFAULT_LIMITS.maxPayloadDepth)
    .option('--max-body-bytes <n>', 'largest REST JSON body, in bytes (1.7.2: 2 MiB); larger answers 413 (documented) or 500 E5 (elizaos-1.7)', intFlag('--max-body-bytes', 1), DEFAULT_LIMITS.maxBodyBytes)
    .option('--max-socket-message-bytes <n>', 'largest Socket.IO packet, in bytes (1.7.2: 1e6); a larger one closes that connection only', intFlag('--max-socket-message-bytes', 1), DEFAULT_LIMITS.maxSocketMessageBytes)
    .option('--latency <ms|min-max>', 'REST latency, fixed or a jitter range', parseLatency)
    .option('--error-rate <p>', 'probability that a REST request answers 500', probabilityFlag('--error-rate'))
    .option('--event-fault <spec>', 'socket event fault, repeatable: <event>:delay=<ms>,drop=<p>,duplicate=<p>', parseEventFault)
    .option('--rate-limit <n/window>', 'REST requests per window per IP, e.g. 100/1m (off by default)', parseRateLimit)
    .option('--cors-origin <origin>', 'allowed CORS origin (default: reflect the request origin)')
    .option('--control', 'mount the /__mock control routes (faults, disconnect, reset, clearing diagnostics); GET /__mock/diagnostics is open without it')
    .addOption(new Option('--log-level <level>', 'log level').choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'))
    .option('--json', 'print machine-readable lines ({"event":"ready","url":…})')
    .option('--cluster <n>', 'serve from n worker processes behind the one port (node:cluster; state and rooms shared; a dead worker stops all, exit 1)', clusterFlag)
    .option('--redis <url>', 'share rooms, broadcasts and state with every mock on this Redis (e.g. redis://127.0.0.1:6379); polling clients need sticky sessions, see docs/scaling.md')
    .option('--max-messages <n>', 'messages kept per channel, the oldest dropped first (0: no bound)', intFlag('--max-messages', 0), 10_000)
    .option('--max-stored-messages <n>', 'messages kept across all channels (0: no bound)', intFlag('--max-stored-messages', 0), 50_000)
    .option('--max-channels <n>', 'channels kept; a dropped channel takes its messages (0: no bound)', intFlag('--max-channels', 0), 10_000)
    .option('--max-memories <n>', 'agent memories kept (0: no bound)', intFlag('--max-memories', 0), 50_000)
    .option('--max-runs <n>', 'agent runs kept (0: no bound)', intFlag('--max-runs', 0), 10_000)
    .option('--max-logs <n>', 'agent log entries kept (0: no bound)', intFlag('--max-logs', 0), 10_000)
    .option('--max-socket-packets <n>', 'packets queued for a socket that stops reading before the mock drops it (0: no bound)', intFlag('--max-socket-packets', 0), 10_000)
    .option('--max-socket-bytes <n>', 'bytes queued for a socket that stops reading before the mock drops it (0: no bound)', intFlag('--max-socket-bytes', 0), 16 * 1024 * 1024)
    .addHelpText('after', '\nPrints READY <url> once listening; SIGINT or SIGTERM closes every socket and frees the port.\n\nExamples:\n  eliza-wire mock --port 0 --profile documented\n  eliza-wire mock --latency 50-150 --event-fault messageBroadcast:drop=0.1 --control\n  eliza-wire mock --cluster 4 --port 3000\n  eliza-wire mock --port 3001 --redis redis://127.0.0.1:6379\n')
    .action((flags: MockFlags) => (flags.cluster && flags.redis ? Promise.reject(new UsageError('--redis and --cluster cannot be combined', 'run one --redis mock per process (or per machine) instead')) : flags.cluster ? runCluster({ ...mockOptions(flags), workers: flags.cluster, port: flags.port, host: flags.host }, flags.json === true, io, stop, outcome) : runMock(flags, io, stop)));
}
