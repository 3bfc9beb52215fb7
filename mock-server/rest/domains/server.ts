import type { HandlerMap } from '../handlers.js';

export const serverHandlers = {} satisfies Partial<HandlerMap>;
