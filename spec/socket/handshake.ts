import { z } from 'zod';
import { lv } from '../rest/levels.js';
import type { Profiles } from '../profiles.js';
import { DocumentedHandshakeAuth, HandshakeAuth } from './payloads.js';

/** One reason the handshake is refused, and the `connect_error` message the client sees. */
export interface HandshakeRejection {
  reason: 'api-key' | 'entity-id';
  message: string;
  profiles: Profiles;
  when: string;
}

/**
 * The Socket.IO handshake: default namespace `/`, path `/socket.io/`, Engine.IO 4, websocket and polling.
 * The API key is checked before the entity id.
 */
export const handshake = {
  path: '/socket.io/',
  namespace: '/',
  transports: ['websocket', 'polling'] as const,
  auth: { documented: DocumentedHandshakeAuth, 'elizaos-1.7': HandshakeAuth },
  /** The handshake header that may carry the socket API key instead of `auth.apiKey`. */
  apiKeyHeader: 'x-api-key',
  headers: z.object({ 'x-api-key': z.string().optional() }),
  rejections: [
    {
      reason: 'api-key',
      message: 'Invalid or missing API Key',
      profiles: lv('MUST', 'MUST'),
      when: 'the server has a socket API key (1.7.2: SERVER_API_KEY, not the REST token) and neither auth.apiKey nor x-api-key equals it',
    },
    {
      reason: 'entity-id',
      message: 'Valid entityId required',
      profiles: lv('MUST', 'MUST'),
      when: 'elizaos-1.7: auth.entityId is missing or not a UUID; documented: auth.entityId is given but not a UUID',
    },
  ] satisfies HandshakeRejection[],
  /** Server options 1.7.2 uses (reference §5.1). */
  serverOptions: { pingInterval: 25000, pingTimeout: 20000, connectTimeout: 10000, maxHttpBufferSize: 1e6, perMessageDeflate: false },
} as const;
