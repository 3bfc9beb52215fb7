import type { HandlerMap } from '../handlers.js';

export const memoryHandlers = {} satisfies Partial<HandlerMap>;
