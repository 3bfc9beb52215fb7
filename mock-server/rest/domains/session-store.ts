import type { AgentRecord, MessageRecord, SessionRecord } from '../../state/records.js';
import type { MockState } from '../../state/state.js';
import { compact } from '../../state/wire.js';
import { fail, type HandlerResult, type RequestContext } from '../result.js';
import { queryString } from './helpers.js';

/** Session timeout settings as stored and sent. */
export type TimeoutSettings = SessionRecord['timeoutConfig'];
type Dict = Record<string, unknown>;

const MINUTE = 60_000;

/** 1.7.2's session limits and defaults (reference §3.3.4). */
export const SESSION_LIMITS = {
  defaultTimeout: 30,
  minTimeout: 5,
  maxTimeout: 1440,
  maxDuration: 720,
  warning: 5,
  maxContent: 4000,
  maxMetadata: 10240,
  defaultPage: 50,
  maxPage: 100,
} as const;

export const iso = (ms: number): string => new Date(ms).toISOString();

/** A plain object, or undefined. */
export function asObject(value: unknown): Dict | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Dict) : undefined;
}

/** A 400 VALIDATION_ERROR; `details` is an object (E4). */
export function validationError(message: string, details?: Dict): HandlerResult {
  return fail('VALIDATION_ERROR', message, { details });
}

/** 404 (1.7.2: SESSION_NOT_FOUND). */
export function sessionNotFound(id: string): HandlerResult {
  return fail('NOT_FOUND', `Session with ID '${id}' not found`);
}

/** The session named by `:sessionId`, or 404; an expired one is dropped and answered with 410 (1.7.2: SESSION_EXPIRED). */
export function liveSession(req: RequestContext): SessionRecord | HandlerResult {
  const id = req.params.sessionId ?? '';
  const session = req.mock.state.sessions.get(id);
  if (!session) return sessionNotFound(id);
  if (session.expiresAt <= req.mock.clock.now()) {
    req.mock.state.sessions.delete(id);
    return fail('GONE', `Session '${id}' expired at ${iso(session.expiresAt)}`);
  }
  return session;
}

/** Metadata problems: not an object, or larger than 10 KiB serialised. */
export function metadataError(metadata: unknown): HandlerResult | undefined {
  if (metadata === undefined || metadata === null) return undefined;
  if (!asObject(metadata)) return validationError('Invalid metadata: Metadata must be an object', { reason: 'Metadata must be an object' });
  if (JSON.stringify(metadata).length <= SESSION_LIMITS.maxMetadata) return undefined;
  const reason = `Metadata exceeds maximum size of ${SESSION_LIMITS.maxMetadata} bytes`;
  return validationError(`Invalid metadata: ${reason}`, { reason, providedMetadata: metadata });
}

function setting(agent: AgentRecord | undefined, key: string): string | undefined {
  const value = agent?.settings[key];
  return value === undefined || value === null || value === '' ? undefined : String(value);
}

function settingInt(agent: AgentRecord | undefined, key: string, fallback: number, min: number, max: number): number {
  const raw = setting(agent, key);
  const n = raw === undefined ? NaN : parseInt(raw, 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

/** The agent's session settings (`SESSION_*` in its settings) over the defaults. */
export function agentTimeoutConfig(agent: AgentRecord | undefined): TimeoutSettings {
  const autoRenew = setting(agent, 'SESSION_AUTO_RENEW');
  const { defaultTimeout, minTimeout, maxTimeout, maxDuration, warning } = SESSION_LIMITS;
  return {
    timeoutMinutes: settingInt(agent, 'SESSION_TIMEOUT_MINUTES', defaultTimeout, minTimeout, maxTimeout),
    autoRenew: autoRenew === undefined ? true : autoRenew === 'true',
    maxDurationMinutes: settingInt(agent, 'SESSION_MAX_DURATION_MINUTES', maxDuration, minTimeout, maxTimeout * 2),
    warningThresholdMinutes: settingInt(agent, 'SESSION_WARNING_THRESHOLD_MINUTES', warning, 1, maxTimeout),
  };
}

const numberOf = (value: unknown): number | undefined => {
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
};

/** A client's timeout settings over `base`: the timeout is clamped to 5..1440, unparsable numbers fall back to the defaults. */
export function mergeTimeoutConfig(input: Dict | undefined, base: TimeoutSettings): TimeoutSettings {
  const out = { ...base };
  if (!input) return out;
  const { defaultTimeout, minTimeout, maxTimeout, maxDuration, warning } = SESSION_LIMITS;
  if (input.timeoutMinutes !== undefined) {
    out.timeoutMinutes = Math.max(minTimeout, Math.min(maxTimeout, numberOf(input.timeoutMinutes) ?? defaultTimeout));
  }
  if (typeof input.autoRenew === 'boolean') out.autoRenew = input.autoRenew;
  if (input.maxDurationMinutes !== undefined) {
    const n = numberOf(input.maxDurationMinutes);
    out.maxDurationMinutes = n === undefined ? maxDuration : Math.max(out.timeoutMinutes, Math.min(maxTimeout * 2, n));
  }
  if (input.warningThresholdMinutes !== undefined) out.warningThresholdMinutes = Math.max(1, numberOf(input.warningThresholdMinutes) ?? warning);
  return out;
}

/** Why a timeout update is refused, if it is: wrong types, or a timeout outside 5..1440 minutes. */
export function timeoutConfigProblem(input: Dict | undefined): string | undefined {
  const numeric = (v: unknown) => v === undefined || typeof v === 'number' || typeof v === 'string';
  const valid = input && numeric(input.timeoutMinutes) && numeric(input.maxDurationMinutes) && numeric(input.warningThresholdMinutes)
    && (input.autoRenew === undefined || typeof input.autoRenew === 'boolean');
  if (!input || !valid) return 'Invalid timeout configuration format';
  const timeout = input.timeoutMinutes === undefined ? undefined : numberOf(input.timeoutMinutes);
  if (timeout !== undefined && (timeout < SESSION_LIMITS.minTimeout || timeout > SESSION_LIMITS.maxTimeout)) {
    return `Timeout must be between ${SESSION_LIMITS.minTimeout} and ${SESSION_LIMITS.maxTimeout} minutes`;
  }
  return undefined;
}

export type Transport = 'http' | 'sse' | 'websocket';

const TRANSPORTS = new Map<string, Transport>([['http', 'http'], ['sse', 'sse'], ['websocket', 'websocket'], ['sync', 'http'], ['stream', 'sse']]);

/** `transport` (or the legacy `mode`): websocket by default; 1.7.2's messages for anything else. */
export function transportOf(value: unknown): Transport | { error: string } {
  if (value === undefined || value === null) return 'websocket';
  if (typeof value !== 'string') return { error: `Invalid transport type "${typeof value}". Transport must be a string.` };
  return TRANSPORTS.get(value) ?? { error: `Invalid transport "${value}". Must be one of: http, sse, websocket, sync, stream` };
}

export function contentProblem(content: string): string | undefined {
  if (content.length === 0) return 'Content cannot be empty';
  if (content.length > SESSION_LIMITS.maxContent) return `Content exceeds maximum length of ${SESSION_LIMITS.maxContent} characters`;
  return undefined;
}

/** Activity on a message: renewed when autoRenew (until the maximum duration), otherwise only lastActivity moves. */
export function touch(s: SessionRecord, now: number): boolean {
  const renewed = renew(s, now);
  if (!s.timeoutConfig.autoRenew) s.lastActivity = now;
  return renewed;
}

type Timed = Pick<SessionRecord, 'createdAt' | 'lastActivity' | 'timeoutConfig'>;

/** When a session expires: the timeout after the last activity (autoRenew) or creation, capped by the maximum duration. */
export function expiryOf(s: Timed, now: number): number {
  const timeoutMs = s.timeoutConfig.timeoutMinutes * MINUTE;
  const maxMs = s.timeoutConfig.maxDurationMinutes * MINUTE;
  if (now - s.createdAt + timeoutMs > maxMs) return s.createdAt + maxMs;
  return (s.timeoutConfig.autoRenew ? s.lastActivity : s.createdAt) + timeoutMs;
}

/** Renews a session (autoRenew, or `manual`) unless its maximum duration is reached. */
export function renew(s: SessionRecord, now: number, manual = false): boolean {
  if (!s.timeoutConfig.autoRenew && !manual) return false;
  if (now - s.createdAt >= s.timeoutConfig.maxDurationMinutes * MINUTE) return false;
  s.lastActivity = now;
  s.renewalCount += 1;
  // A manual renewal counts from now even without autoRenew (1.7.2 switches autoRenew on for the computation).
  s.expiresAt = expiryOf({ ...s, timeoutConfig: { ...s.timeoutConfig, autoRenew: true } }, now);
  return true;
}

export function nearExpiration(s: SessionRecord, now: number): boolean {
  const remaining = s.expiresAt - now;
  return remaining > 0 && remaining <= s.timeoutConfig.warningThresholdMinutes * MINUTE;
}

/** SessionInfo (reference §4). */
export function sessionInfo(s: SessionRecord, now: number) {
  return {
    sessionId: s.sessionId,
    channelId: s.channelId,
    agentId: s.agentId,
    userId: s.userId,
    createdAt: iso(s.createdAt),
    lastActivity: iso(s.lastActivity),
    metadata: s.metadata,
    expiresAt: iso(s.expiresAt),
    timeoutConfig: s.timeoutConfig,
    renewalCount: s.renewalCount,
    timeRemaining: Math.max(0, s.expiresAt - now),
    isNearExpiration: nearExpiration(s, now),
  };
}

/** A pagination cursor (`before`/`after`, ms), absent, or the 400 1.7.2 answers. */
export function cursorOf(req: RequestContext, name: 'before' | 'after'): number | undefined | HandlerResult {
  const raw = queryString(req, name);
  if (!raw) return undefined;
  const n = parseInt(raw, 10);
  const reason = !Number.isFinite(n) ? 'Must be a valid timestamp' : Number.isNaN(new Date(n).getTime()) ? 'Invalid date from timestamp' : undefined;
  if (!reason) return n;
  return validationError(`Invalid pagination parameter '${name}': ${reason}`, { parameter: name, value: raw, reason });
}

/** The page size: 1..100, 50 when absent or unparsable. */
export function pageSize(req: RequestContext): number {
  const n = parseInt(queryString(req, 'limit') ?? '', 10);
  return Number.isFinite(n) ? Math.min(SESSION_LIMITS.maxPage, Math.max(1, n)) : SESSION_LIMITS.defaultPage;
}

/** A channel's messages, newest first (later writes first among equal timestamps). */
function newestFirst(state: MockState, channelId: string): MessageRecord[] {
  return [...state.messages.values()].filter((m) => m.channelId === channelId).reverse().sort((a, b) => b.createdAt - a.createdAt);
}

/** One page as 1.7.2 computes it: before (older than), after (newer than, the oldest N of them), or both (between). */
export function messagePage(state: MockState, channelId: string, limit: number, before?: number, after?: number): MessageRecord[] {
  const all = newestFirst(state, channelId);
  if (before !== undefined && after !== undefined) {
    return all.filter((m) => m.createdAt < before).slice(0, Math.min(500, limit * 10)).filter((m) => m.createdAt > after).slice(0, limit);
  }
  if (after !== undefined) {
    const newer = all.slice(0, Math.min(1000, limit * 20)).filter((m) => m.createdAt > after);
    return newer.length > limit ? newer.slice(-limit) : newer;
  }
  return all.filter((m) => before === undefined || m.createdAt < before).slice(0, limit);
}

/** A message as the session messages list returns it. */
export function sessionMessage(m: MessageRecord) {
  const raw = asObject(m.rawMessage) ?? {};
  return {
    id: m.id,
    content: m.content,
    authorId: m.authorId,
    isAgent: m.sourceType === 'agent_response',
    createdAt: iso(m.createdAt),
    metadata: compact({ ...m.metadata, thought: raw.thought, actions: raw.actions }),
  };
}
