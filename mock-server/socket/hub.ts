import type { Server } from 'socket.io';
import type { Clock } from '../clock.js';
import type { Faults } from '../faults.js';
import type { MockEventBus } from '../events.js';
import type { PeerSocket, RoomEmitter } from './peer.js';
import { guardSlowConsumers, type Report, type SocketBufferLimits } from './slow-consumers.js';

/** What the hub needs to drop a socket that stops reading: the limits and where to report it. */
export interface SlowConsumerGuard {
  limits: SocketBufferLimits;
  report: Report;
}

/**
 * Rewrites or stops an event on its way out: return the payload (changed or not) to send it, `null` to drop it,
 * or an array to send several copies. First matching override wins.
 */
export interface OutgoingOverride {
  event: string;
  transform: (payload: unknown, target: { socketId?: string; room?: string }) => unknown;
}

/** The one place server → client events leave the mock: faults, overrides and the event log apply here. */
export class SocketHub {
  /** How room events reach the transport's sockets. Unset: room events go nowhere. */
  rooms?: RoomEmitter;
  readonly overrides: OutgoingOverride[] = [];
  private server?: Server;

  constructor(
    private readonly clock: Clock,
    private readonly faults: Faults,
    private readonly bus: MockEventBus,
    private readonly guard?: SlowConsumerGuard,
  ) {}

  /**
   * The socket.io server, when the transport is one (the control routes' forced disconnects use it). Setting it
   * also bounds what may queue for each of its sockets (`guard`): a socket that stops reading is dropped.
   */
  get io(): Server | undefined {
    return this.server;
  }

  set io(server: Server | undefined) {
    if (server && server !== this.server && this.guard) guardSlowConsumers(server, this.guard.limits, this.guard.report);
    this.server = server;
  }

  toSocket(socket: PeerSocket, event: string, payload: unknown): void {
    this.send(event, payload, { socketId: socket.id }, (p) => socket.emit(event, p));
  }

  /** To every socket in the room, or every one but `except`. */
  toRoom(room: string, event: string, payload: unknown, except?: PeerSocket): void {
    const rooms = this.rooms;
    if (!rooms) return;
    this.send(event, payload, { room }, (p) => rooms.emit(room, event, p, except));
  }

  private send(event: string, payload: unknown, target: { socketId?: string; room?: string }, emit: (payload: unknown) => void): void {
    const override = this.overrides.find((o) => o.event === event || o.event === '*');
    const transformed = override ? override.transform(payload, target) : payload;
    if (transformed === null) return;
    const copies = Array.isArray(transformed) && override ? transformed : [transformed];
    const fault = this.faults.forEvent(event);
    if (fault.drop) {
      this.bus.emit('fault', { kind: 'drop', event });
      return;
    }
    const times = fault.duplicate ? 2 : 1;
    const deliver = () => {
      for (let i = 0; i < times; i += 1) for (const copy of copies) emit(copy);
      this.bus.emit('socket:out', { event, payload: copies[0], ...target });
    };
    if (fault.delayMs > 0) void this.clock.sleep(fault.delayMs).then(deliver);
    else deliver();
  }
}

/** Rooms of a socket.io server: `except` is left out through its own id room, as `socket.to(room)` does. */
export function socketIoRooms(io: Server): RoomEmitter {
  return {
    emit(room, event, payload, except) {
      if (except) io.to(room).except(except.id).emit(event, payload);
      else io.to(room).emit(event, payload);
    },
  };
}
