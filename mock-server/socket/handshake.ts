import { Uuid } from '../../spec/index.js';
import { sameSecret } from '../http/security.js';
import type { MockContext } from '../context.js';
import { DIAGNOSTIC_CODES } from '../diagnostics.js';
import { isAbsent, quote, sample } from './fields.js';
import type { PeerSocket } from './peer.js';
import { isRelease } from '../../spec/profiles.js';
import { fromOtherRelease } from '../release-hints.js';

const ENTITY_ERROR = 'Valid entityId required';
const API_KEY_ERROR = 'Invalid or missing API Key';

/** Why the handshake's entity id was refused, and what to send instead (a diagnostic: the wire keeps 1.7.2's text). */
function entityIdMistake(ctx: MockContext, socket: PeerSocket, entityId: unknown): void {
  const fix = 'connect with io(url, { auth: { entityId: crypto.randomUUID() } }) and send the same id as senderId';
  const missing = isAbsent(entityId) && isRelease(ctx.profile);
  const message = missing
    ? `handshake refused with connect_error "${ENTITY_ERROR}": auth.entityId is missing, and ElizaOS 1.7 requires a UUID there (the documentation's client sends no auth: it works only against the documented profile). ${fromOtherRelease('noEntityId', ctx.profile, 'a UUID in `auth.entityId`')}. Fix: ${fix}`
    : `handshake refused with connect_error "${ENTITY_ERROR}": auth.entityId ${quote(entityId)} is invalid: it must be a UUID (8-4-4-4-12 hex digits). Fix: ${fix}`;
  const details = missing ? { missing: ['auth.entityId'] } : { invalid: [{ field: 'auth.entityId', value: sample(entityId), rule: 'a UUID' }] };
  ctx.diagnostics.report(DIAGNOSTIC_CODES.handshakeEntityId, message, socket.id, details);
}

/**
 * The handshake rules: the socket API key first (when set), then `auth.entityId`, a UUID. elizaos-1.7 requires
 * the entity id; documented accepts a socket without one (the seeds' minimal client sends none). Each refusal is
 * also a diagnostic saying what to change.
 */
export function handshakeMiddleware(getCtx: () => MockContext) {
  return (socket: PeerSocket, next: (error?: Error) => void) => {
    const ctx = getCtx();
    const auth = (socket.handshake.auth ?? {}) as Record<string, unknown>;
    const key = ctx.options.socketApiKey;
    if (key) {
      const given = typeof auth.apiKey === 'string' ? auth.apiKey : socket.handshake.headers['x-api-key'];
      if (!sameSecret(typeof given === 'string' ? given : undefined, key)) {
        const which = given === undefined ? 'no key was sent' : 'the key sent does not match';
        ctx.diagnostics.report(DIAGNOSTIC_CODES.handshakeApiKey, `handshake refused with connect_error "${API_KEY_ERROR}": ${which}. Send the socket API key as io(url, { auth: { apiKey } }) or the x-api-key header (ElizaOS 1.7: SERVER_API_KEY, not the REST token)`, socket.id);
        return next(new Error(API_KEY_ERROR));
      }
    }
    const entityId = auth.entityId;
    const valid = Uuid.safeParse(entityId).success;
    if (!valid && (isRelease(ctx.profile) || entityId !== undefined)) {
      entityIdMistake(ctx, socket, entityId);
      return next(new Error(ENTITY_ERROR));
    }
    socket.data.entityId = valid ? (entityId as string) : undefined;
    socket.data.joined = new Set<string>();
    next();
  };
}
