import { lv } from '../rest/levels.js';
import type { Expectation, Flow } from './flow.js';

const REAL = lv(undefined, 'MUST');
const DOC = lv('MUST', undefined);

/** The broadcast a member must see, V-variant in 1.7.2 and the documented shape otherwise. */
function broadcast(variant: string, match: Record<string, string>, docMatch = match): Expectation[] {
  return [
    { event: `server.messageBroadcast.${variant}`, count: 'once', match, profiles: REAL },
    { event: 'server.messageBroadcast', count: 'once', match: docMatch, profiles: DOC },
  ];
}

function restFlow(id: string, summary: string, ref: string, action: { params?: Record<string, string>; body?: unknown }, sequence: Expectation[], levels = lv('SHOULD', 'MUST')): Flow {
  return {
    id,
    summary,
    profiles: levels,
    actors: { member: 'joined', outsider: 'connected' },
    steps: [{
      action: { actor: 'member', kind: 'rest', ref, ...action },
      within: 2000,
      expect: [
        { actor: 'member', sequence },
        { actor: 'outsider', sequence: [{ event: '*', count: 'none' }] },
      ],
    }],
  };
}

const submitBody = {
  channel_id: '$ctx.channelId',
  message_server_id: '$ctx.messageServerId',
  author_id: '$ctx.agentId',
  content: '$text',
  source_type: 'agent_response',
  raw_message: { text: '$text' },
  metadata: { agentName: 'eliza-wire' },
};

/** REST writes that must cause socket events in the channel's room, with the same ids and text. */
export const restFlows: Flow[] = [
  restFlow(
    'flow.rest.message-create',
    'A message posted over REST (websocket transport) is broadcast to the room with the same id and text',
    'messaging.channels.messages.create',
    { params: { channelId: '$ctx.channelId' }, body: { author_id: '$entity.member', content: '$text', message_server_id: '$ctx.messageServerId', transport: 'websocket' } },
    broadcast(
      'v5',
      { id: '$response.body.userMessage.id', text: '$action.body.content', roomId: '$ctx.channelId' },
      { id: '$response.body.data.userMessage.id', text: '$action.body.content', channelId: '$ctx.channelId' },
    ),
    lv('MUST', 'MUST'),
  ),
  restFlow('flow.rest.submit', 'An agent reply posted to /submit is broadcast (V2 in 1.7.2)', 'messaging.submit', { body: submitBody },
    broadcast('v2', { id: '$response.body.data.id', text: '$action.body.content', roomId: '$ctx.channelId' }, { id: '$response.body.data.id', text: '$action.body.content', channelId: '$ctx.channelId' })),
  restFlow('flow.rest.action-create', 'An action posted to /action is broadcast (V3 in 1.7.2)', 'messaging.action.create', { body: { ...submitBody, source_type: 'agent_action' } },
    broadcast('v3', { id: '$response.body.data.id', text: '$action.body.content' }, { id: '$response.body.data.id', text: '$action.body.content', channelId: '$ctx.channelId' })),
  restFlow('flow.rest.ingest-external', 'An ingested external message is broadcast (V5 in 1.7.2)', 'messaging.ingest-external',
    { body: { channel_id: '$ctx.channelId', message_server_id: '$ctx.messageServerId', author_id: '$entity.member', content: '$text', author_display_name: 'external' } },
    broadcast('v5', { id: '$response.body.data.messageId', text: '$action.body.content' }, { id: '$response.body.data.messageId', text: '$action.body.content', channelId: '$ctx.channelId' })),
  restFlow('flow.rest.message-delete', 'A REST delete becomes messageDeleted with the same ids', 'messaging.channels.messages.delete',
    { params: { channelId: '$ctx.channelId', messageId: '$ctx.messageId' } },
    [{ event: 'server.messageDeleted', count: 'once', match: { messageId: '$ctx.messageId', channelId: '$ctx.channelId' } }]),
  restFlow('flow.rest.channel-clear', 'A REST history clear becomes channelCleared', 'messaging.channels.messages.clear',
    { params: { channelId: '$ctx.channelId' } },
    [{ event: 'server.channelCleared', count: 'once', match: { channelId: '$ctx.channelId' } }]),
  restFlow('flow.rest.channel-update', 'A REST channel update becomes channelUpdated with the new channel', 'messaging.channels.update',
    { params: { channelId: '$ctx.channelId' }, body: { name: '$text' } },
    [{ event: 'server.channelUpdated', count: 'once', match: { channelId: '$ctx.channelId', 'updates.name': '$action.body.name' } }]),
  restFlow('flow.rest.channel-delete', 'A REST channel delete becomes channelDeleted', 'messaging.channels.delete',
    { params: { channelId: '$ctx.channelId' } },
    [{ event: 'server.channelDeleted', count: 'once', match: { channelId: '$ctx.channelId' } }]),
];
