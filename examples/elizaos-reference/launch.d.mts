import type { Writable } from 'node:stream';

/** Options of {@link launchReference}. */
export interface LaunchOptions {
  /** The @elizaos/server release: '1.7.2' (default), '1.6.5', '1.5.8' or '1.7.3-alpha.4' (see releases.mjs). */
  release?: string;
  /** Port to ask for; 0 or absent: a free one. The server moves to the next port if it is busy; `url` says which. */
  port?: number;
  /** REST key (`ELIZA_SERVER_AUTH_TOKEN`, header `X-API-KEY`). Absent: REST is open. */
  authToken?: string;
  /** Socket handshake key (`SERVER_API_KEY`, `auth.apiKey`). Absent: sockets need only `auth.entityId`. */
  socketApiKey?: string;
  /** The server's `LOG_LEVEL` (default info; the log-stream checks need log lines to flow). */
  logLevel?: string;
  /** false: keep the real client address, so 1.7.2's 1000 requests / 15 min limit applies. Default true. */
  spreadClientAddresses?: boolean;
  /** How long to wait for READY (default 60 000 ms). */
  timeoutMs?: number;
  /** How long `stop()` waits after SIGTERM before SIGKILL (default 8000 ms). */
  graceMs?: number;
  /** Extra environment for the child. */
  env?: Record<string, string>;
  /** Where to copy the child's stderr (its logs) as they come, e.g. `process.stderr`. */
  stderr?: Writable;
}

/** A reference server running as a child process. */
export interface LaunchedReference {
  /** `http://127.0.0.1:<port>`, the port read back from the server. */
  url: string;
  port: number;
  /** The release that runs, e.g. '1.7.2'. */
  release: string;
  pid: number;
  /** The WireEcho agent's id, the same on every run. */
  agentId: string;
  agentName: string;
  /** From the start of `startReference()` in the child to ready (import, database, port, agent, message bus). */
  startupMs: number;
  /** The child's resident set size at READY, in MiB. */
  rssMB: number;
  /** The last lines of the child's stderr (its logs). */
  stderrTail: () => string;
  /** SIGTERM, then SIGKILL after the grace period. */
  stop: () => Promise<'terminated' | 'killed' | 'not-running'>;
}

/** Starts the real @elizaos/server (1.7.2 or `options.release`) with the echo agent as a child process; resolves once it answers. */
export function launchReference(options?: LaunchOptions): Promise<LaunchedReference>;
