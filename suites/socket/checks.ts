import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { flows, type Flow } from '../../spec/index.js';
import { finding, type Check } from '../check.js';
import { Actor } from '../flows/actors.js';
import { runFlow } from '../flows/runner.js';
import { prepareFlow } from '../flows/setup.js';
import { sleep } from '../timers.js';
import { handshakeScript, socketScript } from './reproduce.js';
import { levelIn, isRelease } from '../../spec/profiles.js';

/** The check id of each flow: stable names by what they prove. */
const FLOW_CHECKS: Record<string, { id: string; title: string }> = {
  'flow.connect': { id: 'socket.connect.events', title: 'Connecting yields authenticated (1.7.2) and connection_established' },
  'flow.join': { id: 'socket.join.confirmation', title: 'Joining confirms to the joiner; documented: userJoined to the others, nothing to outsiders' },
  'flow.send': { id: 'socket.send.broadcast-exactly-once', title: 'Each member receives a message exactly once, the sender its copy and messageAck, an outsider nothing' },
  'flow.agent-reply': { id: 'socket.agent.reply', title: 'The agent streams chunks contiguous from 0, then a final broadcast with the chunks’ messageId' },
  'flow.typing': { id: 'socket.presence.typing', title: 'typing reaches the others as userTyping' },
  'flow.disconnect': { id: 'socket.presence.disconnect', title: 'A disconnect is userLeft to the others (documented), silence in 1.7.2' },
  'flow.logs': { id: 'socket.logs.subscription', title: 'Log subscription: filters refused before, confirmed, merged, unsubscribed' },
  'flow.error.join-without-channel': { id: 'socket.errors.join-without-channel', title: 'A join without channelId gets a messageError' },
  'flow.error.send-missing-fields': { id: 'socket.errors.send-missing-fields', title: 'A send with serverId instead of messageServerId: messageError in 1.7.2, accepted documented' },
  'flow.error.unknown-type': { id: 'socket.errors.unknown-type', title: 'An unknown message type: silence in 1.7.2, messageError documented' },
  'flow.error.malformed-envelope': { id: 'socket.errors.malformed-envelope', title: 'A message without {type, payload}: silence in 1.7.2, messageError documented' },
  'flow.rest.message-create': { id: 'rest-socket.message-create', title: 'A REST message post is broadcast to the room with the same id and text' },
  'flow.rest.submit': { id: 'rest-socket.submit', title: 'An agent reply posted to /submit is broadcast to the room' },
  'flow.rest.action-create': { id: 'rest-socket.action-create', title: 'An action posted to /action is broadcast to the room' },
  'flow.rest.ingest-external': { id: 'rest-socket.ingest-external', title: 'An ingested external message is broadcast to the room' },
  'flow.rest.message-delete': { id: 'rest-socket.message-delete', title: 'A REST message delete becomes messageDeleted with the same ids' },
  'flow.rest.channel-clear': { id: 'rest-socket.channel-clear', title: 'A REST history clear becomes channelCleared' },
  'flow.rest.channel-update': { id: 'rest-socket.channel-update', title: 'A REST channel update becomes channelUpdated' },
  'flow.rest.channel-delete': { id: 'rest-socket.channel-delete', title: 'A REST channel delete becomes channelDeleted' },
};

function flowCheck(flow: Flow): Check {
  const named = FLOW_CHECKS[flow.id] ?? { id: `socket.${flow.id}`, title: flow.summary };
  const specIds = [...new Set(flow.steps.flatMap((s) => [s.action.ref ?? '', ...s.expect.flatMap((a) => a.sequence.map((e) => e.event))]).filter((id) => id && id !== '*'))];
  return {
    ...named,
    domain: flow.id.startsWith('flow.rest.') ? 'rest-socket' : 'socket',
    specIds: [flow.id, ...specIds],
    levels: flow.profiles,
    // each step's wait and settle, plus the setup's caps (join 2.5 s, quiet 1 s, greeting 1 s)
    waitsMs: flow.steps.reduce((ms, s) => ms + s.within + 150, 0) + 4500,
    run: async (ctx) => {
      const found = await ctx.discover();
      if (flow.agentInChannel && !found.agentId) return { skip: 'no running agent on the server' };
      const target = ctx.target;
      const fixture = await prepareFlow(target, flow, found);
      try {
        const run = await runFlow(flow, ctx.profile, target, fixture.ctx, fixture.entities);
        ctx.sawSocket(run.steps.flatMap((s) => (flow.steps[s.index]?.action.ref?.startsWith('client.') ? [flow.steps[s.index]?.action.ref ?? ''] : [])), run.steps.flatMap((s) => Object.values(s.timelines).flat().map((e) => e.event)));
        const level = levelIn(flow.profiles, ctx.profile) ?? 'MUST';
        const failed = run.steps.find((s) => s.findings.length > 0);
        if (!failed) return [];
        const reproduce = socketScript(ctx, flow, fixture.ctx, run.steps.slice(0, run.steps.indexOf(failed) + 1), run.entities);
        return failed.findings.map((f) => finding(`${f.actor}: ${f.message}`, level, reproduce, { timelines: failed.timelines, sent: failed.action }, f.event));
      } finally {
        await fixture.cleanup();
      }
    },
  };
}

function rejection(url: string, auth: Record<string, unknown>, timeoutMs: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    const done = (value: string) => {
      clearTimeout(timer);
      socket.disconnect();
      resolve(value);
    };
    const timer = setTimeout(() => done('(no answer)'), timeoutMs);
    socket.once('connect', () => done('(connected)'));
    socket.once('connect_error', (e) => done(e.message));
  });
}

const handshakeCheck: Check = {
  id: 'socket.handshake.rejections',
  title: 'The handshake refuses a bad entityId (1.7.2: a missing one too) and, with a socket key, a missing key',
  domain: 'socket',
  specIds: ['server.connect_error'],
  levels: { documented: 'MUST', 'elizaos-1.7': 'MUST' },
  run: async (ctx) => {
    const cases: { auth: Record<string, unknown>; want: string; why: string }[] = [
      { auth: { entityId: 'not-a-uuid', apiKey: ctx.target.socketApiKey }, want: 'Valid entityId required', why: 'an entityId that is not a UUID' },
    ];
    if (isRelease(ctx.profile)) cases.push({ auth: { apiKey: ctx.target.socketApiKey }, want: 'Valid entityId required', why: 'no entityId' });
    if (ctx.target.socketApiKey) cases.push({ auth: { entityId: randomUUID() }, want: 'Invalid or missing API Key', why: 'no socket API key' });
    const findings = [];
    for (const c of cases) {
      const got = await rejection(ctx.target.url, c.auth, ctx.timeoutMs);
      if (got !== c.want) {
        const reproduce = handshakeScript(ctx.target.url, c.auth);
        findings.push(finding(`${c.why}: expected connect_error "${c.want}", got ${got}`, 'MUST', reproduce, { sent: c.auth }, 'server.connect_error'));
      }
    }
    ctx.sawSocket([], ['connect_error']);
    return findings;
  },
};

async function messagesIn(actor: Actor, texts: string[], ms: number, signal?: AbortSignal): Promise<string[]> {
  const end = Date.now() + ms;
  const got = () => actor.timeline.filter((e) => e.event === 'messageBroadcast').map((e) => (e.payload as { text?: string }).text ?? '');
  while (Date.now() < end && !texts.every((t) => got().includes(t)) && !signal?.aborted) await sleep(15, signal);
  await sleep(150, signal);
  return got();
}

const reconnect: Check = {
  id: 'socket.reconnect.rejoin',
  title: 'After a reconnect and re-join, later messages arrive, and nothing arrives twice',
  domain: 'socket',
  specIds: ['client.message.room-joining', 'client.message.send-message', 'server.messageBroadcast'],
  levels: { documented: 'MUST', 'elizaos-1.7': 'MUST' },
  run: async (ctx) => {
    const { messageServerId } = await ctx.discover();
    const channelId = randomUUID();
    const [member, sender] = [new Actor('member'), new Actor('sender')];
    const opts = { socketApiKey: ctx.target.socketApiKey, timeoutMs: ctx.timeoutMs, signal: ctx.target.signal };
    const send = (text: string) => sender.socket?.emit('message', { type: 2, payload: { channelId, senderId: sender.entityId, message: text, messageServerId, messageId: randomUUID() } });
    try {
      for (const a of [member, sender]) {
        await a.connect(ctx.target.url, opts);
        await a.join(channelId, ctx.timeoutMs);
      }
      send('before');
      await messagesIn(member, ['before'], ctx.timeoutMs, ctx.target.signal);
      member.socket?.disconnect();
      await member.connect(ctx.target.url, opts);
      await member.join(channelId, ctx.timeoutMs);
      member.clear();
      const after = ['after-1', 'after-2', 'after-3'];
      after.forEach(send);
      const got = await messagesIn(member, after, ctx.timeoutMs, ctx.target.signal);
      const problems = [
        ...after.filter((t) => !got.includes(t)).map((t) => `"${t}" never arrived after the re-join`),
        ...after.filter((t) => got.filter((g) => g === t).length > 1).map((t) => `"${t}" arrived ${got.filter((g) => g === t).length} times`),
        ...(got.includes('before') ? ['"before" arrived again after the re-join'] : []),
      ];
      ctx.sawSocket(['client.message.room-joining', 'client.message.send-message'], member.timeline.map((e) => e.event));
      return problems.map((p) => finding(p, 'MUST', `reconnect, re-join ${channelId}, then send three messages`, { timelines: { member: member.timeline } }, 'server.messageBroadcast'));
    } finally {
      member.close();
      sender.close();
      await ctx.http.call('messaging.channels.delete', { params: { channelId } });
    }
  },
};

/** Socket checks: one per flow of the spec, the handshake rejections and reconnect/re-join. */
export function socketChecks(): Check[] {
  return [handshakeCheck, ...flows.map(flowCheck), reconnect];
}

