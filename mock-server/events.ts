import { EventEmitter } from 'node:events';

/** What the mock reports about itself, for tests and tools (`handle.events`). */
export interface MockEventMap {
  request: { operationId: string; method: string; path: string; status: number };
  'socket:connect': { socketId: string; entityId?: string };
  'socket:disconnect': { socketId: string; reason: string };
  'socket:in': { socketId: string; event: string; payload: unknown };
  'socket:out': { event: string; payload: unknown; socketId?: string; room?: string };
  diagnostic: { code: string; message: string; socketId?: string };
  fault: { kind: string; event?: string; operationId?: string };
  'agent:reply': { agentId: string; channelId: string; messageId: string; text: string };
  violation: { where: string; issues: string[] };
}

type Listener<K extends keyof MockEventMap> = (payload: MockEventMap[K]) => void;

/** A typed event emitter over `MockEventMap`. */
export class MockEventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(100);
  }

  on<K extends keyof MockEventMap>(event: K, listener: Listener<K>): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  once<K extends keyof MockEventMap>(event: K, listener: Listener<K>): void {
    this.emitter.once(event, listener);
  }

  emit<K extends keyof MockEventMap>(event: K, payload: MockEventMap[K]): void {
    this.emitter.emit(event, payload);
  }
}
