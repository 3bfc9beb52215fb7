import type { HandlerMap } from '../handlers.js';

export const messagingHandlers = {} satisfies Partial<HandlerMap>;
