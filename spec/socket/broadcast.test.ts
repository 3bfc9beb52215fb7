import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { schemaIssues } from '../validate.js';
import { BroadcastV1, BroadcastV2, BroadcastV3, BroadcastV4, BroadcastV5, DocumentedBroadcast } from './payloads.js';

const USER = '7b1e2f3a-4c5d-4e6f-8a9b-0c1d2e3f4a5b';
const AGENT = '2d6f0a63-7c5e-4d3b-9f7a-0b1c2d3e4f50';
const CHANNEL = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const MESSAGE = 'c0ffee00-1234-4abc-9def-0123456789ab';
const NIL = '00000000-0000-0000-0000-000000000000';
const T = 1763700000000;

/** As reference §5.4 lists the exact keys of each variant. */
const quoted = {
  v1: { id: MESSAGE, senderId: USER, senderName: 'user', text: 'hello', channelId: CHANNEL, roomId: CHANNEL, messageServerId: NIL, createdAt: T, source: 'client_chat', attachments: [], clientMessageId: 'tmp-1' },
  v2: { senderId: AGENT, senderName: 'Eliza', text: 'echo: hello', roomId: CHANNEL, serverId: NIL, createdAt: T, source: 'agent_response', id: MESSAGE, thought: 'reply', actions: ['REPLY'] },
  v3: { senderId: AGENT, senderName: 'Eliza', text: 'did it', roomId: CHANNEL, messageServerId: NIL, createdAt: T, source: 'agent_action', id: MESSAGE, updatedAt: T, rawMessage: { text: 'did it' } },
  v4: { senderId: AGENT, senderName: 'Agent', text: 'done', roomId: CHANNEL, createdAt: T, source: 'agent_action', id: MESSAGE, updatedAt: T, rawMessage: { text: 'done' } },
  v5: { senderId: USER, senderName: 'User', text: 'over REST', roomId: CHANNEL, messageServerId: NIL, createdAt: T, source: 'eliza_gui', id: MESSAGE },
  documented: { id: MESSAGE, senderId: AGENT, senderName: 'Eliza', text: 'hi', channelId: CHANNEL, roomId: CHANNEL, createdAt: T, metadata: {} },
};

const variants: { name: keyof typeof quoted; schema: z.ZodType }[] = [
  { name: 'v1', schema: BroadcastV1 },
  { name: 'v2', schema: BroadcastV2 },
  { name: 'v3', schema: BroadcastV3 },
  { name: 'v4', schema: BroadcastV4 },
  { name: 'v5', schema: BroadcastV5 },
  { name: 'documented', schema: DocumentedBroadcast },
];

function without(value: object, key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== key));
}

describe('messageBroadcast variants', () => {
  it.each(variants)('$name: the reference payload parses', ({ name, schema }) => {
    expect(schemaIssues(schema, quoted[name])).toEqual([]);
  });

  it.each(variants)('$name: a missing id fails at "id"', ({ name, schema }) => {
    expect(schemaIssues(schema, without(quoted[name], 'id'))).toContain('id: Invalid input: expected string, received undefined');
  });

  it.each(variants)('$name: createdAt as an ISO string fails at "createdAt"', ({ name, schema }) => {
    const issues = schemaIssues(schema, { ...quoted[name], createdAt: '2026-11-21T04:05:00.000Z' });
    expect(issues).toContain('createdAt: Invalid input: expected number, received string');
  });

  it.each(variants.filter((v) => 'messageServerId' in quoted[v.name] && v.name !== 'v4'))(
    '$name: serverId in place of messageServerId fails, naming both keys',
    ({ name, schema }) => {
      const payload = quoted[name] as Record<string, unknown>;
      const issues = schemaIssues(schema, { ...without(payload, 'messageServerId'), serverId: payload.messageServerId });
      expect(issues).toContain('messageServerId: Invalid input: expected string, received undefined');
      expect(issues).toContain('(root): Unrecognized key: "serverId"');
    },
  );

  it('v2: messageServerId in place of serverId fails (agent replies carry serverId)', () => {
    const issues = schemaIssues(BroadcastV2, { ...without(quoted.v2, 'serverId'), messageServerId: NIL });
    expect(issues).toContain('serverId: Invalid input: expected string, received undefined');
  });

  it('documented: a payload without channelId fails (clients filter on channelId or roomId)', () => {
    expect(schemaIssues(DocumentedBroadcast, without(quoted.documented, 'channelId'))).toContain(
      'channelId: Invalid input: expected string, received undefined',
    );
  });

  it('V1, V2, V4 and V5 payloads fit only their own variant; a V3 payload also fits V4 (same keys, messageServerId optional)', () => {
    const real = variants.filter((v) => v.name !== 'documented');
    const fitting = (name: keyof typeof quoted) => real.filter((v) => v.schema.safeParse(quoted[name]).success).map((v) => v.name);
    expect(fitting('v1')).toEqual(['v1']);
    expect(fitting('v2')).toEqual(['v2']);
    expect(fitting('v3')).toEqual(['v3', 'v4']);
    expect(fitting('v4')).toEqual(['v4']);
    expect(fitting('v5')).toEqual(['v5']);
  });
});
