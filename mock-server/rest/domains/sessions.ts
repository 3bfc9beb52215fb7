import type { HandlerMap } from '../handlers.js';

export const sessionHandlers = {} satisfies Partial<HandlerMap>;
