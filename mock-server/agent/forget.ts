import type { MockContext } from '../context.js';

/**
 * What each running agent does when a channel is deleted or cleared: it deletes its `messages` memories of that
 * channel's room. 1.7.2's DELETE /api/messaging/channels/:channelId (and DELETE …/messages) emits `channel_cleared`
 * on the internal bus; every agent's MessageBusService.handleChannelCleared (`@elizaos/server` dist/index.js) calls
 * `messageService.clearChannel` (`@elizaos/core`), which deletes the room's memories of table `messages`. Agents
 * that are stopped are not subscribed and keep theirs. The mock keeps channel ids as room ids.
 */
export function forgetChannel(ctx: MockContext, channelId: string): void {
  const running = new Set(ctx.state.runningAgents().map((a) => a.id));
  for (const m of [...ctx.state.memories.values()]) {
    if (m.roomId === channelId && m.table === 'messages' && running.has(m.agentId)) ctx.state.memories.delete(m.id);
  }
}
