import { z } from 'zod';
import { lv } from '../rest/levels.js';
import { defineSocketEvent, type SocketErrorSpec } from './event.js';
import {
  DocumentedJoinPayload,
  DocumentedSendPayload,
  JoinPayload,
  LogFilters,
  SendPayload,
  TypingPayload,
  typedEnvelope,
} from './payloads.js';

/** ElizaOS core `SOCKET_MESSAGE_TYPE`. Only 1 and 2 are handled by a 1.7.2 server. */
export const SOCKET_MESSAGE_TYPE = {
  ROOM_JOINING: 1,
  SEND_MESSAGE: 2,
  MESSAGE: 3,
  ACK: 4,
  THINKING: 5,
  CONTROL: 6,
} as const;

/** The exact `messageError.error` texts of 1.7.2. */
export const REAL_MESSAGE_ERRORS = {
  joinWithoutChannel: 'channelId is required for joining.',
  joinDenied: "Access denied: You don't have permission to join this channel",
  sendMissingFields: 'For SEND_MESSAGE: channelId, messageServerId (message_server_id), senderId (author_id), and message are required.',
  unknownServer: (messageServerId: string) => `Server ${messageServerId} does not exist`,
  processing: (message: string) => `Error processing your message: ${message}`,
} as const;

const joinErrors: SocketErrorSpec[] = [
  { message: REAL_MESSAGE_ERRORS.joinWithoutChannel, profiles: lv(undefined, 'MUST'), when: 'neither channelId nor roomId is set' },
  { message: REAL_MESSAGE_ERRORS.joinDenied, profiles: lv(undefined, 'MAY'), when: 'data isolation on and the entity is not a participant' },
  { message: 'channelId is required for joining', profiles: lv('MUST', undefined), when: 'neither channelId nor roomId is set (documented: any text that says so)' },
];

const sendErrors: SocketErrorSpec[] = [
  { message: REAL_MESSAGE_ERRORS.sendMissingFields, profiles: lv(undefined, 'MUST'), when: 'channelId/roomId, senderId or messageServerId is not a UUID, or message is empty' },
  { message: REAL_MESSAGE_ERRORS.unknownServer('<messageServerId>'), profiles: lv(undefined, 'MUST'), when: 'the channel does not exist and neither does its message server' },
  {
    message: 'senderId, message and channelId are required',
    profiles: lv('MUST', undefined),
    when: 'a required field is missing or malformed (documented: any text that names the field, and a present field that breaks its rule is named as invalid, with its value and the rule, not as missing). senderId may be any non-empty id (the seeds send "my-extension-id")',
  },
];

const envelope = <T extends number, P extends z.ZodType>(type: T, payload: P) =>
  z.strictObject({ type: z.literal(type), payload });

export const clientEvents = [
  defineSocketEvent({
    id: 'client.message.room-joining',
    event: 'message',
    direction: 'client-to-server',
    recipients: 'server',
    summary: 'Join a channel (type 1 ROOM_JOINING): required before broadcasts arrive',
    profiles: lv('MUST', 'MUST'),
    messageType: SOCKET_MESSAGE_TYPE.ROOM_JOINING,
    schemas: { documented: envelope(1, DocumentedJoinPayload), 'elizaos-1.7': envelope(1, JoinPayload) },
    errors: joinErrors,
    probed: true,
  }),
  defineSocketEvent({
    id: 'client.message.send-message',
    event: 'message',
    direction: 'client-to-server',
    recipients: 'server',
    summary: 'Send a message to a channel (type 2 SEND_MESSAGE)',
    profiles: lv('MUST', 'MUST'),
    messageType: SOCKET_MESSAGE_TYPE.SEND_MESSAGE,
    schemas: { documented: envelope(2, DocumentedSendPayload), 'elizaos-1.7': envelope(2, SendPayload) },
    errors: sendErrors,
    probed: true,
  }),
  ...([
    ['message', 3, 'MESSAGE'],
    ['ack', 4, 'ACK'],
    ['thinking', 5, 'THINKING'],
    ['control', 6, 'CONTROL'],
  ] as const).map(([name, type, label]) =>
    defineSocketEvent({
      id: `client.message.${name}`,
      event: 'message',
      direction: 'client-to-server',
      recipients: 'server',
      summary: `Type ${type} ${label}: in the enum, handled by no server (1.7.2 ignores it without a reply)`,
      profiles: lv('MAY', 'MUST'),
      messageType: type,
      schemas: { documented: typedEnvelope(type), 'elizaos-1.7': typedEnvelope(type) },
      probed: true,
    }),
  ),
  defineSocketEvent({
    id: 'client.room-joining.bare',
    event: '1',
    direction: 'client-to-server',
    recipients: 'server',
    summary: 'Join, as the bare event "1" with the unwrapped payload',
    profiles: lv('MAY', 'MUST'),
    schemas: { documented: DocumentedJoinPayload, 'elizaos-1.7': JoinPayload },
    errors: joinErrors,
    probed: true,
  }),
  defineSocketEvent({
    id: 'client.send-message.bare',
    event: '2',
    direction: 'client-to-server',
    recipients: 'server',
    summary: 'Send, as the bare event "2" with the unwrapped payload',
    profiles: lv('MAY', 'SHOULD'),
    schemas: { documented: DocumentedSendPayload, 'elizaos-1.7': SendPayload },
    errors: sendErrors,
  }),
  defineSocketEvent({
    id: 'client.subscribe_logs',
    event: 'subscribe_logs',
    direction: 'client-to-server',
    recipients: 'server',
    summary: 'Subscribe to the log stream',
    profiles: lv('MUST', 'MUST'),
    schemas: { documented: z.undefined(), 'elizaos-1.7': z.undefined() },
    probed: true,
  }),
  defineSocketEvent({
    id: 'client.unsubscribe_logs',
    event: 'unsubscribe_logs',
    direction: 'client-to-server',
    recipients: 'server',
    summary: 'Unsubscribe from the log stream',
    profiles: lv('SHOULD', 'MUST'),
    schemas: { documented: z.undefined(), 'elizaos-1.7': z.undefined() },
    probed: true,
  }),
  defineSocketEvent({
    id: 'client.update_log_filters',
    event: 'update_log_filters',
    direction: 'client-to-server',
    recipients: 'server',
    summary: 'Merge filters into the log subscription',
    profiles: lv('SHOULD', 'MUST'),
    schemas: { documented: LogFilters, 'elizaos-1.7': LogFilters },
    probed: true,
  }),
  defineSocketEvent({
    id: 'client.typing',
    event: 'typing',
    direction: 'client-to-server',
    recipients: 'server',
    summary: 'Typing indicator (documented; 1.7.2 has no handler)',
    profiles: lv('SHOULD', undefined),
    schemas: { documented: TypingPayload },
  }),
];
