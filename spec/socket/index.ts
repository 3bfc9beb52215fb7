import { clientEvents } from './client-events.js';
import { serverEvents } from './server-events.js';
import type { SocketEvent } from './event.js';

/** Every Socket.IO event of the protocol: client → server first, then server → client. */
export const socketEvents: readonly SocketEvent[] = [...clientEvents, ...serverEvents];
