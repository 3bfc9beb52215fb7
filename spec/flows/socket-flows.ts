import { lv } from '../rest/levels.js';
import { REAL_MESSAGE_ERRORS } from '../socket/client-events.js';
import type { ActorExpectations, Expectation, Flow } from './flow.js';

const REAL = lv(undefined, 'MUST');
const DOC = lv('MUST', undefined);
const nothing: Expectation = { event: '*', count: 'none' };

const sendPayload = (actor: string) => ({
  type: 2,
  payload: {
    channelId: '$ctx.channelId',
    roomId: '$ctx.channelId',
    senderId: `$entity.${actor}`,
    senderName: actor,
    message: '$text',
    messageServerId: '$ctx.messageServerId',
    messageId: '$uuid',
    source: 'eliza-wire',
    attachments: [],
    metadata: {},
  },
});

export const socketFlows: Flow[] = [
  {
    id: 'flow.connect',
    summary: 'Connecting: authenticated (1.7.2), then connection_established',
    profiles: lv('MUST', 'MUST'),
    actors: { client: 'not-connected' },
    steps: [{
      action: { actor: 'client', kind: 'connect' },
      within: 2000,
      expect: [{
        actor: 'client',
        sequence: [
          { event: 'server.authenticated', count: 'once', match: { entityId: '$entity.client' }, profiles: REAL },
          { event: 'server.connection_established', count: 'once' },
        ],
      }],
    }],
  },
  {
    id: 'flow.join',
    summary: 'Joining: channel_joined then room_joined to the joiner; documented: userJoined to the others',
    profiles: lv('MUST', 'MUST'),
    actors: { joiner: 'connected', member: 'joined', outsider: 'connected' },
    steps: [{
      action: { actor: 'joiner', kind: 'emit', ref: 'client.message.room-joining', payload: { type: 1, payload: { channelId: '$ctx.channelId', roomId: '$ctx.channelId', entityId: '$entity.joiner' } } },
      within: 2000,
      expect: [
        {
          actor: 'joiner',
          sequence: [
            { event: 'server.channel_joined', count: 'once', match: { channelId: '$ctx.channelId', roomId: '$ctx.channelId' } },
            { event: 'server.room_joined', count: 'once', match: { channelId: '$ctx.channelId' } },
          ],
        },
        { actor: 'member', sequence: [{ event: 'server.userJoined', count: 'once', match: { userId: '$entity.joiner', roomId: '$ctx.channelId' }, profiles: DOC }, { ...nothing, profiles: REAL }] },
        { actor: 'outsider', sequence: [nothing] },
      ],
    }],
  },
  {
    id: 'flow.send',
    summary: 'Sending: each member gets the broadcast once, the sender its copy with clientMessageId then messageAck, an outsider nothing',
    profiles: lv('MUST', 'MUST'),
    actors: { sender: 'joined', member: 'joined', outsider: 'connected' },
    steps: [{
      action: { actor: 'sender', kind: 'emit', ref: 'client.message.send-message', payload: sendPayload('sender') },
      within: 2000,
      expect: [
        {
          actor: 'sender',
          sequence: [
            { event: 'server.messageBroadcast.v1', count: 'once', match: { clientMessageId: '$action.payload.messageId', text: '$action.payload.message' }, bind: { userMessageId: 'id' }, profiles: REAL },
            { event: 'server.messageBroadcast', count: 'once', match: { clientMessageId: '$action.payload.messageId', text: '$action.payload.message' }, bind: { userMessageId: 'id' }, profiles: DOC },
            { event: 'server.messageAck', count: 'once', match: { clientMessageId: '$action.payload.messageId', messageId: '$userMessageId', channelId: '$ctx.channelId' } },
          ],
        },
        {
          actor: 'member',
          sequence: [
            { event: 'server.messageBroadcast.v1', count: 'once', match: { id: '$userMessageId', channelId: '$ctx.channelId' }, absent: ['clientMessageId'], profiles: REAL },
            { event: 'server.messageBroadcast', count: 'once', match: { id: '$userMessageId', channelId: '$ctx.channelId', roomId: '$ctx.channelId' }, absent: ['clientMessageId'], profiles: DOC },
            { event: 'server.messageAck', count: 'none' },
          ],
        },
        { actor: 'outsider', sequence: [nothing] },
      ],
    }],
  },
  {
    id: 'flow.agent-reply',
    summary: "The agent's reply: chunks contiguous from 0, then the final broadcast whose id is the chunks' messageId; documented: framed by controlMessage and closed by messageComplete",
    profiles: lv('MUST', 'MUST'),
    actors: { user: 'joined', member: 'joined' },
    agentInChannel: true,
    steps: [{
      action: { actor: 'user', kind: 'emit', ref: 'client.message.send-message', payload: sendPayload('user') },
      within: 10000,
      expect: ['user', 'member'].map((actor): ActorExpectations => ({
        actor,
        sequence: [
          { event: 'server.controlMessage', count: 'once', match: { action: 'disable_input', channelId: '$ctx.channelId' }, profiles: DOC },
          { event: 'server.messageStreamChunk', count: 'one-or-more', contiguous: 'index', bind: { replyId: 'messageId' }, match: { channelId: '$ctx.channelId', agentId: '$ctx.agentId' } },
          { event: 'server.messageBroadcast.v2', count: 'once', match: { id: '$replyId', senderId: '$ctx.agentId', roomId: '$ctx.channelId' }, absent: ['channelId'], profiles: REAL },
          { event: 'server.messageBroadcast', count: 'once', match: { id: '$replyId', senderId: '$ctx.agentId', channelId: '$ctx.channelId' }, profiles: DOC },
          { event: 'server.messageComplete', count: 'once', match: { messageId: '$replyId', channelId: '$ctx.channelId' }, profiles: DOC },
          { event: 'server.controlMessage', count: 'once', match: { action: 'enable_input', channelId: '$ctx.channelId' }, profiles: DOC },
          { event: 'server.messageComplete', count: 'none', profiles: REAL },
          { event: 'server.controlMessage', count: 'none', profiles: REAL },
        ],
      })),
    }],
  },
  {
    id: 'flow.typing',
    summary: 'Typing: the others get userTyping, the typer nothing',
    profiles: lv('SHOULD', undefined),
    actors: { typer: 'joined', member: 'joined' },
    steps: [{
      action: { actor: 'typer', kind: 'emit', ref: 'client.typing', payload: { roomId: '$ctx.channelId', userId: '$entity.typer', isTyping: true } },
      within: 2000,
      expect: [
        { actor: 'member', sequence: [{ event: 'server.userTyping', count: 'once', match: { userId: '$entity.typer', isTyping: true } }] },
        { actor: 'typer', sequence: [{ event: 'server.userTyping', count: 'none' }] },
      ],
    }],
  },
  {
    id: 'flow.disconnect',
    summary: 'Disconnect: documented, the others get userLeft; 1.7.2 sends nothing',
    profiles: lv('SHOULD', 'MUST'),
    actors: { leaver: 'joined', member: 'joined' },
    steps: [{
      action: { actor: 'leaver', kind: 'disconnect' },
      within: 2000,
      expect: [{
        actor: 'member',
        sequence: [
          { event: 'server.userLeft', count: 'once', match: { userId: '$entity.leaver', roomId: '$ctx.channelId' }, profiles: lv('SHOULD', undefined) },
          { ...nothing, profiles: REAL },
        ],
      }],
    }],
  },
  {
    id: 'flow.logs',
    summary: 'Log subscription: confirmed, filters merged, unsubscribed',
    profiles: lv('MUST', 'MUST'),
    actors: { client: 'connected' },
    steps: [
      {
        action: { actor: 'client', kind: 'emit', ref: 'client.update_log_filters', payload: { level: 'info' } },
        within: 2000,
        expect: [{ actor: 'client', sequence: [{ event: 'server.log_filters_updated', count: 'once', match: { success: false } }] }],
      },
      {
        action: { actor: 'client', kind: 'emit', ref: 'client.subscribe_logs' },
        within: 2000,
        expect: [{ actor: 'client', sequence: [{ event: 'server.log_subscription_confirmed', count: 'once', match: { subscribed: true } }] }],
      },
      {
        action: { actor: 'client', kind: 'emit', ref: 'client.update_log_filters', payload: { level: 'info' } },
        within: 2000,
        expect: [{ actor: 'client', sequence: [{ event: 'server.log_filters_updated', count: 'once', match: { success: true, 'filters.level': 'info' } }] }],
      },
      {
        action: { actor: 'client', kind: 'emit', ref: 'client.unsubscribe_logs' },
        within: 2000,
        expect: [{ actor: 'client', sequence: [{ event: 'server.log_subscription_confirmed', count: 'once', match: { subscribed: false } }] }],
      },
    ],
  },
  {
    id: 'flow.error.join-without-channel',
    summary: 'A join without channelId gets a messageError',
    profiles: lv('MUST', 'MUST'),
    actors: { client: 'connected' },
    steps: [{
      action: { actor: 'client', kind: 'emit', ref: 'client.message.room-joining', payload: { type: 1, payload: { entityId: '$entity.client' } } },
      within: 2000,
      expect: [{
        actor: 'client',
        sequence: [
          { event: 'server.messageError', count: 'once', match: { error: REAL_MESSAGE_ERRORS.joinWithoutChannel }, profiles: REAL },
          { event: 'server.messageError', count: 'once', profiles: DOC },
          { event: 'server.channel_joined', count: 'none' },
        ],
      }],
    }],
  },
  {
    id: 'flow.error.send-missing-fields',
    summary: 'A send without messageServerId (serverId instead) gets a messageError in 1.7.2; documented defaults it',
    profiles: lv('MUST', 'MUST'),
    actors: { sender: 'joined' },
    steps: [{
      action: {
        actor: 'sender',
        kind: 'emit',
        ref: 'client.message.send-message',
        payload: { type: 2, payload: { channelId: '$ctx.channelId', senderId: '$entity.sender', message: '$text', serverId: '$ctx.messageServerId', messageId: '$uuid' } },
      },
      within: 2000,
      expect: [{
        actor: 'sender',
        sequence: [
          { event: 'server.messageError', count: 'once', match: { error: REAL_MESSAGE_ERRORS.sendMissingFields }, profiles: REAL },
          { event: 'server.messageAck', count: 'none', profiles: REAL },
          { event: 'server.messageAck', count: 'once', match: { clientMessageId: '$action.payload.messageId' }, profiles: DOC },
        ],
      }],
    }],
  },
  {
    id: 'flow.error.unknown-type',
    summary: 'An unknown message type: silence in 1.7.2, a messageError documented',
    profiles: lv('MUST', 'MUST'),
    actors: { client: 'connected' },
    steps: [{
      action: { actor: 'client', kind: 'emit', ref: 'client.message.message', payload: { type: 99, payload: {} } },
      within: 1000,
      expect: [{ actor: 'client', sequence: [{ ...nothing, profiles: REAL }, { event: 'server.messageError', count: 'once', profiles: DOC }] }],
    }],
  },
  {
    id: 'flow.error.malformed-envelope',
    summary: 'A `message` without type and payload: silence in 1.7.2, a messageError documented',
    profiles: lv('MUST', 'MUST'),
    actors: { client: 'connected' },
    steps: [{
      action: { actor: 'client', kind: 'emit', ref: 'client.message.send-message', payload: { text: '$text' } },
      within: 1000,
      expect: [{ actor: 'client', sequence: [{ ...nothing, profiles: REAL }, { event: 'server.messageError', count: 'once', profiles: DOC }] }],
    }],
  },
];
