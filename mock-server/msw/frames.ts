/**
 * What a socket.io-client sends over a websocket, one Engine.IO packet per frame: `3` (pong), `1` (close), and `4`
 * messages carrying a Socket.IO packet (`0` connect with auth, `1` disconnect, `2` event, optional ack id).
 * Binary packets and namespaces other than `/` are reported as unsupported.
 */
export type ClientFrame =
  | { kind: 'connect'; auth: Record<string, unknown> }
  | { kind: 'event'; event: string; args: unknown[]; ackId?: number }
  | { kind: 'disconnect' }
  | { kind: 'ignored' }
  | { kind: 'unsupported'; reason: string };

const SOCKET_PACKET = /^([0-6])(\/[^,]*,)?(\d*)([\s\S]*)$/;

function json(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

function socketPacket(text: string): ClientFrame {
  const match = SOCKET_PACKET.exec(text);
  if (!match) return { kind: 'unsupported', reason: `not a Socket.IO packet: ${text.slice(0, 40)}` };
  const [, type, nsp, id, rest = ''] = match;
  if (nsp && nsp !== '/,') return { kind: 'unsupported', reason: `namespace ${nsp.slice(0, -1)}: only / is served` };
  const data = json(rest);
  if (type === '0') return { kind: 'connect', auth: typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {} };
  if (type === '1') return { kind: 'disconnect' };
  if (type !== '2') return { kind: 'unsupported', reason: `Socket.IO packet type ${type} (acks and binary are not served)` };
  if (!Array.isArray(data) || typeof data[0] !== 'string') return { kind: 'unsupported', reason: 'an event without a name' };
  return { kind: 'event', event: data[0], args: data.slice(1), ...(id ? { ackId: Number(id) } : {}) };
}

/** Decodes one text frame a client sent. */
export function decodeFrame(frame: string): ClientFrame {
  if (frame.startsWith('4')) return socketPacket(frame.slice(1));
  if (frame === '1') return { kind: 'disconnect' };
  return { kind: 'ignored' };
}
