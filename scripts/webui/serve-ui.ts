/**
 * The ElizaOS web UI (the files of `@elizaos/server` 1.7.2's `dist/client`, read where the reference release is
 * installed, never copied) on one origin, with a server behind it: static files from the folder, unknown paths
 * answered with `index.html` (the UI routes on the client), and `/api`, `/socket.io`, `/media` and `/health`
 * proxied to the target, websocket upgrades included.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const PROXIED = ['/api/', '/socket.io/', '/media/', '/health'];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface ServedUi {
  /** `http://127.0.0.1:<port>`: the UI's origin. */
  url: string;
  close(): Promise<void>;
}

const isProxied = (url: string) => PROXIED.some((prefix) => url === prefix.replace(/\/$/, '') || url.startsWith(prefix));

/** The file a path names inside `root`, or undefined (missing, a folder, or outside it). */
function fileOf(root: string, url: string): string | undefined {
  const path = decodeURIComponent(url.split('?')[0] ?? '/');
  const file = normalize(join(root, path));
  if (!file.startsWith(root + sep)) return undefined;
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const file = fileOf(root, req.url ?? '/') ?? join(root, 'index.html');
  const body = await readFile(file);
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function proxyHttp(target: URL, req: IncomingMessage, res: ServerResponse): void {
  const headers = { ...req.headers, host: target.host };
  const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', (error) => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`proxy to ${target.origin} failed: ${error.message}`);
  });
  req.pipe(upstream);
}

/** A websocket upgrade: the request head is replayed to the target, then bytes flow both ways unchanged. */
function proxyUpgrade(target: URL, req: IncomingMessage, client: Socket, head: Buffer): void {
  const upstream = connect(Number(target.port), target.hostname, () => {
    const lines = [`${req.method} ${req.url} HTTP/1.1`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i] ?? '';
      lines.push(`${name}: ${name.toLowerCase() === 'host' ? target.host : req.rawHeaders[i + 1]}`);
    }
    upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length > 0) upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  const end = () => {
    upstream.destroy();
    client.destroy();
  };
  upstream.on('error', end);
  client.on('error', end);
  upstream.on('close', end);
  client.on('close', end);
}

/** Serves the UI in `clientDir` on 127.0.0.1 (a free port), with `targetUrl` behind it. */
export async function serveUi(clientDir: string, targetUrl: string): Promise<ServedUi> {
  if (!existsSync(join(clientDir, 'index.html'))) {
    throw new Error(`no web UI at ${clientDir}: install the reference release first (cd examples/elizaos-reference && npm ci)`);
  }
  const root = normalize(clientDir);
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    if (isProxied(req.url ?? '/')) return proxyHttp(target, req, res);
    serveStatic(root, req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => proxyUpgrade(target, req, socket, head));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
