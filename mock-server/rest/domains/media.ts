import type { HandlerMap } from '../handlers.js';

export const mediaHandlers = {} satisfies Partial<HandlerMap>;
