import { socketEvents } from '../spec/index.js';
import { closest } from './did-you-mean.js';
import { UsageError } from './errors.js';

/** One event's fault as `--event-fault` sets it (the mock's EventFault). */
export interface EventFaultFlag {
  delayMs?: number;
  drop?: number;
  duplicate?: number;
}

const HINT = 'e.g. --event-fault messageBroadcast:delay=200,drop=0.1,duplicate=0.05';
const KNOBS = ['delay', 'drop', 'duplicate'] as const;

/** The events a fault can touch: what the server emits (`connect_error` is the handshake's answer, not an emit). */
function faultableEvents(): string[] {
  const names = socketEvents.filter((e) => e.direction === 'server-to-client' && e.event !== 'connect_error').map((e) => e.event);
  return [...new Set(names)];
}

function checkEvent(event: string): void {
  if (event === '*') return;
  const events = faultableEvents();
  if (events.includes(event)) return;
  const near = closest(event, events);
  throw new UsageError(
    `--event-fault: "${event}" is not an event the server emits${near ? ` (did you mean ${near}?)` : ''}`,
    near ? `e.g. --event-fault ${near}:drop=1, or * for every event` : `one of: ${events.join(', ')}, or * for every event`,
  );
}

function knobOf(part: string, fault: EventFaultFlag): void {
  const [key = '', raw = ''] = part.split('=', 2);
  const n = /^\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : NaN;
  if (key === 'delay' && Number.isInteger(n)) fault.delayMs = n;
  else if ((key === 'drop' || key === 'duplicate') && n >= 0 && n <= 1) fault[key] = n;
  else {
    const near = (KNOBS as readonly string[]).includes(key) ? undefined : closest(key, KNOBS);
    throw new UsageError(`--event-fault: "${part}" is not delay=<ms>, drop=<0..1> or duplicate=<0..1>${near ? ` (did you mean ${near}?)` : ''}`, HINT);
  }
}

/**
 * `messageBroadcast:delay=200,drop=0.1,duplicate=0.05` (repeatable; `*` for every event). The event must be one
 * the spec has the server emit: a typo would otherwise set a fault that never fires.
 */
export function parseEventFault(value: string, previous: Record<string, EventFaultFlag> = {}): Record<string, EventFaultFlag> {
  const colon = value.indexOf(':');
  const event = colon < 0 ? value : value.slice(0, colon);
  const spec = colon < 0 ? '' : value.slice(colon + 1);
  if (!event || !spec) throw new UsageError(`--event-fault takes <event>:<knob>=<value>,…, got "${value}"`, HINT);
  checkEvent(event);
  const fault: EventFaultFlag = {};
  for (const part of spec.split(',')) knobOf(part, fault);
  return { ...previous, [event]: fault };
}
