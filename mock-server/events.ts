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
type AnyListener = (payload: never) => void;

/**
 * A typed event emitter over `MockEventMap`, with node:events' semantics (listeners run synchronously in the order
 * they were added; one removed during an emit still runs for that emit) and no Node built-in, so the MSW entry runs
 * in a browser.
 */
export class MockEventBus {
  private readonly listeners = new Map<keyof MockEventMap, AnyListener[]>();

  on<K extends keyof MockEventMap>(event: K, listener: Listener<K>): () => void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return () => this.off(event, listener);
  }

  once<K extends keyof MockEventMap>(event: K, listener: Listener<K>): void {
    const off = this.on(event, (payload) => {
      off();
      listener(payload);
    });
  }

  emit<K extends keyof MockEventMap>(event: K, payload: MockEventMap[K]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as Listener<K>)(payload);
  }

  /** Removes the most recently added registration of `listener`, as `EventEmitter.off` does. */
  private off<K extends keyof MockEventMap>(event: K, listener: Listener<K>): void {
    const current = this.listeners.get(event) ?? [];
    const at = current.lastIndexOf(listener);
    if (at >= 0) this.listeners.set(event, current.filter((_, i) => i !== at));
  }
}
