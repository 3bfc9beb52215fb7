import type { PeerData, PeerSocket, RoomEmitter } from '../socket/peer.js';

type Listener = (...args: never[]) => void;
type AnyListener = (event: string, ...args: unknown[]) => void;

/** The MSW side of one Socket.IO client: what the mock's socket router needs (`PeerSocket`), over a send function. */
export class MswPeer implements PeerSocket {
  readonly data: PeerData = {};
  readonly handshake: { auth: Record<string, unknown>; headers: Record<string, string> };
  private readonly listeners = new Map<string, Listener[]>();
  private readonly anyListeners: AnyListener[] = [];
  private closed = false;

  constructor(
    readonly id: string,
    auth: Record<string, unknown>,
    private readonly rooms: MswRooms,
    private readonly send: (event: string, payload: unknown) => void,
  ) {
    // A mocked websocket has no upgrade request to read headers from: `auth` is the only handshake input.
    this.handshake = { auth, headers: {} };
  }

  join(room: string): void {
    this.rooms.add(room, this);
  }

  emit(event: string, payload: unknown): void {
    if (!this.closed) this.send(event, payload);
  }

  on(event: string, listener: Listener): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }

  onAny(listener: AnyListener): void {
    this.anyListeners.push(listener);
  }

  /** A client event: `onAny` listeners first, then the event's own, as socket.io's server does. */
  dispatch(event: string, args: unknown[]): void {
    for (const listener of this.anyListeners) listener(event, ...args);
    this.fire(event, args);
  }

  /** Ends the socket: `disconnecting` while still in its rooms, then `disconnect`. */
  close(reason: string): void {
    if (this.closed) return;
    this.fire('disconnecting', [reason]);
    this.closed = true;
    this.rooms.leaveAll(this);
    this.fire('disconnect', [reason]);
  }

  private fire(event: string, args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => void)(...args);
  }
}

/** The rooms of the MSW sockets: what `SocketHub.toRoom` delivers through. */
export class MswRooms implements RoomEmitter {
  private readonly members = new Map<string, Set<MswPeer>>();

  add(room: string, peer: MswPeer): void {
    const set = this.members.get(room) ?? new Set<MswPeer>();
    set.add(peer);
    this.members.set(room, set);
  }

  leaveAll(peer: MswPeer): void {
    for (const [room, set] of this.members) {
      set.delete(peer);
      if (set.size === 0) this.members.delete(room);
    }
  }

  emit(room: string, event: string, payload: unknown, except?: PeerSocket): void {
    for (const peer of this.members.get(room) ?? []) if (peer !== except) peer.emit(event, payload);
  }

  clear(): void {
    this.members.clear();
  }
}
