import type { Server } from 'socket.io';
import type { Clock } from '../clock.js';
import type { Faults } from '../faults.js';
import type { MockEventBus } from '../events.js';
import type { Profile, ServerPayload, ServerToClientEvents } from '../../spec/index.js';
import { outgoingCheck, type OutgoingCheck } from './outgoing-check.js';
import type { MockIo, PeerSocket, RoomEmitter } from './peer.js';
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

/** A server → client event name of the spec (any profile). */
export type ServerEvent = keyof ServerToClientEvents;

/** The one place server → client events leave the mock: faults, overrides and the event log apply here. */
export class SocketHub {
  /** How room events reach the transport's sockets. Unset: room events go nowhere. */
  rooms?: RoomEmitter;
  readonly overrides: OutgoingOverride[] = [];
  private server?: MockIo;
  private check?: { profile: Profile; run: OutgoingCheck; log: (line: string) => void };

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
  get io(): MockIo | undefined {
    return this.server;
  }

  set io(server: MockIo | undefined) {
    if (server && server !== this.server && this.guard) guardSlowConsumers(server, this.guard.limits, this.guard.report);
    this.server = server;
  }

  /**
   * Checks every payload that leaves against the profile's spec (after overrides, as it is sent) and reports one
   * that fits no entry of its event as a `violation` on the bus, as REST responses are (`validateResponses`).
   */
  validateAgainst(profile: Profile, log: (line: string) => void): void {
    this.check = { profile, run: outgoingCheck(profile), log };
  }

  /** Only spec event names, each with its payload type (the union over profiles and variants). */
  toSocket<E extends ServerEvent>(socket: PeerSocket, event: E, payload: ServerPayload<E>): void {
    this.send(event, payload, { socketId: socket.id }, (p) => socket.emit(event, p));
  }

  /** To every socket in the room, or every one but `except`. */
  toRoom<E extends ServerEvent>(room: string, event: E, payload: ServerPayload<E>, except?: PeerSocket): void {
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
    for (const copy of copies) this.validate(event, copy, target);
    const deliver = () => {
      for (let i = 0; i < times; i += 1) for (const copy of copies) emit(copy);
      this.bus.emit('socket:out', { event, payload: copies[0], ...target });
    };
    if (fault.delayMs > 0) void this.clock.sleep(fault.delayMs).then(deliver);
    else deliver();
  }

  private validate(event: string, payload: unknown, target: { socketId?: string; room?: string }): void {
    const check = this.check;
    if (!check) return;
    const issues = check.run(event, payload);
    if (issues.length === 0) return;
    const where = `socket ${event} to ${target.room !== undefined ? `room ${target.room}` : `socket ${target.socketId}`} (${check.profile})`;
    check.log(`${where} does not fit the spec: ${issues.join('; ')}`);
    this.bus.emit('violation', { where, issues });
  }
}

/** Rooms of a socket.io server: `except` is left out through its own id room, as `socket.to(room)` does. */
export function socketIoRooms(io: MockIo): RoomEmitter {
  // The hub has typed and checked the event already; the room emitter only forwards it.
  const untyped: Server = io;
  return {
    emit(room, event, payload, except) {
      if (except) untyped.to(room).except(except.id).emit(event, payload);
      else untyped.to(room).emit(event, payload);
    },
  };
}
