import { randomUUID } from 'node:crypto';
import { restOperations, type Profile } from '../../spec/index.js';
import { finding, type Check, type CheckContext } from '../check.js';
import { curlOf, type CallOptions, type CallResult } from '../http.js';
import { fitSpec, plainSuccess } from './fit.js';
import { levelIn } from '../../spec/profiles.js';

type Step = { op: string; options: CallOptions | ((state: Record<string, string>) => CallOptions); expect?: number; keep?: (body: unknown, state: Record<string, string>) => void };

function dataOf(body: unknown): Record<string, unknown> {
  const b = (body ?? {}) as Record<string, unknown>;
  return (typeof b.data === 'object' && b.data !== null ? b.data : b) as Record<string, unknown>;
}

/** Runs steps in order; each answer must be a plain success of its operation (and the expected status). */
async function walk(ctx: CheckContext, steps: Step[], state: Record<string, string>, level: 'MUST' | 'SHOULD') {
  const findings = [];
  const exchanges: CallResult['exchange'][] = [];
  for (const step of steps) {
    const op = restOperations.find((o) => o.id === step.op);
    if (!op || !levelIn(op.profiles, ctx.profile)) continue;
    const result = await ctx.http.call(step.op, typeof step.options === 'function' ? step.options(state) : step.options);
    exchanges.push(result.exchange);
    const fit = fitSpec(op, ctx.profile, result, plainSuccess);
    if (!fit.ok || (step.expect !== undefined && result.status !== step.expect)) {
      const problem = fit.ok ? `status ${result.status}, expected ${step.expect}` : fit.problem;
      findings.push(finding(`${step.op}: ${problem}`, levelIn(op.profiles, ctx.profile) ?? level, curlOf(result.exchange), { exchanges: [...exchanges] }, step.op));
      break;
    }
    step.keep?.(result.body, state);
  }
  return findings;
}

const BOTH = { documented: 'MUST', 'elizaos-1.7': 'MUST' } as const;

const channels: Check = {
  id: 'rest.channels.lifecycle',
  title: 'A channel lives through the protocol: create, read, add and remove an agent, post, list, update, delete',
  domain: 'rest',
  specIds: ['messaging.channels.create', 'messaging.channels.details', 'messaging.channels.participants', 'messaging.channels.agents.add', 'messaging.channels.agents.remove', 'messaging.channels.messages.create', 'messaging.channels.messages.list', 'messaging.channels.update', 'messaging.channels.messages.delete', 'messaging.channels.messages.clear', 'messaging.channels.delete', 'messaging.dm-channel.get'],
  levels: BOTH,
  run: async (ctx) => {
    const { messageServerId, agentId } = await ctx.discover();
    // two users: 1.7.2 refuses (400, after storing) a message in a channel where no one but its author takes part
    const state: Record<string, string> = { userId: randomUUID(), other: randomUUID() };
    const steps: Step[] = [
      { op: 'messaging.channels.create', expect: 201, options: (s) => ({ body: { name: 'eliza-wire lifecycle', participantCentralUserIds: [s.userId, s.other], message_server_id: messageServerId } }), keep: (b, s) => { s.channelId = String(dataOf(b).id); } },
      { op: 'messaging.channels.details', options: (s) => ({ params: { channelId: s.channelId ?? '' } }) },
      ...(agentId ? [
        { op: 'messaging.channels.agents.add', expect: 201, options: (s: Record<string, string>) => ({ params: { channelId: s.channelId ?? '' }, body: { agentId } }) },
        { op: 'messaging.channels.agents.remove', options: (s: Record<string, string>) => ({ params: { channelId: s.channelId ?? '', agentId } }) },
      ] : []),
      { op: 'messaging.channels.participants', options: (s) => ({ params: { channelId: s.channelId ?? '' } }) },
      { op: 'messaging.channels.messages.create', expect: 201, options: (s) => ({ params: { channelId: s.channelId ?? '' }, body: { author_id: s.userId, content: 'hello from eliza-wire', message_server_id: messageServerId } }), keep: (b, s) => { s.messageId = String(((b as { userMessage?: { id: string } }).userMessage ?? (dataOf(b).userMessage as { id: string } | undefined))?.id); } },
      { op: 'messaging.channels.messages.list', options: (s) => ({ params: { channelId: s.channelId ?? '' } }) },
      { op: 'messaging.channels.update', options: (s) => ({ params: { channelId: s.channelId ?? '' }, body: { name: 'eliza-wire renamed' } }) },
      { op: 'messaging.channels.messages.delete', expect: 204, options: (s) => ({ params: { channelId: s.channelId ?? '', messageId: s.messageId ?? '' } }) },
      { op: 'messaging.channels.messages.clear', expect: 204, options: (s) => ({ params: { channelId: s.channelId ?? '' } }) },
      { op: 'messaging.channels.delete', expect: 204, options: (s) => ({ params: { channelId: s.channelId ?? '' } }) },
      { op: 'messaging.dm-channel.get', options: (s) => ({ query: { currentUserId: s.userId ?? '', targetUserId: s.other ?? '' } }), keep: (b, s) => { s.dm = String(dataOf(b).id); } },
      { op: 'messaging.channels.delete', expect: 204, options: (s) => ({ params: { channelId: s.dm ?? '' } }) },
    ];
    return walk(ctx, steps, state, 'MUST');
  },
};

const agents: Check = {
  id: 'rest.agents.lifecycle',
  title: 'An agent lives through the protocol: create, read, update, start, stop, delete',
  domain: 'rest',
  specIds: ['agents.create', 'agents.get', 'agents.update', 'agents.start', 'agents.stop', 'agents.delete'],
  levels: BOTH,
  run: (ctx) => {
    const name = `eliza-wire-${randomUUID().slice(0, 8)}`;
    const steps: Step[] = [
      { op: 'agents.create', expect: 201, options: { body: { characterJson: { name, bio: ['A throwaway agent of an eliza-wire check.'] } } }, keep: (b, s) => { s.agentId = String(dataOf(b).id); } },
      { op: 'agents.get', options: (s) => ({ params: { agentId: s.agentId ?? '' } }) },
      { op: 'agents.update', options: (s) => ({ params: { agentId: s.agentId ?? '' }, body: { bio: ['Updated by eliza-wire.'] } }) },
      { op: 'agents.start', options: (s) => ({ params: { agentId: s.agentId ?? '' } }) },
      { op: 'agents.stop', options: (s) => ({ params: { agentId: s.agentId ?? '' } }) },
      { op: 'agents.delete', options: (s) => ({ params: { agentId: s.agentId ?? '' } }) },
    ];
    return walk(ctx, steps, {}, 'MUST');
  },
};

function sessionSteps(agentId: string, profile: Profile): Step[] {
  return [
    { op: 'messaging.sessions.create', expect: 201, options: { body: { agentId, userId: randomUUID() } }, keep: (b, s) => { s.sessionId = String(dataOf(b).sessionId); } },
    { op: 'messaging.sessions.get', options: (s) => ({ params: { sessionId: s.sessionId ?? '' } }) },
    { op: 'messaging.sessions.messages.create', expect: 201, options: (s) => ({ params: { sessionId: s.sessionId ?? '' }, body: { content: 'hello from eliza-wire', transport: profile === 'documented' ? 'http' : 'websocket' } }) },
    { op: 'messaging.sessions.messages.list', options: (s) => ({ params: { sessionId: s.sessionId ?? '' } }) },
    { op: 'messaging.sessions.heartbeat', options: (s) => ({ params: { sessionId: s.sessionId ?? '' } }) },
    { op: 'messaging.sessions.delete', options: (s) => ({ params: { sessionId: s.sessionId ?? '' } }) },
  ];
}

const sessions: Check = {
  id: 'rest.sessions.lifecycle',
  title: 'A session lives through the protocol: create, read, send, list messages, heartbeat, delete',
  domain: 'rest',
  specIds: ['messaging.sessions.create', 'messaging.sessions.get', 'messaging.sessions.messages.create', 'messaging.sessions.messages.list', 'messaging.sessions.heartbeat', 'messaging.sessions.delete'],
  levels: { documented: 'SHOULD', 'elizaos-1.7': 'MUST' },
  run: async (ctx) => {
    const { agentId } = await ctx.discover();
    if (!agentId) return { skip: 'no running agent on the server' };
    return walk(ctx, sessionSteps(agentId, ctx.profile), {}, 'MUST');
  },
};

const jobs: Check = {
  id: 'rest.jobs.lifecycle',
  title: 'A job is created and read back',
  domain: 'rest',
  specIds: ['messaging.jobs.create', 'messaging.jobs.get'],
  levels: { documented: 'SHOULD', 'elizaos-1.7': 'MUST' },
  run: async (ctx) => {
    const { agentId } = await ctx.discover();
    if (!agentId) return { skip: 'no running agent on the server' };
    const steps: Step[] = [
      { op: 'messaging.jobs.create', expect: 201, options: { body: { userId: randomUUID(), content: 'hello from eliza-wire', agentId } }, keep: (b, s) => { s.jobId = String(dataOf(b).jobId); } },
      { op: 'messaging.jobs.get', options: (s) => ({ params: { jobId: s.jobId ?? '' } }) },
    ];
    return walk(ctx, steps, {}, 'MUST');
  },
};

export const lifecycleChecks: Check[] = [channels, agents, sessions, jobs];
