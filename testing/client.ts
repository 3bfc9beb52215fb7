import type { ClientToServerEvents, Profile, ServerToClientEvents } from '../spec/index.js';
import type { ResolvedConnect } from './connect-options.js';
import { TEST_CLIENT_ERROR_CODES as CODES, TestClientError, WaitForError, type TestClientErrorCode } from './errors.js';
import { Inbox } from './inbox.js';
import type { ProfilePayload } from './payload-types.js';
import { createSocket, openSocket, type TypedSocket } from './open-socket.js';
import { joinMessage, sendMessage, type JoinPayloadOptions, type SendOptions } from './payloads.js';
import { formatReceived, type TimelineEntry } from './timeline.js';

/** Events `waitFor` accepts: every server → client event of the spec, and the socket's own `disconnect`. */
export type WaitableEvent = keyof ServerToClientEvents | 'disconnect';

/** What `waitFor(event)` resolves with: the payload the spec gives the event in profile `P` (the union of its variants). */
export type WaitPayload<E extends WaitableEvent, P extends Profile = Profile> = E extends keyof ServerToClientEvents ? ProfilePayload<P, E> : { reason: string };

export interface WaitOptions {
  /** In ms; default: the client's `timeout` (2000). */
  timeout?: number;
}

export interface JoinOptions extends JoinPayloadOptions, WaitOptions {
  /** Wait for `channel_joined` (default true). `false` for a server that does not confirm (documented: SHOULD). */
  confirm?: boolean;
}

/** What `send()` emitted. */
export interface SentMessage {
  /** The payload's `messageId`: the server echoes it as `clientMessageId` in messageAck and the sender's broadcast. */
  clientMessageId: string;
  channelId: string;
  payload: Record<string, unknown>;
}

type Match = (entry: TimelineEntry) => boolean;
interface Pending {
  label: string;
  names: readonly string[];
  cancel: (error: unknown) => void;
}

/**
 * A Socket.IO client for tests, made by `connect()`. It records every event in and out (`timeline()`), keeps
 * received events until a `waitFor` takes them, and explains a failed wait with what did arrive.
 */
export class TestClient<P extends Profile = Profile> {
  readonly entityId: string;
  readonly url: string;
  readonly profile: P;
  /** The underlying socket.io-client socket, typed from the spec (for what this client does not wrap). */
  readonly socket: TypedSocket;
  private readonly inbox = new Inbox();
  private readonly entries: TimelineEntry[] = [];
  private readonly pending = new Set<Pending>();
  private readonly t0 = performance.now();
  private state: 'open' | 'disconnected' | 'closed' = 'open';
  private disconnectReason = '';
  private lastChannel: string | undefined;

  /** @internal use `connect()`. */
  constructor(private readonly settings: ResolvedConnect) {
    this.entityId = settings.entityId;
    this.url = settings.url;
    this.profile = settings.profile as P;
    this.socket = createSocket(settings);
    this.socket.onAny((event: string, payload: unknown) => this.record('in', event, payload));
    this.socket.onAnyOutgoing((event: string, payload: unknown) => this.record('out', event, payload));
    this.socket.on('connect', () => this.record('in', 'connect', undefined));
    this.socket.on('disconnect', (reason) => this.onDisconnect(reason));
  }

  /** @internal */
  async open(): Promise<this> {
    await openSocket(this.settings, this.socket);
    return this;
  }

  private record(direction: TimelineEntry['direction'], event: string, payload: unknown): void {
    const entry = { direction, event, payload, at: Math.round(performance.now() - this.t0), time: Date.now() };
    this.entries.push(entry);
    if (direction === 'in') this.inbox.push(entry);
  }

  private onDisconnect(reason: string): void {
    this.record('in', 'disconnect', { reason });
    if (this.state === 'closed') return;
    this.state = 'disconnected';
    this.disconnectReason = reason;
    for (const p of [...this.pending]) p.cancel(this.waitError(CODES.disconnected, `${p.label}: the socket disconnected (${reason}) before a matching event arrived.`, p.names));
  }

  private waitError(code: TestClientErrorCode, head: string, names: readonly string[]): WaitForError {
    const received = this.inbox.summary();
    return new WaitForError(code, `${head}\n${formatReceived(received, names)}`, received);
  }

  private usable(operation: string): void {
    if (this.state === 'closed') throw new TestClientError(CODES.closed, `${operation} after close(): this client is closed; connect() a new one.`);
    if (this.state === 'disconnected') throw new TestClientError(CODES.disconnected, `${operation}: the socket is disconnected (${this.disconnectReason}); connect() a new client.`);
  }

  /** Takes the first matching event received at or after `from`, or waits for one; rejects with what did arrive. */
  private async take(label: string, names: readonly string[], match: Match, timeout = this.settings.timeout, from = 0): Promise<TimelineEntry> {
    if (this.state === 'closed') throw new TestClientError(CODES.closed, `${label} after close(): this client is closed; wait before closing, or connect() a new one.`);
    const found = this.inbox.take(match, from);
    if (found) return found;
    if (this.state === 'disconnected') throw this.waitError(CODES.disconnected, `${label}: the socket is disconnected (${this.disconnectReason}) and no matching event had arrived.`, names);
    const { promise, cancel } = this.inbox.wait(match);
    const pending: Pending = { label, names, cancel };
    this.pending.add(pending);
    const timer = setTimeout(() => cancel(this.waitError(CODES.waitTimeout, `${label} timed out after ${timeout} ms.`, names)), timeout);
    try {
      return await promise;
    } finally {
      clearTimeout(timer);
      this.pending.delete(pending);
    }
  }

  /**
   * Resolves with the payload of the first received `event` (matching `predicate`, when given) that no earlier
   * `waitFor` or `join` took. Events that arrived before the call count: the earliest one not yet taken wins.
   * Each event is taken at most once. Rejects with a WaitForError listing every received event on timeout,
   * disconnect or close; rejects at once after `close()`.
   *
   * @example
   * const sent = client.send('hello');
   * const ack = await client.waitFor('messageAck', (a) => a.clientMessageId === sent.clientMessageId);
   * const reply = await client.waitFor('messageBroadcast', (m) => m.senderId === agentId, { timeout: 5000 });
   */
  waitFor<E extends WaitableEvent>(event: E, options?: WaitOptions): Promise<WaitPayload<E, P>>;
  waitFor<E extends WaitableEvent>(event: E, predicate: ((payload: WaitPayload<E, P>) => boolean) | undefined, options?: WaitOptions): Promise<WaitPayload<E, P>>;
  async waitFor<E extends WaitableEvent>(event: E, predicateOrOptions?: ((payload: WaitPayload<E, P>) => boolean) | WaitOptions, maybeOptions?: WaitOptions): Promise<WaitPayload<E, P>> {
    const predicate = typeof predicateOrOptions === 'function' ? predicateOrOptions : undefined;
    // waitFor(event, undefined, { timeout }) is the predicate form without a predicate: its options come third
    const options = typeof predicateOrOptions === 'object' ? predicateOrOptions : maybeOptions;
    const label = `waitFor('${event}'${predicate ? ', predicate' : ''})`;
    const match: Match = (e) => e.direction === 'in' && e.event === event && (!predicate || predicate(e.payload as WaitPayload<E, P>));
    const entry = await this.take(label, [event], match, options?.timeout);
    return entry.payload as WaitPayload<E, P>;
  }

  /**
   * Joins a channel (ROOM_JOINING) and, unless `confirm: false`, resolves with its `channel_joined` (which it
   * takes). Rejects with JOIN_FAILED when the server answers messageError. Later `send()` calls default to it.
   */
  async join(channelId: string, options: JoinOptions = {}): Promise<WaitPayload<'channel_joined', P> | undefined> {
    this.usable(`join('${channelId}')`);
    const from = this.inbox.size;
    this.lastChannel = channelId;
    this.socket.emit('message', joinMessage(this.settings, channelId, options) as Parameters<ClientToServerEvents['message']>[0]);
    if (options.confirm === false) return undefined;
    const match: Match = (e) => e.direction === 'in' && (e.event === 'messageError' || (e.event === 'channel_joined' && (e.payload as { channelId?: unknown }).channelId === channelId));
    const entry = await this.take(`join('${channelId}')`, ['channel_joined'], match, options.timeout, from);
    if (entry.event === 'messageError') {
      throw new TestClientError(CODES.joinFailed, `join('${channelId}'): the server answered messageError ${JSON.stringify(entry.payload)}`);
    }
    return entry.payload as WaitPayload<'channel_joined', P>;
  }

  /**
   * Sends a message (SEND_MESSAGE) to `options.channelId` or the last joined channel, with every field a server
   * reads. Returns at once with the `clientMessageId` it sent; wait for the ack or the broadcast with `waitFor`.
   */
  send(text: string, options: SendOptions = {}): SentMessage {
    this.usable('send()');
    const channelId = options.channelId ?? this.lastChannel;
    if (!channelId) throw new TestClientError(CODES.noChannel, 'send(): no channel: join(channelId) first, or pass send(text, { channelId }).');
    const { clientMessageId, message } = sendMessage(this.settings, channelId, text, options);
    this.socket.emit('message', message as Parameters<ClientToServerEvents['message']>[0]);
    return { clientMessageId, channelId, payload: message.payload };
  }

  /** Emits any client → server event as is (recorded in the timeline), e.g. a deliberately malformed payload. */
  emit<E extends keyof ClientToServerEvents>(event: E, ...args: Parameters<ClientToServerEvents[E]>): void {
    this.usable(`emit('${event}')`);
    (this.socket.emit as (event: string, ...args: unknown[]) => void)(event, ...args);
  }

  /** Every payload received under `event` so far, in order, taken or not. Does not take them. */
  received<E extends WaitableEvent>(event: E): WaitPayload<E, P>[] {
    return this.entries.filter((e) => e.direction === 'in' && e.event === event).map((e) => e.payload as WaitPayload<E, P>);
  }

  /**
   * Every event in and out since `connect()`, in order, with `at` (ms since connect) and `time`.
   *
   * @example
   * expect(client.timeline().filter((e) => e.direction === 'in').map((e) => e.event)).toEqual(['connect', 'authenticated', …]);
   */
  timeline(): TimelineEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }

  get connected(): boolean {
    return this.state === 'open' && this.socket.connected;
  }

  /** Disconnects; pending waits reject with CLIENT_CLOSED. Safe to call twice. */
  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    for (const p of [...this.pending]) p.cancel(this.waitError(CODES.closed, `${p.label}: the client was closed while waiting.`, p.names));
    this.socket.disconnect();
  }
}
