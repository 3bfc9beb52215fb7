import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { PROFILES, levelIn } from '../profiles.js';
import { socketEvents } from './index.js';
import { defineSocketEvent } from './event.js';
import type { ClientPayload, ClientToServerEvents, ServerPayload, ServerToClientEvents } from './event-maps.js';
import type { MessageAck } from './payloads.js';

describe('socket events', () => {
  it('has at least 25 events in each profile', () => {
    for (const profile of PROFILES) expect(socketEvents.filter((e) => levelIn(e.profiles, profile)).length).toBeGreaterThanOrEqual(25);
  });

  it('gives every event a unique id that starts with its direction', () => {
    expect(new Set(socketEvents.map((e) => e.id)).size).toBe(socketEvents.length);
    for (const e of socketEvents) expect(e.id.startsWith(e.direction === 'client-to-server' ? 'client.' : 'server.'), e.id).toBe(true);
  });

  it('covers SOCKET_MESSAGE_TYPE 1–6 on the message event', () => {
    const types = socketEvents.filter((e) => e.event === 'message').map((e) => e.messageType);
    expect(types.sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('lists the documented events 1.7.2 never sends only in the documented profile', () => {
    for (const name of ['messageComplete', 'controlMessage', 'userJoined', 'userLeft', 'userTyping']) {
      const entries = socketEvents.filter((e) => e.event === name);
      expect(entries.length, name).toBe(1);
      expect(entries[0]?.profiles['elizaos-1.7'], name).toBeUndefined();
      expect(entries[0]?.profiles.documented, name).toBeDefined();
    }
  });

  it('has the five broadcast variants in elizaos-1.7 and one shape documented', () => {
    const broadcasts = socketEvents.filter((e) => e.event === 'messageBroadcast');
    expect(broadcasts.filter((e) => e.profiles['elizaos-1.7']).map((e) => e.id)).toEqual(
      [1, 2, 3, 4, 5].map((n) => `server.messageBroadcast.v${n}`),
    );
    expect(broadcasts.filter((e) => e.profiles.documented).map((e) => e.id)).toEqual(['server.messageBroadcast']);
  });

  it('refuses an event that belongs to a profile without a schema for it', () => {
    expect(() =>
      defineSocketEvent({ id: 'server.x', event: 'x', direction: 'server-to-client', recipients: 'room', summary: 's', profiles: { documented: 'MUST' }, schemas: {} }),
    ).toThrow(/add schemas\['documented'\]/);
  });

  it('derives typed event maps from the entries', () => {
    expectTypeOf<ServerPayload<'messageAck'>>().toEqualTypeOf<z.output<typeof MessageAck>>();
    expectTypeOf<ClientToServerEvents['subscribe_logs']>().toEqualTypeOf<() => void>();
    expectTypeOf<ServerPayload<'messageBroadcast'>>().toHaveProperty('senderId');
    expectTypeOf<ClientPayload<'message'>>().toHaveProperty('type');
    expectTypeOf<ServerToClientEvents>().not.toHaveProperty('connect_error');
    // @ts-expect-error an event the spec does not define is not in the map
    expectTypeOf<ServerToClientEvents['noSuchEvent']>();
    // The maps are types; at run time, every wire name they are built from has at least one entry with a schema.
    const names = new Set(socketEvents.map((e) => e.event));
    expect(['messageAck', 'messageBroadcast', 'subscribe_logs', 'message'].every((n) => names.has(n))).toBe(true);
  });
});
