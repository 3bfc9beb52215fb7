/**
 * Compile-time guarantees, checked by `tsc` (each `@ts-expect-error` fails the typecheck if the error it expects
 * goes away): the hub takes only spec event names with their payload types, and the REST and socket ids come
 * from the spec data. The runtime test only keeps the file a test.
 */
import { describe, expect, it } from 'vitest';
import type { ClientEventId, PrimaryOperationId, RestOperationId, ServerEventId } from '../../spec/index.js';
import type { SocketHub } from '../../mock-server/socket/hub.js';
import type { PeerSocket } from '../../mock-server/socket/peer.js';

export function typedHub(hub: SocketHub, socket: PeerSocket): void {
  hub.toSocket(socket, 'messageAck', { messageId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427', status: 'received_by_server_and_processing', channelId: 'c', roomId: 'c' });
  // @ts-expect-error not a server → client event of the spec
  hub.toSocket(socket, 'messageAckk', {});
  // @ts-expect-error messageAck's payload has no field 'wrong'
  hub.toRoom('room', 'messageAck', { wrong: 1 });
}

export const ids = {
  rest: 'messaging.channels.create' satisfies RestOperationId,
  primary: 'agents.list' satisfies PrimaryOperationId,
  client: 'client.message.room-joining' satisfies ClientEventId,
  server: 'server.messageBroadcast.v2' satisfies ServerEventId,
  aliasIsRest: 'messaging.central-channels.messages.list' satisfies RestOperationId,
  // @ts-expect-error no such REST operation in the spec data
  noRest: 'messaging.channels.creat' satisfies RestOperationId,
  // @ts-expect-error an alias is not a primary operation (it re-dispatches)
  alias: 'messaging.central-channels.messages.list' satisfies PrimaryOperationId,
  // @ts-expect-error no such client event entry
  noClient: 'client.message.join' satisfies ClientEventId,
};

describe('spec-typed ids and hub', () => {
  it('are checked by the typecheck (this file carries @ts-expect-error cases)', () => {
    expect(Object.keys(ids)).toHaveLength(8);
  });
});
