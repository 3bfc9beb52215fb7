import { Uuid } from '../../spec/index.js';
import { sameSecret } from '../http/security.js';
import type { MockContext } from '../context.js';
import type { PeerSocket } from './peer.js';

/**
 * The handshake rules: the socket API key first (when set), then `auth.entityId`, a UUID. elizaos-1.7 requires
 * the entity id; documented accepts a socket without one (the seeds' minimal client sends none).
 */
export function handshakeMiddleware(getCtx: () => MockContext) {
  return (socket: PeerSocket, next: (error?: Error) => void) => {
    const ctx = getCtx();
    const auth = (socket.handshake.auth ?? {}) as Record<string, unknown>;
    const key = ctx.options.socketApiKey;
    if (key) {
      const given = typeof auth.apiKey === 'string' ? auth.apiKey : socket.handshake.headers['x-api-key'];
      if (!sameSecret(typeof given === 'string' ? given : undefined, key)) return next(new Error('Invalid or missing API Key'));
    }
    const entityId = auth.entityId;
    const valid = Uuid.safeParse(entityId).success;
    if (!valid && (ctx.profile === 'elizaos-1.7' || entityId !== undefined)) return next(new Error('Valid entityId required'));
    socket.data.entityId = valid ? (entityId as string) : undefined;
    socket.data.joined = new Set<string>();
    next();
  };
}
