import { levelIn, type Profile } from '../profiles.js';
import { schemaIn, type SocketEvent } from '../socket/event.js';
import { change, levelChange, type ChangeSite, type SpecChange } from './change.js';
import type { ProfileOf } from './rest-diff.js';
import { shapeOf } from './shape.js';
import { diffShapes } from './shape-diff.js';

/** The name a client listens to or emits: the wire event, with the message type for `message` envelopes. */
export function wireName(event: SocketEvent): string {
  // 1.7.2's bare events are named by a digit: "event 2" reads better than "2"
  const name = /^\d+$/.test(event.event) ? `event ${event.event}` : event.event;
  return event.messageType === undefined ? name : `${name} type ${event.messageType}`;
}

const DIRECTION = { 'client-to-server': 'client', 'server-to-client': 'server' } as const;
const wireKey = (e: SocketEvent) => `${e.direction} ${wireName(e)}`;

/**
 * Socket changes. A wire event that disappears entirely is `socket-event-removed`; one that keeps its name but
 * loses or gains a spec variant (1.7.2's five messageBroadcast forms) is a variant change.
 */
export function diffSocket(a: ProfileOf<SocketEvent>, b: ProfileOf<SocketEvent>): SpecChange[] {
  const inA = new Map(a.items.filter((e) => levelIn(e.profiles, a.profile)).map((e) => [e.id, e]));
  const inB = new Map(b.items.filter((e) => levelIn(e.profiles, b.profile)).map((e) => [e.id, e]));
  const wiresA = new Set([...inA.values()].map(wireKey));
  const wiresB = new Set([...inB.values()].map(wireKey));
  const out: SpecChange[] = [];
  for (const [id, ea] of inA) {
    const site: ChangeSite = { area: 'socket', specId: id };
    const eb = inB.get(id);
    const params = { event: wireName(ea), direction: DIRECTION[ea.direction] };
    if (eb) out.push(...diffEvent(site, ea, eb, a.profile, b.profile));
    else out.push(change(site, wiresB.has(wireKey(ea)) ? 'socket-variant-removed' : 'socket-event-removed', params));
  }
  for (const [id, eb] of inB) {
    if (inA.has(id)) continue;
    const params = { event: wireName(eb), direction: DIRECTION[eb.direction] };
    out.push(change({ area: 'socket', specId: id }, wiresA.has(wireKey(eb)) ? 'socket-variant-added' : 'socket-event-added', params));
  }
  return out;
}

function diffEvent(site: ChangeSite, a: SocketEvent, b: SocketEvent, pa: Profile, pb: Profile): SpecChange[] {
  const out: SpecChange[] = [];
  const event = wireName(b);
  if (wireKey(a) !== wireKey(b)) {
    // same spec id, other wire name: for a client, the old event is gone and a new one has come
    const direction = DIRECTION[a.direction];
    return [change(site, 'socket-event-removed', { event: wireName(a), direction }), change(site, 'socket-event-added', { event, direction: DIRECTION[b.direction] })];
  }
  out.push(...levelChange(site, levelIn(a.profiles, pa) ?? 'MAY', levelIn(b.profiles, pb) ?? 'MAY'));
  if (a.recipients !== b.recipients) out.push(change(site, 'socket-recipients-changed', { event, from: a.recipients, to: b.recipients }));
  const side = a.direction === 'client-to-server' ? 'request' : 'response';
  const [sa, sb] = [schemaIn(a, pa), schemaIn(b, pb)];
  if (sa && sb) out.push(...diffShapes(shapeOf(sa, side), shapeOf(sb, side), side, { ...site, location: `${event} payload` }));
  const errors = (e: SocketEvent, p: Profile) => new Set((e.errors ?? []).filter((x) => levelIn(x.profiles, p)).map((x) => x.message));
  const [errA, errB] = [errors(a, pa), errors(b, pb)];
  for (const value of errA) if (!errB.has(value)) out.push(change(site, 'socket-error-removed', { event, value }));
  for (const value of errB) if (!errA.has(value)) out.push(change(site, 'socket-error-added', { event, value }));
  return out;
}
