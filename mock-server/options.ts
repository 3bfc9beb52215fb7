import { DEFAULT_PROFILE, isProfile, type Profile } from '../spec/index.js';
import { AGENT_BEHAVIOURS, type AgentBehaviour } from './agent/behaviour.js';
import type { Clock } from './clock.js';
import { configError } from './errors.js';
import type { FaultConfig } from './faults.js';
import { DEFAULT_LIMITS } from './limits.js';
import type { LogLevel, Logger } from './logger.js';
import type { SocketBufferLimits } from './socket/slow-consumers.js';
import { DEFAULT_RETENTION, type Retention } from './state/retention.js';
import type { MockState, StateOptions } from './state/state.js';

/** Options of `createMockServer`. Every one has a default; components (clock, logger, agent) can be handed in. */
export interface MockServerOptions {
  /** `documented` or `elizaos-1.7` (default). */
  profile?: Profile;
  /** Seeds generated agents, ids and fault randomness. Default 1. */
  seed?: number;
  /** Agents generated besides the default one. Default 0. */
  agents?: number;
  /** The REST API key (`X-API-KEY`); unset: REST is open. */
  authToken?: string;
  /** The socket API key (`auth.apiKey` or `x-api-key` at handshake). elizaos-1.7 keeps it apart from the REST key. */
  socketApiKey?: string;
  /** `echo` (default), `silent`, or a behaviour of your own. */
  agent?: 'echo' | 'silent' | AgentBehaviour;
  /** How long the agent "thinks" before it streams, in ms. Default 20. */
  thinkMs?: number;
  /** Characters per stream chunk. Default 8. */
  chunkSize?: number;
  /** REST requests per window and IP; unset: no limit. */
  rateLimit?: { limit: number; windowMs: number };
  /** Allowed CORS origin(s); default: reflect the request origin (as 1.7.2 does). */
  corsOrigin?: string | string[];
  /** Mount the `/__mock/*` control routes. Default false. */
  control?: boolean;
  /** Faults from the start (latency, error rate, socket event delay/drop/duplicate). */
  faults?: FaultConfig;
  /** Largest upload, in bytes. Default 50 MiB. */
  maxUploadBytes?: number;
  /** Total bytes of uploads kept in memory. Default 200 MiB. */
  maxMediaBytes?: number;
  /**
   * Deepest nesting of objects and arrays accepted in a REST body or a socket event's arguments. Deeper input is
   * refused before any handler sees it (REST: 400; socket: `messageError`) and nothing of it is stored. Default 64.
   */
  maxPayloadDepth?: number;
  /** Largest JSON body of a REST request, in bytes; larger: 413 (documented), 500 E5 (elizaos-1.7). Default 2 MiB, as 1.7.2. */
  maxBodyBytes?: number;
  /** Largest Socket.IO packet, in bytes; a larger one closes that client's connection only. Default 1e6, as 1.7.2. */
  maxSocketMessageBytes?: number;
  /** Check every response against the spec and report violations on `events` (tests). Default false. */
  validateResponses?: boolean;
  /**
   * How much state is kept: messages per channel and in all, channels, memories, runs, logs; past a bound the
   * oldest go first; 0 = no bound. Defaults: `DEFAULT_RETENTION` (10,000 messages per channel, 50,000 in all).
   */
  retention?: Partial<Retention>;
  /**
   * A socket whose client stops reading is dropped (with a `slow-consumer` diagnostic) once this much waits for it.
   * Defaults: 10,000 packets or 16 MiB.
   */
  socketBuffer?: Partial<SocketBufferLimits>;
  logLevel?: LogLevel | 'silent';
  clock?: Clock;
  logger?: Logger;
  /**
   * The store: builds the seeded state, at start and on every `reset()`. Default `createState` (the default agent,
   * `agents` generated ones, the default message server); hand in your own to start from a prepared world.
   */
  store?: (seeded: StateOptions) => MockState;
}

export interface ResolvedOptions {
  profile: Profile;
  seed: number;
  agents: number;
  authToken?: string;
  socketApiKey?: string;
  agent: AgentBehaviour;
  thinkMs: number;
  chunkSize: number;
  rateLimit?: { limit: number; windowMs: number };
  corsOrigin?: string | string[];
  control: boolean;
  faults: FaultConfig;
  maxUploadBytes: number;
  maxMediaBytes: number;
  maxPayloadDepth: number;
  maxBodyBytes: number;
  maxSocketMessageBytes: number;
  validateResponses: boolean;
  retention: Retention;
  socketBuffer: SocketBufferLimits;
  logLevel: LogLevel | 'silent';
}

function nonNegativeInt(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) throw configError(`${name} must be a whole number >= 0, got ${value}`);
  return value;
}

function positiveInt(name: string, value: number | undefined, fallback: number): number {
  const n = nonNegativeInt(name, value, fallback);
  if (n === 0) throw configError(`${name} must be at least 1 (default ${fallback})`);
  return n;
}

export function resolveOptions(options: MockServerOptions): ResolvedOptions {
  const profile = options.profile ?? DEFAULT_PROFILE;
  if (!isProfile(profile)) throw configError(`profile must be "documented" or "elizaos-1.7", got "${String(profile)}"`);
  const agent = typeof options.agent === 'object' ? options.agent : AGENT_BEHAVIOURS[options.agent ?? 'echo'];
  if (!agent) throw configError(`agent must be "echo", "silent" or an AgentBehaviour, got "${String(options.agent)}"`);
  const chunkSize = nonNegativeInt('chunkSize', options.chunkSize, 8);
  if (chunkSize === 0) throw configError('chunkSize must be at least 1');
  if (options.rateLimit && (options.rateLimit.limit < 1 || options.rateLimit.windowMs < 1)) {
    throw configError('rateLimit needs limit >= 1 and windowMs >= 1, e.g. { limit: 100, windowMs: 60000 }');
  }
  return {
    profile,
    seed: nonNegativeInt('seed', options.seed, 1),
    agents: nonNegativeInt('agents', options.agents, 0),
    authToken: options.authToken || undefined,
    socketApiKey: options.socketApiKey || undefined,
    agent,
    thinkMs: nonNegativeInt('thinkMs', options.thinkMs, 20),
    chunkSize,
    rateLimit: options.rateLimit,
    corsOrigin: options.corsOrigin,
    control: options.control ?? false,
    faults: options.faults ?? {},
    maxUploadBytes: nonNegativeInt('maxUploadBytes', options.maxUploadBytes, 50 * 1024 * 1024),
    maxMediaBytes: nonNegativeInt('maxMediaBytes', options.maxMediaBytes, 200 * 1024 * 1024),
    maxPayloadDepth: positiveInt('maxPayloadDepth', options.maxPayloadDepth, DEFAULT_LIMITS.maxPayloadDepth),
    maxBodyBytes: positiveInt('maxBodyBytes', options.maxBodyBytes, DEFAULT_LIMITS.maxBodyBytes),
    maxSocketMessageBytes: positiveInt('maxSocketMessageBytes', options.maxSocketMessageBytes, DEFAULT_LIMITS.maxSocketMessageBytes),
    validateResponses: options.validateResponses ?? false,
    retention: resolveRetention(options.retention ?? {}),
    socketBuffer: { maxPackets: nonNegativeInt('socketBuffer.maxPackets', options.socketBuffer?.maxPackets, 10_000), maxBytes: nonNegativeInt('socketBuffer.maxBytes', options.socketBuffer?.maxBytes, 16 * 1024 * 1024) },
    logLevel: options.logLevel ?? 'info',
  };
}

function resolveRetention(given: Partial<Retention>): Retention {
  const out = { ...DEFAULT_RETENTION };
  for (const key of Object.keys(DEFAULT_RETENTION) as (keyof Retention)[]) out[key] = nonNegativeInt(`retention.${key}`, given[key], DEFAULT_RETENTION[key]);
  return out;
}
