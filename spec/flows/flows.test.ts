import { describe, expect, it } from 'vitest';
import { PROFILES, levelIn } from '../profiles.js';
import { restOperations } from '../rest/index.js';
import { socketEvents } from '../socket/index.js';
import { flows } from './index.js';
import { flowIn, type Flow } from './flow.js';
import { evaluateStep, type FlowScope, type ObservedEvent } from './evaluate.js';

const USER = '7b1e2f3a-4c5d-4e6f-8a9b-0c1d2e3f4a5b';
const MEMBER = '8c2f3a4b-5d6e-4f7a-9b0c-1d2e3f4a5b6c';
const AGENT = '2d6f0a63-7c5e-4d3b-9f7a-0b1c2d3e4f50';
const CHANNEL = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const USER_MSG = 'c0ffee00-1234-4abc-9def-0123456789ab';
const REPLY = 'beef0000-1234-4abc-9def-0123456789ab';
const NIL = '00000000-0000-0000-0000-000000000000';
const T = 1763700000000;

const byId = (id: string): Flow => {
  const flow = flows.find((f) => f.id === id);
  if (!flow) throw new Error(id);
  return flow;
};

function scope(action: unknown): FlowScope {
  return { ctx: { channelId: CHANNEL, agentId: AGENT, messageServerId: NIL }, entities: { user: USER, member: MEMBER, sender: USER }, action, bound: {} };
}

const action = { type: 2, payload: { channelId: CHANNEL, senderId: USER, message: 'hello', messageServerId: NIL, messageId: 'tmp-1' } };
const v1 = { id: USER_MSG, senderId: USER, senderName: 'user', text: 'hello', channelId: CHANNEL, roomId: CHANNEL, messageServerId: NIL, createdAt: T, source: 'client_chat' };
const chunk = (index: number) => ({ event: 'messageStreamChunk', payload: { messageId: REPLY, chunk: `c${index}`, index, agentId: AGENT, channelId: CHANNEL }, at: 75 + index });
const v2 = { event: 'messageBroadcast', payload: { id: REPLY, senderId: AGENT, senderName: 'Eliza', text: 'echo: hello', roomId: CHANNEL, serverId: NIL, createdAt: T, source: 'agent_response', thought: 't', actions: ['REPLY'] }, at: 88 };

/** The observed 1.7.2 DM turn (running-real-elizaos.md, reference §6). */
const realTrace: Record<string, ObservedEvent[]> = {
  user: [
    { event: 'messageBroadcast', payload: { ...v1, clientMessageId: 'tmp-1' }, at: 11 },
    { event: 'messageAck', payload: { clientMessageId: 'tmp-1', messageId: USER_MSG, status: 'received_by_server_and_processing', channelId: CHANNEL, roomId: CHANNEL }, at: 13 },
    chunk(0), chunk(1), chunk(2), v2,
  ],
  member: [{ event: 'messageBroadcast', payload: v1, at: 10 }, chunk(0), chunk(1), chunk(2), v2],
};

function evaluate(flowId: string, profile: (typeof PROFILES)[number], trace: Record<string, ObservedEvent[]>) {
  const flow = flowIn(byId(flowId), profile);
  const step = flow?.steps[0];
  if (!step) throw new Error(`${flowId} has no step in ${profile}`);
  return evaluateStep(step, profile, trace, scope(action));
}

describe('flows', () => {
  it('gives every flow a unique id and a profile', () => {
    expect(new Set(flows.map((f) => f.id)).size).toBe(flows.length);
    for (const f of flows) expect(Object.keys(f.profiles).length, f.id).toBeGreaterThan(0);
  });

  it('references only spec entries: each emitted event, REST call and positive expectation exists in the profile', () => {
    for (const flow of flows) {
      for (const profile of PROFILES) {
        const f = flowIn(flow, profile);
        if (!f) continue;
        for (const step of f.steps) {
          const { kind, ref } = step.action;
          if (kind === 'emit') expect(levelIn(socketEvents.find((e) => e.id === ref)?.profiles ?? {}, profile), `${f.id}: ${ref}`).toBeDefined();
          if (kind === 'rest') expect(levelIn(restOperations.find((o) => o.id === ref)?.profiles ?? {}, profile), `${f.id}: ${ref}`).toBeDefined();
          for (const exp of step.expect.flatMap((a) => a.sequence)) {
            if (exp.event === '*') continue;
            const entry = socketEvents.find((e) => e.id === exp.event);
            expect(entry, `${f.id}: ${exp.event}`).toBeDefined();
            if (exp.count !== 'none') expect(levelIn(entry?.profiles ?? {}, profile), `${f.id}: ${exp.event} in ${profile}`).toBeDefined();
          }
        }
      }
    }
  });

  it('accepts the observed 1.7.2 DM turn as the elizaos-1.7 agent-reply flow', () => {
    expect(evaluate('flow.agent-reply', 'elizaos-1.7', realTrace)).toEqual([]);
  });

  it('rejects the same turn in the documented profile: no controlMessage, no messageComplete', () => {
    const findings = evaluate('flow.agent-reply', 'documented', realTrace).map((f) => `${f.actor} ${f.event}`);
    expect(findings).toEqual(expect.arrayContaining(['user server.controlMessage', 'user server.messageComplete', 'member server.messageComplete']));
  });

  it('finds a chunk gap and a reply that arrives twice', () => {
    const broken = { user: realTrace.user ?? [], member: [chunk(0), chunk(2), v2, v2] };
    const messages = evaluate('flow.agent-reply', 'elizaos-1.7', broken).map((f) => `${f.actor}: ${f.message}`);
    expect(messages).toEqual([
      'member: index must run 0..1 without gaps, got [0, 2]',
      'member: expected server.messageBroadcast.v2 exactly once, it arrived 2 times',
    ]);
  });

  it("finds a final reply whose id is not the chunks' messageId", () => {
    const otherId = { ...v2, payload: { ...v2.payload, id: USER_MSG } };
    const findings = evaluate('flow.agent-reply', 'elizaos-1.7', { user: realTrace.user ?? [], member: [chunk(0), otherId] });
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toMatch(/^expected server\.messageBroadcast\.v2 once; arrived: messageStreamChunk@75ms, messageBroadcast@88ms/);
  });

  it('finds a broadcast that reaches an outsider and a member that gets it twice', () => {
    const trace: Record<string, ObservedEvent[]> = {
      sender: realTrace.user?.slice(0, 2) ?? [],
      member: [{ event: 'messageBroadcast', payload: v1, at: 10 }, { event: 'messageBroadcast', payload: v1, at: 12 }],
      outsider: [{ event: 'messageBroadcast', payload: v1, at: 10 }],
    };
    const findings = evaluate('flow.send', 'elizaos-1.7', trace);
    expect(findings.map((f) => f.actor).sort()).toEqual(['member', 'outsider']);
    expect(findings.find((f) => f.actor === 'member')?.message).toMatch(/exactly once, it arrived 2 times/);
  });

  it('finds a missing event and says what arrived instead', () => {
    const findings = evaluate('flow.send', 'elizaos-1.7', { sender: [], member: [], outsider: [] });
    expect(findings.find((f) => f.actor === 'sender')?.message).toMatch(/expected server\.messageBroadcast\.v1 once; nothing arrived/);
  });
});
