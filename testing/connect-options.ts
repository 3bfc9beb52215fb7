import { randomUUID } from 'node:crypto';
import { DEFAULT_PROFILE, isProfile, type Profile } from '../spec/index.js';
import { TEST_CLIENT_ERROR_CODES, TestClientError } from './errors.js';

/** Options of `connect()`. Only `url` is required. */
export interface ConnectOptions {
  /** The server's base URL, e.g. `http://127.0.0.1:3000` (the socket path is `/socket.io/`). */
  url: string;
  /** `auth.entityId` of the handshake and `senderId` of messages. Default: a random UUID. */
  entityId?: string;
  /** The socket API key (`auth.apiKey`), when the server has one. */
  apiKey?: string;
  /** `websocket` (default) or `polling`; the client never upgrades, so a test knows what it exercised. */
  transport?: 'websocket' | 'polling';
  /** Which payloads `join`/`send` build: `elizaos-1.7` (default) always sends `messageServerId`. */
  profile?: Profile;
  /** The message server `join`/`send` name. Default: elizaos-1.7 the nil UUID (the mock's), documented none. */
  messageServerId?: string;
  /** How long `connect` waits for the handshake, in ms. Default 5000. */
  connectTimeout?: number;
  /** Default timeout of `waitFor` and `join`, in ms. Default 2000: below the 5 s test timeout of jest and vitest, so a
   * failed wait reports what arrived instead of the framework reporting a bare timeout. */
  timeout?: number;
}

export interface ResolvedConnect {
  url: string;
  entityId: string;
  apiKey?: string;
  transport: 'websocket' | 'polling';
  profile: Profile;
  messageServerId?: string;
  connectTimeout: number;
  timeout: number;
}

function badOptions(message: string): TestClientError {
  return new TestClientError(TEST_CLIENT_ERROR_CODES.badOptions, `connect(): ${message}`);
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw badOptions(`${name} must be a number of ms > 0, got ${value}`);
  return value;
}

function checkUrl(url: unknown): string {
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    throw badOptions(`url must be an absolute URL such as http://127.0.0.1:3000, got ${JSON.stringify(url)}`);
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(parsed.protocol)) {
    throw badOptions(`url must start with http://, https://, ws:// or wss://, got ${JSON.stringify(url)}`);
  }
  return String(url).replace(/\/+$/, '');
}

/** Checks the options and fills in the defaults; a wrong option throws a BAD_OPTIONS error that names it. */
export function resolveConnect(options: ConnectOptions): ResolvedConnect {
  const profile = options.profile ?? DEFAULT_PROFILE;
  if (!isProfile(profile)) throw badOptions(`profile must be "documented" or "elizaos-1.7", got ${JSON.stringify(profile)}`);
  const transport = options.transport ?? 'websocket';
  if (transport !== 'websocket' && transport !== 'polling') throw badOptions(`transport must be "websocket" or "polling", got ${JSON.stringify(transport)}`);
  return {
    url: checkUrl(options.url),
    entityId: options.entityId ?? randomUUID(),
    apiKey: options.apiKey || undefined,
    transport,
    profile,
    messageServerId: options.messageServerId,
    connectTimeout: positive('connectTimeout', options.connectTimeout, 5000),
    timeout: positive('timeout', options.timeout, 2000),
  };
}
