import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface ProxyResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface Breakage {
  /** Answer instead of the server (return undefined to forward). */
  answer?: (req: ProxyRequest) => ProxyResponse | undefined;
  /** Change what the server answered. */
  rewrite?: (req: ProxyRequest, res: ProxyResponse) => ProxyResponse;
}

const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding']);

/** A tiny broken server: an HTTP proxy to a good one that breaks some answers. HTTP only (no socket upgrade). */
export async function brokenProxy(upstream: string, breakage: Breakage): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request: ProxyRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString() };
      const send = (r: ProxyResponse) => res.writeHead(r.status, r.headers).end(r.body);
      const direct = breakage.answer?.(request);
      if (direct) return send(direct);
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && !HOP.has(k)).map(([k, v]) => [k, String(v)]));
      fetch(`${upstream}${request.path}`, { method: request.method, headers, body: ['GET', 'HEAD'].includes(request.method) ? undefined : request.body })
        .then(async (r) => {
          const upstreamResponse: ProxyResponse = { status: r.status, headers: Object.fromEntries([...r.headers].filter(([k]) => !HOP.has(k))), body: await r.text() };
          send(breakage.rewrite ? breakage.rewrite(request, upstreamResponse) : upstreamResponse);
        })
        .catch((e: Error) => send({ status: 502, headers: { 'content-type': 'text/plain' }, body: e.message }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
