import { restFlows } from './rest-flows.js';
import { socketFlows } from './socket-flows.js';
import type { Flow } from './flow.js';

/** Every flow of the protocol: socket flows, then the REST writes that cause socket events. */
export const flows: readonly Flow[] = [...socketFlows, ...restFlows];
