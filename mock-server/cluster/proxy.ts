/**
 * The primary's server: a reverse proxy that routes each HTTP request on its own, not each connection. A browser's
 * connection pool (or one keep-alive agent) sends requests of several engine.io sessions over one connection, so a
 * request naming a session (`sid=w<n>-…`) goes to worker n and any other goes round-robin, whichever connection
 * it came on. Workers listen on their own loopback ports; bodies stream through in both directions untouched
 * (binary-safe). A websocket upgrade is routed the same way and then piped both ways for its lifetime.
 */
import { Agent, createServer, request, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import { rebuildHead, sessionWorkerOf } from './routing.js';

/** A worker as the proxy sees it: its number and the loopback port it listens on. */
export interface Backend {
  id: number;
  port: number;
}

/** Picks the worker for a request: the session's worker when the request names one, else the next in turn. */
export type Pick = (sessionWorker: number | undefined) => Backend | undefined;

/** Headers of one hop only (RFC 9110 §7.6.1): never forwarded. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'expect'];
const UNAVAILABLE = 'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';

function forwardable(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const named = String(headers.connection ?? '').toLowerCase().split(',').map((h) => h.trim());
  const out: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (!HOP_BY_HOP.includes(name) && !named.includes(name)) out[name] = value;
  return out;
}

function refuse(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
}

function forward(req: IncomingMessage, res: ServerResponse, target: Backend, agent: Agent): void {
  const headers = { ...forwardable(req.headers), 'x-forwarded-for': req.socket.remoteAddress ?? '' };
  const upstream = request({ host: '127.0.0.1', port: target.port, method: req.method, path: req.url, headers, agent }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.statusMessage, forwardable(answer.headers));
    answer.pipe(res);
    answer.once('error', () => res.destroy());
  });
  // the client went away (a long-poll it gave up, a closed tab): so does the worker's request
  res.once('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  upstream.once('error', () => refuse(res, 502, `cluster worker ${target.id} did not answer`));
  req.pipe(upstream);
}

/**
 * An upgrade (websocket) to its worker: the request head as the client sent it, then both directions piped. Handing
 * the socket itself to the worker over IPC would spare this copy, but lost the probe of polling clients that
 * upgrade (measured: 1 in 3 stalled), so the bytes go through here.
 */
function tunnel(req: IncomingMessage, socket: Socket, rest: Buffer, target: Backend): void {
  const upstream = connect(target.port, '127.0.0.1', () => {
    upstream.write(rebuildHead(req, rest));
    upstream.pipe(socket).pipe(upstream);
  });
  upstream.once('error', () => socket.destroy());
  socket.once('error', () => upstream.destroy());
  socket.once('close', () => upstream.destroy());
  upstream.once('close', () => socket.destroy());
}

/** The proxy server (not yet listening), every client connection it holds (for close()) and its agent to workers. */
export function createClusterProxy(pick: Pick): { server: Server; sockets: Set<Socket>; agent: Agent } {
  const agent = new Agent({ keepAlive: true });
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const target = pick(sessionWorkerOf(req.url));
    if (target === undefined) return refuse(res, 503, 'the mock cluster is not serving (starting or stopping)');
    forward(req, res, target, agent);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, rest: Buffer) => {
    const target = pick(sessionWorkerOf(req.url));
    if (target === undefined) return void socket.end(UNAVAILABLE);
    tunnel(req, socket, rest, target);
  });
  return { server, sockets, agent };
}
