/** Options of {@link startReference}. */
export interface ReferenceOptions {
  /** The @elizaos/server release: '1.7.2' (default), '1.6.5', '1.5.8' or '1.7.3-alpha.4' (see releases.mjs). */
  release?: string;
  /** Port to ask for; 0 or absent: a free one. Read `port` on the result: 1.7.2 takes the next one if busy. */
  port?: number;
  /** Data dir to use and keep. Absent: a fresh temporary one, removed by `stop()`. */
  dataDir?: string;
  /** REST key (`ELIZA_SERVER_AUTH_TOKEN`). */
  authToken?: string;
  /** Socket handshake key (`SERVER_API_KEY`). */
  socketApiKey?: string;
  /** `LOG_LEVEL`, read once when the server module is first imported. */
  logLevel?: string;
  /** Give each request a synthetic client address so the 1000 / 15 min limit is never reached. Default true. */
  spreadClientAddresses?: boolean;
  /** chdir into the data dir (1.7.2 reads and writes `.env` in the working directory). Process-wide. */
  isolateCwd?: boolean;
  /** How long to wait for the message-bus subscription (default 30 000 ms). */
  readyTimeoutMs?: number;
}

export interface ReferenceServer {
  url: string;
  port: number;
  release: string;
  pid: number;
  agentId: string;
  agentName: string;
  dataDir: string;
  startupMs: number;
  /** The `AgentServer` instance, for probes that need the inside. */
  server: unknown;
  /** Stops the agent, closes the port and the database, removes the temporary data dir. Idempotent. */
  stop: () => Promise<void>;
}

export const DEFAULT_MESSAGE_SERVER_ID: '00000000-0000-0000-0000-000000000000';
export function startReference(options?: ReferenceOptions): Promise<ReferenceServer>;
