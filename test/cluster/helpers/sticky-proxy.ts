import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';

/** How the proxy picks a backend: `round-robin` for every request, or `sid` (an engine.io session stays put). */
export type Stickiness = 'round-robin' | 'sid';

export interface StickyProxy {
  url: string;
  /** Requests and upgrades sent to each backend, by index. */
  readonly hits: number[];
  close(): Promise<void>;
}

interface Target { host: string; port: number }

/**
 * A small load balancer in front of several mocks. Round-robin spreads every HTTP request and websocket upgrade
 * over the backends in turn. With `sid`, the backend that answered an engine.io handshake is remembered under the
 * session id it handed out (read from the response), and every later request carrying `?sid=` goes there.
 */
export async function startStickyProxy(backends: string[], stickiness: Stickiness): Promise<StickyProxy> {
  const targets: Target[] = backends.map((b) => ({ host: new URL(b).hostname, port: Number(new URL(b).port) }));
  const hits = targets.map(() => 0);
  const sessions = new Map<string, number>();
  let next = 0;
  const pick = (url: string | undefined): number => {
    const sid = new URL(url ?? '/', 'http://x').searchParams.get('sid');
    const known = stickiness === 'sid' && sid ? sessions.get(sid) : undefined;
    const index = known ?? next++ % targets.length;
    hits[index] = (hits[index] ?? 0) + 1;
    return index;
  };
  const server = createServer((req, res) => {
    const index = pick(req.url);
    const target = targets[index]!;
    const upstream = request({ ...target, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.on('data', (chunk: Buffer) => learnSid(chunk, index, sessions));
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => tunnel(req, socket, head, targets[pick(req.url)]!));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, hits, close: () => closeServer(server) };
}

/** An engine.io open packet (`0{"sid":…}`) names the session this backend now holds. */
function learnSid(chunk: Buffer, index: number, sessions: Map<string, number>): void {
  const match = /0\{"sid":"([^"]+)"/.exec(chunk.toString('utf8', 0, Math.min(chunk.length, 200)));
  if (match?.[1]) sessions.set(match[1], index);
}

/** A websocket upgrade: the request line and headers replayed to the backend, then raw bytes both ways. */
function tunnel(req: IncomingMessage, socket: Duplex, head: Buffer, target: Target): void {
  const upstream = connect(target.port, target.host, () => {
    const headers = Object.entries(req.headers).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => `${k}: ${x}`) : [`${k}: ${v ?? ''}`]));
    upstream.write(`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`);
    if (head.length > 0) upstream.write(head);
    upstream.pipe(socket).pipe(upstream);
  });
  const end = () => {
    upstream.destroy();
    socket.destroy();
  };
  upstream.on('error', end);
  socket.on('error', end);
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
