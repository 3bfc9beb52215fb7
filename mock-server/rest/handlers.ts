import type { PrimaryOperationId } from '../../spec/index.js';
import type { Handler } from './result.js';
import { agentHandlers } from './domains/agents.js';
import { rootHandlers } from './domains/root.js';
import { memoryHandlers } from './domains/memory.js';
import { mediaHandlers } from './domains/media.js';
import { serverHandlers } from './domains/server.js';
import { messagingHandlers } from './domains/messaging.js';
import { channelHandlers } from './domains/channels.js';
import { sessionHandlers } from './domains/sessions.js';

/** One handler per operation of the spec (aliases use their target's): a missing one is a compile error. */
export type HandlerMap = { [K in PrimaryOperationId]: Handler };

export const handlers: HandlerMap = {
  ...rootHandlers,
  ...agentHandlers,
  ...memoryHandlers,
  ...mediaHandlers,
  ...serverHandlers,
  ...messagingHandlers,
  ...channelHandlers,
  ...sessionHandlers,
};
