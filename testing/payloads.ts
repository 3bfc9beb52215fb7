import { randomUUID } from 'node:crypto';
import { NIL_UUID, SOCKET_MESSAGE_TYPE, type Profile } from '../spec/index.js';
import { isRelease } from '../spec/profiles.js';

/** Options of `send()`. Every field has a default; `extra` is merged last, to send deliberately odd payloads. */
export interface SendOptions {
  /** Default: the channel of the last `join()`. */
  channelId?: string;
  /** Default: the client's `messageServerId`; elizaos-1.7 requires one (the nil UUID, the mock's server), documented omits it. */
  messageServerId?: string;
  /** The client's id for the message (`messageId` in the payload, `clientMessageId` in the ack). Default: a random UUID. */
  clientMessageId?: string;
  /** Default `Test User`. */
  senderName?: string;
  /** Default `eliza-wire-testing`. */
  source?: string;
  metadata?: Record<string, unknown>;
  attachments?: unknown[];
  /** Fields merged into the payload last (they win). */
  extra?: Record<string, unknown>;
}

/** Options of `join()` that shape the payload. */
export interface JoinPayloadOptions {
  messageServerId?: string;
  metadata?: Record<string, unknown>;
  /** Fields merged into the payload last (they win). */
  extra?: Record<string, unknown>;
}

interface Sender {
  entityId: string;
  profile: Profile;
  messageServerId?: string;
}

/** ROOM_JOINING as the 1.7.2 web UI sends it: `channelId`, its alias `roomId`, the entity id. */
export function joinMessage(sender: Sender, channelId: string, options: JoinPayloadOptions = {}) {
  const messageServerId = options.messageServerId ?? sender.messageServerId;
  const payload = {
    channelId,
    roomId: channelId,
    entityId: sender.entityId,
    ...(messageServerId ? { messageServerId } : {}),
    ...(options.metadata ? { metadata: options.metadata } : {}),
    ...options.extra,
  };
  return { type: SOCKET_MESSAGE_TYPE.ROOM_JOINING, payload };
}

/** SEND_MESSAGE with every field a server reads; `messageServerId` is required by elizaos-1.7 only. */
export function sendMessage(sender: Sender, channelId: string, text: string, options: SendOptions = {}) {
  const messageServerId = options.messageServerId ?? sender.messageServerId ?? (isRelease(sender.profile) ? NIL_UUID : undefined);
  const clientMessageId = options.clientMessageId ?? randomUUID();
  const payload = {
    channelId,
    roomId: channelId,
    senderId: sender.entityId,
    senderName: options.senderName ?? 'Test User',
    message: text,
    messageId: clientMessageId,
    source: options.source ?? 'eliza-wire-testing',
    metadata: options.metadata ?? {},
    ...(messageServerId ? { messageServerId } : {}),
    ...(options.attachments ? { attachments: options.attachments } : {}),
    ...options.extra,
  };
  return { clientMessageId, message: { type: SOCKET_MESSAGE_TYPE.SEND_MESSAGE, payload } };
}
