/**
 * Clients for the hostile-input tests: real socket.io clients on either transport, a raw-packet path (so a test
 * can send what socket.io-client would refuse to encode: 5,000 levels of nesting, broken packets), and the
 * bystander check (a third client still gets a broadcast).
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { Profile } from '../../spec/index.js';

export const NIL = '00000000-0000-0000-0000-000000000000';
export type Transport = 'websocket' | 'polling';

export interface Client {
  socket: Socket;
  entityId: string;
  events: { event: string; data: unknown }[];
  closed: () => boolean;
  /** Sends a socket.io EVENT packet as raw text: `[event, ...args]` written by the test, not by the encoder. */
  raw(packetText: string): void;
}

export async function until(check: () => boolean, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
  return check();
}

export async function connect(url: string, transport: Transport): Promise<Client> {
  const entityId = randomUUID();
  const socket = io(url, { forceNew: true, reconnection: false, transports: [transport], auth: { entityId }, timeout: 5000 });
  const events: Client['events'] = [];
  let closed = false;
  socket.onAny((event: string, data: unknown) => events.push({ event, data }));
  socket.on('disconnect', () => {
    closed = true;
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  // engine.io-client writes the string as one message packet ('4' + text): the socket.io packet is ours
  const raw = (text: string) => socket.io.engine.send(text);
  return { socket, entityId, events, closed: () => closed, raw };
}

export async function join(client: Client, channelId: string): Promise<void> {
  const before = client.events.length;
  client.socket.emit('message', { type: 1, payload: { channelId, entityId: client.entityId } });
  if (!(await until(() => client.events.slice(before).some((e) => e.event === 'channel_joined')))) throw new Error(`join of ${channelId} was not confirmed`);
}

let pings = 0;

/** The sender posts to the channel; resolves true when the bystander gets that broadcast. */
export async function bystanderReceives(sender: Client, bystander: Client, channelId: string): Promise<boolean> {
  pings += 1;
  const text = `ping-${pings}-${randomUUID()}`;
  sender.socket.emit('message', { type: 2, payload: { channelId, senderId: sender.entityId, message: text, messageServerId: NIL } });
  return until(() => bystander.events.some((e) => e.event === 'messageBroadcast' && JSON.stringify(e.data).includes(text)));
}

/** `messageError`s a client got that say its input was refused (both profiles' shapes). */
export function refusals(client: Client): { error: string; code?: string }[] {
  return client.events
    .filter((e) => e.event === 'messageError' && /refused:/.test((e.data as { error?: string }).error ?? ''))
    .map((e) => e.data as { error: string; code?: string });
}

/** JSON text of `levels` nested objects (or arrays) around `leaf`, built as text: no recursion in the test either. */
export function nested(levels: number, kind: 'object' | 'array' = 'object', leaf = '1'): string {
  return kind === 'object' ? '{"a":'.repeat(levels) + leaf + '}'.repeat(levels) : '['.repeat(levels) + leaf + ']'.repeat(levels);
}

/** A JSON text where the string "@@HOSTILE@@" in `template` is replaced by the raw JSON text `value`. */
export function splice(template: unknown, value: string): string {
  return JSON.stringify(template).replace('"@@HOSTILE@@"', () => value);
}

export const HOLE = '@@HOSTILE@@';

export function closeAll(clients: Client[]): void {
  for (const c of clients.splice(0)) c.socket.disconnect();
}

export const profileOf = (p: string) => p as Profile;
