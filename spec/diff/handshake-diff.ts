import { inherited, levelIn, type Profile } from '../profiles.js';
import { change, type ChangeSite, type SpecChange } from './change.js';
import { shapeOf } from './shape.js';
import { diffShapes } from './shape-diff.js';
import type { HandshakeData } from './spec-data.js';

const site: ChangeSite = { area: 'handshake', specId: 'handshake' };

/** Handshake changes: path, namespace and transports, the auth a client sends, and the refusals it may meet. */
export function diffHandshake(a: HandshakeData, pa: Profile, b: HandshakeData, pb: Profile): SpecChange[] {
  const out: SpecChange[] = [];
  const fixed = (what: string, from: string, to: string) => {
    if (from !== to) out.push(change(site, 'handshake-changed', { what, from, to }));
  };
  fixed('path', a.path, b.path);
  fixed('namespace', a.namespace, b.namespace);
  fixed('transports', a.transports.join(', '), b.transports.join(', '));
  // a release profile without its own auth schema uses its nearest ancestor's
  const [authA, authB] = [inherited(a.auth, pa), inherited(b.auth, pb)];
  if (authA && authB) out.push(...diffShapes(shapeOf(authA, 'request'), shapeOf(authB, 'request'), 'request', { ...site, location: 'handshake auth' }));
  const rejections = (h: HandshakeData, p: Profile) => new Map(h.rejections.filter((r) => levelIn(r.profiles, p)).map((r) => [r.reason, r]));
  const [ra, rb] = [rejections(a, pa), rejections(b, pb)];
  for (const [reason, r] of ra) {
    const other = rb.get(reason);
    if (!other) out.push(change(site, 'handshake-rejection-removed', { what: reason }));
    else if (other.message !== r.message) out.push(change(site, 'handshake-rejection-message-changed', { what: reason, from: r.message, to: other.message }));
  }
  for (const [reason, r] of rb) if (!ra.has(reason)) out.push(change(site, 'handshake-rejection-added', { what: reason, value: r.message, when: r.when }));
  return out;
}
