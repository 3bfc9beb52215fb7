import type { HandlerMap } from '../handlers.js';

export const channelHandlers = {} satisfies Partial<HandlerMap>;
