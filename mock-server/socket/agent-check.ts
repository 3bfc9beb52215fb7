import { restOperations, type RestOperation } from '../../spec/index.js';
import type { MockContext } from '../context.js';
import { DIAGNOSTIC_CODES } from '../diagnostics.js';
import type { ChannelRecord } from '../state/records.js';

/** `METHOD /path` of a spec operation, its `:params` filled in: hints name the route the spec has, not a guess. */
let byId: Map<string, RestOperation> | undefined;

export function routeOf(operationId: string, params: Record<string, string>): string {
  byId ??= new Map(restOperations.map((o) => [o.id, o]));
  const op = byId.get(operationId);
  if (!op) throw new Error(`no REST operation ${operationId} in the spec`);
  return `${op.method} ${op.path.replace(/:(\w+)/g, (whole, name: string) => params[name] ?? whole)}`;
}

function agentName(ctx: MockContext, id: string): string {
  const agent = ctx.state.agents.get(id);
  return agent ? `agent ${agent.name} (${id})` : `agent ${id}`;
}

/** The agent to suggest: the one the channel id names (the seeds' "roomId = agent id"), else the first one. */
function suggestedAgent(ctx: MockContext, channelId: string): string | undefined {
  return ctx.state.agents.has(channelId) ? channelId : ctx.state.agents.keys().next().value;
}

/**
 * Says why no agent will answer in a channel (1.7.2 and the mock both answer a message there with silence): no agent
 * among its participants, or none of them running. Returns whether it reported anything.
 */
export function diagnoseAgents(ctx: MockContext, socketId: string, channel: ChannelRecord, when: 'join' | 'send'): boolean {
  const agents = channel.participants.filter((id) => ctx.state.agents.has(id));
  if (agents.some((id) => ctx.state.agents.get(id)?.status === 'active')) return false;
  const first = agents[0];
  if (first) {
    const start = routeOf('agents.start', { agentId: first });
    ctx.diagnostics.report(DIAGNOSTIC_CODES.agentNotRunning, `${agentName(ctx, first)} is a participant of channel ${channel.id} but not running, so no reply will arrive: start it with ${start}`, socketId, { channelId: channel.id, agentId: first });
    return true;
  }
  const agentId = suggestedAgent(ctx, channel.id);
  const named = ctx.state.agents.has(channel.id) ? `the channel id is ${agentName(ctx, channel.id)}'s id, but that does not make the agent a participant; ` : '';
  const fix = agentId ? ` Add the agent: ${routeOf('messaging.channels.agents.add', { channelId: channel.id })} {"agentId":"${agentId}"}${agentId === channel.id ? '' : ` (${agentName(ctx, agentId)})`}, or create the channel with it in participantCentralUserIds.` : ` Create an agent first: ${routeOf('agents.create', {})}.`;
  const after = when === 'join' ? 'messages you send there get your own broadcast and then silence' : 'this message got your own broadcast and nothing answers it';
  ctx.diagnostics.report(DIAGNOSTIC_CODES.agentNotParticipant, `${named}channel ${channel.id} has no agent among its ${channel.participants.length} participant(s): ${after} (ElizaOS 1.7.2 does the same).${fix}`, socketId, { channelId: channel.id, participants: channel.participants.length, ...(agentId ? { agentId } : {}) });
  return true;
}
