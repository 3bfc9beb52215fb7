import type { Logger } from './logger.js';
import type { MockEventBus } from './events.js';

/**
 * A client mistake the mock noticed (the seeds' "common mistakes", and what 1.7.2 answers with an error or silence),
 * with what to do instead. A side channel: it never changes what goes over the wire.
 */
export interface Diagnostic {
  code: string;
  message: string;
  socketId?: string;
  /** When it was first seen. */
  time: number;
  /** How many reports this entry stands for: itself and the ones like it folded into it (same code, same window). */
  count: number;
  /** When the last report folded into it arrived. */
  lastTime: number;
  /** Structured detail, e.g. the `invalid` fields of a send, each `{ field, value, rule }`. */
  details?: Record<string, unknown>;
}

export const DIAGNOSTIC_CODES = {
  notJoined: 'send-without-join',
  serverId: 'serverId-instead-of-messageServerId',
  roomIdOnly: 'roomId-without-channelId',
  missingFields: 'send-missing-fields',
  invalidFields: 'send-invalid-fields',
  joinInvalid: 'join-invalid-channel',
  notUuid: 'id-not-uuid',
  handshakeEntityId: 'handshake-entity-id',
  handshakeApiKey: 'handshake-api-key',
  agentNotParticipant: 'agent-not-participant',
  agentNotRunning: 'agent-not-running',
  wrongEventName: 'wrong-event-name',
  unknownType: 'unknown-message-type',
  malformedEnvelope: 'malformed-envelope',
  olderReleaseRoute: 'older-release-route',
} as const;

export interface DiagnosticsOptions {
  /** How many entries the list keeps (the oldest go first). Default 500. */
  keep?: number;
  /** The rate-limit window per code, in ms: repeats inside it are counted, not printed. Default 10 000. */
  windowMs?: number;
  /** Distinct messages of one code printed per window; further ones fold into the last. Default 5. */
  burst?: number;
}

/** One code's current window: what it printed, and how many reports it folded. */
interface Window {
  start: number;
  listed: Map<string, Diagnostic>;
  last: Diagnostic;
  folded: number;
  timer?: ReturnType<typeof setTimeout>;
}

const line = (d: Pick<Diagnostic, 'code' | 'message' | 'socketId'>) =>
  `client mistake [${d.code}]${d.socketId ? ` socket ${d.socketId}` : ''}: ${d.message}`;

/**
 * Collects diagnostics and prints each as one warning line, rate-limited per code: in each window (10 s) the first
 * few distinct messages of a code are printed and listed; repeats fold into their entry's `count`, and when the
 * window ends one line says how many: "… 49,999 more like this in the last 10 s". The list is bounded.
 */
export class Diagnostics {
  private list: Diagnostic[] = [];
  private readonly windows = new Map<string, Window>();
  private reports = 0;
  private readonly keep: number;
  private readonly windowMs: number;
  private readonly burst: number;

  constructor(
    private readonly logger: Logger,
    private readonly bus: MockEventBus,
    private readonly now: () => number,
    options: DiagnosticsOptions = {},
  ) {
    this.keep = options.keep ?? 500;
    this.windowMs = options.windowMs ?? 10_000;
    this.burst = options.burst ?? 5;
  }

  report(code: string, message: string, socketId?: string, details?: Record<string, unknown>): void {
    this.reports += 1;
    const now = this.now();
    const window = this.windowOf(code, now);
    const into = window?.listed.get(message) ?? (window && window.listed.size >= this.burst ? window.last : undefined);
    if (window && into) return this.fold(code, window, into, now);
    const d: Diagnostic = { code, message, ...(socketId ? { socketId } : {}), time: now, count: 1, lastTime: now, ...(details ? { details } : {}) };
    if (window) {
      window.listed.set(message, d);
      window.last = d;
    } else {
      this.windows.set(code, { start: now, listed: new Map([[message, d]]), last: d, folded: 0 });
    }
    this.list.push(d);
    if (this.list.length > this.keep) this.list.shift();
    this.print(d);
  }

  /** The listed diagnostics, oldest first (at most `keep`). */
  all(): readonly Diagnostic[] {
    return this.list;
  }

  /** Every report since the start or the last `clear()`, folded and dropped ones included. */
  total(): number {
    return this.reports;
  }

  clear(): void {
    for (const window of this.windows.values()) clearTimeout(window.timer);
    this.windows.clear();
    this.list = [];
    this.reports = 0;
  }

  /** The open window of a code; one that has run out is closed (its count printed) and none is returned. */
  private windowOf(code: string, now: number): Window | undefined {
    const window = this.windows.get(code);
    if (window && now - window.start >= this.windowMs) this.close(code, window);
    return this.windows.get(code);
  }

  private fold(code: string, window: Window, into: Diagnostic, now: number): void {
    into.count += 1;
    into.lastTime = now;
    window.folded += 1;
    if (window.timer) return;
    const left = Math.max(0, window.start + this.windowMs - now);
    window.timer = setTimeout(() => this.windows.get(code) === window && this.close(code, window), left);
    (window.timer as { unref?: () => void }).unref?.();
  }

  private close(code: string, window: Window): void {
    clearTimeout(window.timer);
    this.windows.delete(code);
    if (window.folded === 0) return;
    const seconds = Math.round(this.windowMs / 100) / 10;
    this.print({ code, message: `… ${window.folded.toLocaleString('en-US')} more like this in the last ${seconds} s` });
  }

  private print(d: Pick<Diagnostic, 'code' | 'message' | 'socketId'>): void {
    this.logger.log('warn', line(d));
    this.bus.emit('diagnostic', { code: d.code, message: d.message, ...(d.socketId ? { socketId: d.socketId } : {}) });
  }
}
