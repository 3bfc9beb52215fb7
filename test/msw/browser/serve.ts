import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A file the static server answers with, by path. */
export type StaticFiles = Record<string, { type: string; body: string | (() => Promise<string>) }>;

export interface StaticServer {
  origin: string;
  /** Requests the server saw outside `files` (a mocked request that leaked to the network lands here). */
  readonly misses: string[];
  /** WebSocket upgrade requests (refused: a mocked socket never reaches the network). */
  readonly upgrades: string[];
  close(): Promise<void>;
}

/** A file read from disk when it is asked for. */
export const fromDisk = (path: string) => () => readFile(path, 'utf8');

/** Serves `files` on 127.0.0.1 (a free port); anything else is a 404, recorded. */
export async function serveStatic(files: StaticFiles): Promise<StaticServer> {
  const misses: string[] = [];
  const upgrades: string[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = files[path];
    if (!file) {
      misses.push(`${req.method} ${req.url}`);
      return void res.writeHead(404).end();
    }
    const body = typeof file.body === 'string' ? Promise.resolve(file.body) : file.body();
    body.then(
      (text) => res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(text),
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
  server.on('upgrade', (req, socket) => {
    upgrades.push(req.url ?? '');
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    misses,
    upgrades,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
