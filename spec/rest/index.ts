import { agentOperations } from './agents.js';
import { audioOperations, mediaOperations } from './audio-media.js';
import { channelOperations, deprecatedChannelOperations } from './channels.js';
import { agentMemoryAliases, memoryOperations } from './memory.js';
import { messageServerOperations, deprecatedServerOperations } from './message-servers.js';
import { messagingCoreOperations } from './messaging-core.js';
import { rootOperations } from './root.js';
import { serverOperations, systemOperations } from './server-system.js';
import { jobOperations, sessionOperations } from './sessions.js';
import type { RestOperation } from './operation.js';

const operations = [
  ...rootOperations,
  ...agentOperations,
  ...agentMemoryAliases,
  ...memoryOperations,
  ...messagingCoreOperations,
  ...messageServerOperations,
  ...channelOperations,
  ...sessionOperations,
  ...jobOperations,
  ...deprecatedServerOperations,
  ...deprecatedChannelOperations,
  ...audioOperations,
  ...mediaOperations,
  ...serverOperations,
  ...systemOperations,
];

/** Every REST operation of the protocol, in the reference's order, with aliases after their domain. */
export const restOperations: readonly RestOperation[] = operations;

/** The id of every REST operation, typed from the entries themselves (a new entry is a new id at once). */
export type RestOperationId = (typeof operations)[number]['id'];
