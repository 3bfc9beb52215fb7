import { PROTOCOL_VERSION } from '../../../spec/index.js';
import { profileInfo } from '../../../spec/profiles.js';
import { LOG_LEVELS, type LogEntry, type LogLevel } from '../../logger.js';
import { messageServer } from '../../state/wire.js';
import type { HandlerMap } from '../handlers.js';
import { fail, ok, type Handler, type RequestContext } from '../result.js';
import { bodyOf, queryString } from './helpers.js';

const iso = (req: RequestContext) => new Date(req.mock.clock.now()).toISOString();

const LEVEL_NAMES = Object.keys(LOG_LEVELS) as LogLevel[];
const isLevel = (value: string): value is LogLevel => (LEVEL_NAMES as string[]).includes(value);

const health: Handler = (req) => {
  const running = req.mock.state.runningAgents().length > 0;
  // 1.7.2 keeps `status: "OK"` on the 503 (unlike GET /health at the root).
  const body = { status: 'OK', version: PROTOCOL_VERSION, timestamp: iso(req), dependencies: { agents: running ? 'healthy' : 'no_agents' } };
  return ok(body, { status: running ? 200 : 503 });
};

const stop: Handler = (req) => {
  req.mock.logger.log('warn', 'POST /api/server/stop: the mock answers as 1.7.2 does but keeps running');
  return ok({ message: 'Server stopping...' });
};

/** `?limit=` as 1.7.2 reads it: `Number(x) || 100`, at most 1000. */
function logLimit(req: RequestContext): number {
  const n = Math.floor(Number(queryString(req, 'limit')));
  return Math.min(Number.isFinite(n) && n > 0 ? n : 100, 1000);
}

/** `?level=` as 1.7.2 reads it: `all` (or absent, or empty) keeps every level; a name it does not know means info. */
function levelValue(requested: string): number | undefined {
  if (requested === 'all') return undefined;
  return isLevel(requested) ? LOG_LEVELS[requested] : LOG_LEVELS.info;
}

type Tagged = LogEntry & { agentName?: string; agentId?: string };

/**
 * 1.7.2's rule for `?agentName=` and `?agentId=`: an entry that carries the field must equal the value; one without
 * it still matches while fewer than 10% of the entries carry the field (its "sparse data" rule). 1.7.2's entries are
 * parsed from text lines and never carry either, so naming an agent keeps them all; the mock's neither.
 */
function agentFilter(entries: readonly Tagged[], field: 'agentName' | 'agentId', requested: string): (e: Tagged) => boolean {
  if (requested === 'all') return () => true;
  const sparse = entries.length === 0 || entries.filter((e) => e[field]).length / entries.length < 0.1;
  return (e) => (e[field] ? e[field] === requested : sparse);
}

/**
 * GET and POST /api/server/logs: entries since `since` (default: the last hour), of exactly `level` unless it is
 * `all`, the newest `limit` of them, oldest first. As 1.7.2's createLoggingRouter (`@elizaos/server`
 * dist/index.js, src/api/runtime/logging.ts): an unknown level falls back to info, and the agent filters follow
 * its sparse-data rule, so the web UI's Logs tab (`?level=&agentName=<agent>`) lists the entries.
 */
const logs: Handler = (req) => {
  const now = req.mock.clock.now();
  const sinceText = queryString(req, 'since');
  const since = sinceText && Number.isFinite(Number(sinceText)) ? Number(sinceText) : now - 3_600_000;
  const requestedLevel = (queryString(req, 'level') || 'all').toLowerCase();
  const agentName = queryString(req, 'agentName') || 'all';
  const agentId = queryString(req, 'agentId') || 'all';
  const level = levelValue(requestedLevel);
  const all: readonly Tagged[] = req.mock.logger.history();
  const byName = agentFilter(all, 'agentName', agentName);
  const byId = agentFilter(all, 'agentId', agentId);
  const matching = all.filter((e) => e.time >= since && (level === undefined || e.level === level) && byName(e) && byId(e));
  const picked = matching.slice(-logLimit(req)).map((e) => ({ time: e.time, level: e.level, msg: e.msg }));
  return ok({ logs: picked, count: picked.length, total: all.length, requestedLevel, agentName, agentId, levels: LEVEL_NAMES });
};

const logsClear: Handler = (req) => {
  req.mock.logger.clear();
  return ok({ status: 'success', message: 'Logs cleared successfully' });
};

const debugServers: Handler = (req) => {
  const servers = [...req.mock.state.servers.values()].map(messageServer);
  return ok({ servers, count: servers.length }, { real: { success: true, servers, count: servers.length } });
};

/** A release profile answers its release's version (a client sees which server it has); documented the protocol's. */
const version: Handler = (req) =>
  ok({
    version: profileInfo(req.mock.profile).release ?? PROTOCOL_VERSION,
    source: 'server',
    timestamp: iso(req),
    environment: 'development',
    uptime: Math.max(0, (req.mock.clock.now() - req.mock.state.startedAt) / 1000),
  });

const isStringRecord = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');

/** 1.7.2 rewrites its .env file; the mock checks the body, writes nothing and logs what it skipped. */
const envUpdate: Handler = (req) => {
  const content = bodyOf(req).content;
  if (!isStringRecord(content)) return fail('VALIDATION_ERROR', 'Missing or invalid "content" in request body');
  req.mock.logger.log('info', `POST /api/system/env/local: ${Object.keys(content).length} keys accepted, nothing written (mock)`);
  const message = 'Local env updated';
  return ok({ message }, { real: { success: true, message } });
};

export const serverHandlers = {
  'server.ping': (req) => ok({ pong: true, timestamp: req.mock.clock.now() }),
  'server.hello': () => ok({ message: 'Hello World!' }),
  'server.status': (req) => ok({ status: 'ok', agentCount: req.mock.state.runningAgents().length, timestamp: iso(req) }),
  'server.health': health,
  'server.stop': stop,
  'server.logs.list': logs,
  'server.logs.query': logs,
  'server.logs.clear': logsClear,
  'server.debug.servers': debugServers,
  'system.version': version,
  'system.config': () => ok({ requiresAuth: false }),
  // The mock never exposes the host's environment.
  'system.env.get': () => ok({}),
  'system.env.update': envUpdate,
} satisfies Partial<HandlerMap>;
