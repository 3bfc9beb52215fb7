import type { z } from 'zod';
import type { Profile } from '../profiles.js';
import { inherited, levelIn } from '../profiles.js';
import { handshake } from '../socket/handshake.js';
import { schemaIn, type SocketEvent } from '../socket/event.js';
import { socketEvents } from '../socket/index.js';
import { PROFILE_TITLES, versionOf } from './meta.js';
import { SchemaCollector } from './collector.js';

type Obj = Record<string, unknown>;

function message(event: SocketEvent, profile: Profile, c: SchemaCollector): Obj {
  const schema = schemaIn(event, profile);
  return {
    name: event.event,
    title: event.id,
    summary: event.summary,
    ...(event.description ? { description: event.description } : {}),
    ...(schema ? { payload: c.convert(schema, event.direction === 'client-to-server' ? 'input' : 'output') } : {}),
    'x-eliza-wire': {
      direction: event.direction,
      recipients: event.recipients,
      level: levelIn(event.profiles, profile),
      probed: event.probed,
      ...(event.messageType !== undefined ? { messageType: event.messageType } : {}),
      ...(event.errors ? { errors: event.errors.filter((e) => levelIn(e.profiles, profile)).map((e) => ({ message: e.message, when: e.when })) } : {}),
    },
  };
}

/**
 * The AsyncAPI 3.0 document of a profile, written from the server's side: it `receive`s client events and
 * `send`s server events, all on one channel (the Socket.IO default namespace). Message keys are spec ids.
 */
export function toAsyncApi(profile: Profile): Obj {
  const c = new SchemaCollector({ target: 'draft-7', refPrefix: '#/components/schemas/' });
  const events = socketEvents.filter((e) => levelIn(e.profiles, profile));
  const messages: Obj = {};
  const operations: Obj = {};
  for (const event of events) {
    messages[event.id] = message(event, profile, c);
    operations[event.id] = {
      action: event.direction === 'client-to-server' ? 'receive' : 'send',
      channel: { $ref: '#/channels/socket' },
      summary: event.summary,
      messages: [{ $ref: `#/channels/socket/messages/${event.id}` }],
    };
  }
  const authSchema = inherited<z.ZodType>(handshake.auth, profile);
  if (!authSchema) throw new Error(`spec: the handshake has no auth schema for ${profile} or its parents; add handshake.auth['${profile}']`);
  const auth = c.convert(authSchema, 'input');
  return {
    asyncapi: '3.0.0',
    info: {
      title: `ElizaOS client-server protocol: Socket.IO (${profile})`,
      version: versionOf(profile),
      description: `${PROFILE_TITLES[profile]} Socket.IO 4 (Engine.IO 4) on path ${handshake.path}, namespace ${handshake.namespace}.`,
      license: { name: 'MIT' },
    },
    defaultContentType: 'application/json',
    servers: {
      local: { host: '127.0.0.1:3000', pathname: handshake.path, protocol: 'ws', description: 'Socket.IO over WebSocket or HTTP long-polling' },
    },
    channels: {
      socket: {
        address: handshake.namespace,
        title: 'Socket.IO default namespace',
        messages: Object.fromEntries(Object.keys(messages).map((id) => [id, { $ref: `#/components/messages/${id}` }])),
        bindings: { ws: { headers: c.convert(handshake.headers, 'input'), bindingVersion: '0.1.0' } },
        'x-eliza-wire-handshake': {
          auth,
          apiKeyHeader: handshake.apiKeyHeader,
          rejections: handshake.rejections.filter((r) => levelIn(r.profiles, profile)).map((r) => ({ reason: r.reason, message: r.message, when: r.when })),
        },
      },
    },
    operations,
    components: { messages, schemas: c.sorted() },
  };
}
