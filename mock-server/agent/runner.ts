import type { MockContext } from '../context.js';
import { agentReplyBroadcast } from '../engine/broadcasts.js';
import { storeMessage } from '../engine/messages.js';
import type { ChannelRecord, MessageRecord } from '../state/records.js';
import type { AgentReply } from './behaviour.js';

export interface TurnOptions {
  /** Emit the reply's socket events to the channel room (websocket transport). */
  emit: boolean;
  /** Called for each streamed chunk (SSE transport). */
  onChunk?: (chunk: { messageId: string; chunk: string; index: number }) => void;
}

export interface TurnResult {
  agentId: string;
  reply: MessageRecord;
  content: AgentReply & { responseId: string; inReplyTo: string; simple: true; providers: string[] };
}

/** Splits a text into chunks of `size` characters (at least one chunk). */
export function chunksOf(text: string, size: number): string[] {
  if (text.length === 0) return [''];
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function emitControl(ctx: MockContext, channelId: string, action: 'disable_input' | 'enable_input', agentId: string): void {
  ctx.hub.toRoom(channelId, 'controlMessage', { action, target: agentId, channelId, roomId: channelId });
}

function recordRun(ctx: MockContext, agentId: string, user: MessageRecord, startedAt: number, runId: string): void {
  const endedAt = ctx.clock.now();
  ctx.state.runs.set(runId, {
    agentId,
    summary: { runId, status: 'completed', startedAt, endedAt, durationMs: endedAt - startedAt, messageId: user.id, roomId: user.channelId, entityId: user.authorId, metadata: {}, counts: { actions: 1, modelCalls: 1, errors: 0, evaluators: 0 } },
    events: [
      { type: 'RUN_STARTED', timestamp: startedAt, data: { source: 'eliza-wire-mock', messageId: user.id } },
      { type: 'RUN_ENDED', timestamp: endedAt, data: { status: 'completed', error: null, durationMs: endedAt - startedAt } },
    ],
  });
  const logId = ctx.state.ids.uuid();
  ctx.state.logs.set(logId, { id: logId, agentId, entityId: user.authorId, roomId: user.channelId, body: { runId, messageId: user.id }, type: 'run_event', createdAt: endedAt });
}

/**
 * The model call behind a reply, logged as 1.7.2 logs each one: AgentRuntime.logModelCall (`@elizaos/core`) writes a
 * log of type `useModel:<MODEL>` with the agent as entity and the room of the message, which the web UI's Model Calls
 * tab lists (GET /api/agents/:agentId/logs, types starting with `useModel:`). The mock makes one TEXT_LARGE call.
 */
function recordModelCall(ctx: MockContext, agentId: string, user: MessageRecord, reply: string, runId: string, startedAt: number): void {
  const id = ctx.state.ids.uuid();
  const now = ctx.clock.now();
  const prompt = user.content;
  const body = {
    modelType: 'TEXT_LARGE',
    modelKey: 'TEXT_LARGE',
    params: { prompt },
    prompt,
    systemPrompt: ctx.state.agents.get(agentId)?.system ?? null,
    runId,
    timestamp: now,
    executionTime: now - startedAt,
    provider: 'eliza-wire-mock',
    response: reply,
  };
  ctx.state.logs.set(id, { id, agentId, entityId: agentId, roomId: user.channelId, body, type: 'useModel:TEXT_LARGE', createdAt: now });
}

/**
 * The agent's memory of a message. A user's message is remembered as `{text, source}`; the agent's own reply as the
 * content it answered (`{text, thought, actions, simple, providers, inReplyTo, responseId}`, under the reply's id),
 * as 1.7.2's message service stores its response memory; the web UI's Memories tab shows its thought and actions.
 */
function remember(ctx: MockContext, agentId: string, m: MessageRecord, reply?: Record<string, unknown>): void {
  const id = reply ? m.id : ctx.state.ids.uuid();
  const content = reply ? { ...reply, text: m.content } : { text: m.content, source: m.sourceType };
  ctx.state.memories.set(id, { id, entityId: m.authorId, agentId, roomId: m.channelId, content, createdAt: m.createdAt, table: 'messages' });
}

async function oneAgent(ctx: MockContext, agentId: string, channel: ChannelRecord, user: MessageRecord, options: TurnOptions): Promise<TurnResult | undefined> {
  const agent = ctx.state.agents.get(agentId);
  if (!agent) return undefined;
  const startedAt = ctx.clock.now();
  remember(ctx, agentId, user);
  const reply = await ctx.agent.reply({ text: user.content, agentId, agentName: agent.name, channelId: channel.id, senderId: user.authorId });
  if (!reply) return undefined;
  const responseId = ctx.state.ids.uuid();
  const documented = ctx.profile === 'documented';
  if (options.emit && documented) emitControl(ctx, channel.id, 'disable_input', agentId);
  await ctx.clock.sleep(ctx.options.thinkMs);
  chunksOf(reply.text, ctx.options.chunkSize).forEach((chunk, index) => {
    if (options.emit) ctx.hub.toRoom(channel.id, 'messageStreamChunk', { messageId: responseId, chunk, index, agentId, channelId: channel.id });
    options.onChunk?.({ messageId: responseId, chunk, index });
  });
  const stored = storeMessage(ctx, {
    id: responseId,
    channelId: channel.id,
    authorId: agentId,
    content: reply.text,
    sourceType: 'agent_response',
    rawMessage: { text: reply.text, thought: reply.thought, actions: reply.actions },
    metadata: { agent_id: agentId, agentName: agent.name },
    inReplyTo: user.id,
  });
  const content = { ...reply, responseId, inReplyTo: user.id, simple: true as const, providers: [] };
  remember(ctx, agentId, stored, content);
  if (options.emit) {
    ctx.hub.toRoom(channel.id, 'messageBroadcast', agentReplyBroadcast(ctx, stored, agent.name, reply.thought, reply.actions));
    if (documented) {
      ctx.hub.toRoom(channel.id, 'messageComplete', { messageId: responseId, channelId: channel.id, roomId: channel.id });
      emitControl(ctx, channel.id, 'enable_input', agentId);
    }
  }
  const runId = ctx.state.ids.uuid();
  recordModelCall(ctx, agentId, user, reply.text, runId, startedAt);
  recordRun(ctx, agentId, user, startedAt, runId);
  ctx.bus.emit('agent:reply', { agentId, channelId: channel.id, messageId: responseId, text: reply.text });
  ctx.logger.log('debug', `agent ${agent.name} replied in ${channel.id}`);
  return { agentId, reply: stored, content };
}

/**
 * Every running agent that participates in the channel (and did not write the message) answers it, as 1.7.2's
 * message bus does: documented, framed by controlMessage and closed by messageComplete; 1.7.2, chunks then V2.
 */
export async function agentTurn(ctx: MockContext, channel: ChannelRecord, user: MessageRecord, options: TurnOptions): Promise<TurnResult[]> {
  const agents = channel.participants.filter((id) => id !== user.authorId && ctx.state.agents.get(id)?.status === 'active');
  const results = await Promise.all(agents.map((id) => oneAgent(ctx, id, channel, user, options)));
  return results.filter((r): r is TurnResult => r !== undefined);
}
