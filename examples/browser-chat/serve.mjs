#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const clientDist = join(dirname(createRequire(import.meta.url).resolve('socket.io-client/package.json')), 'dist');

/** The only files served: the page, its script, and the Socket.IO browser bundle from node_modules. */
const FILES = {
  '/': [join(here, 'index.html'), 'text/html; charset=utf-8'],
  '/index.html': [join(here, 'index.html'), 'text/html; charset=utf-8'],
  '/chat.js': [join(here, 'chat.js'), 'text/javascript; charset=utf-8'],
  '/socket.io.min.js': [join(clientDist, 'socket.io.min.js'), 'text/javascript; charset=utf-8'],
};

/**
 * Serves the browser chat on 127.0.0.1 (port 0: a free one) and resolves with `{ url, close }`.
 * @param {{ port?: number }} [options]
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serveBrowserChat({ port = 0 } = {}) {
  const server = createServer(async (request, response) => {
    const file = FILES[new URL(request.url ?? '/', 'http://x').pathname];
    if (!file) return response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    response.writeHead(200, { 'content-type': file[1], 'cache-control': 'no-store' }).end(await readFile(file[0]));
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// `node examples/browser-chat/serve.mjs [port]`: serve the page; open it with ?server=<the mock's URL>.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await serveBrowserChat({ port: Number(process.argv[2] ?? 8080) });
  process.stdout.write(`open ${url}/?server=http://127.0.0.1:3000 (start the server with: npx eliza-wire mock --cors-origin ${url})\n`);
}
