/** What the browser test's page exposes on `globalThis.elizaWire` (shared by the page bundle and the Node test). */
export interface Exchange {
  status: number;
  contentType: string | null;
  body: unknown;
}

/** Two users join a channel over Socket.IO; `a` sends `text`. */
export interface SocketScript {
  channelId: string;
  userA: string;
  userB: string;
  serverId: string;
  text: string;
}

export type Received = [event: string, payload: unknown];

export interface SocketRun {
  /** What each socket received, in order. */
  a: Received[];
  b: Received[];
}

export interface PageApi {
  ready(): Promise<void>;
  controlled(): boolean;
  call(method: string, path: string, body?: unknown): Promise<Exchange>;
  sockets(script: SocketScript): Promise<SocketRun>;
}
