/**
 * What the primary's proxy routes by: the worker an engine.io session id names (`w<n>-…`, worker.ts makes them),
 * read from a request's `sid` query parameter, and the head of an upgrade request rebuilt for the worker.
 */
import type { IncomingMessage } from 'node:http';

/** The worker number of an engine.io session id `w<n>-…`, or undefined. */
export function workerOfSessionId(sid: string | null | undefined): number | undefined {
  const match = /^w(\d+)-/.exec(sid ?? '');
  return match ? Number(match[1]) : undefined;
}

/** The worker named by the `sid` query parameter of a request target, e.g. `/socket.io/?EIO=4&sid=w2-…`. */
export function sessionWorkerOf(target: string | undefined): number | undefined {
  try {
    return workerOfSessionId(new URL(target ?? '/', 'http://primary').searchParams.get('sid'));
  } catch {
    return undefined; // not a valid target: round-robin, and the worker answers 400
  }
}

/** The bytes of `req`'s head as the client sent them (names as sent, repeated headers kept), then `rest`. */
export function rebuildHead(req: IncomingMessage, rest: Buffer): Buffer {
  const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
  for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), rest]);
}
