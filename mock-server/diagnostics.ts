import type { Logger } from './logger.js';
import type { MockEventBus } from './events.js';

/** A client mistake the mock noticed (the seeds' "common mistakes"), with what to do instead. */
export interface Diagnostic {
  code: string;
  message: string;
  socketId?: string;
  time: number;
}

export const DIAGNOSTIC_CODES = {
  notJoined: 'send-without-join',
  serverId: 'serverId-instead-of-messageServerId',
  roomIdOnly: 'roomId-without-channelId',
  missingFields: 'send-missing-fields',
  wrongEventName: 'wrong-event-name',
  unknownType: 'unknown-message-type',
  malformedEnvelope: 'malformed-envelope',
} as const;

/** Collects diagnostics (bounded), logs each as one warning line, and reports them on the event bus. */
export class Diagnostics {
  private list: Diagnostic[] = [];

  constructor(
    private readonly logger: Logger,
    private readonly bus: MockEventBus,
    private readonly now: () => number,
    private readonly keep = 500,
  ) {}

  report(code: string, message: string, socketId?: string): void {
    const d: Diagnostic = { code, message, socketId, time: this.now() };
    this.list.push(d);
    if (this.list.length > this.keep) this.list = this.list.slice(-this.keep);
    this.logger.log('warn', `client mistake [${code}]${socketId ? ` socket ${socketId}` : ''}: ${message}`);
    this.bus.emit('diagnostic', { code, message, socketId });
  }

  all(): readonly Diagnostic[] {
    return this.list;
  }

  clear(): void {
    this.list = [];
  }
}
