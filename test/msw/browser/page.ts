/**
 * The page of the browser test: starts `setupWorker` over `createMswMock` (base URL: the page's own origin) and
 * exposes a small API on `globalThis.elizaWire` that the test drives with Playwright. Bundled by esbuild for the
 * browser; it reaches the DOM through narrow structural types because the project's tsconfig has no DOM lib.
 */
import { setupWorker } from 'msw/browser';
import { createMswMock } from '../../../mock-server/msw/index.js';
import type { Exchange, PageApi, SocketRun, SocketScript } from './page-api.js';

interface PageGlobals {
  location: { origin: string };
  navigator: { serviceWorker: { controller: unknown } };
  document: { getElementById(id: string): { textContent: string | null } | null };
  elizaWire?: PageApi;
}

const page = globalThis as unknown as PageGlobals;
const origin = page.location.origin;
const mock = createMswMock({ profile: 'elizaos-1.7', baseUrl: origin, seed: 7, agents: 2, thinkMs: 0, logLevel: 'warn' });

function log(line: string): void {
  const out = page.document.getElementById('log');
  if (out) out.textContent = `${out.textContent ?? ''}${line}\n`;
}

async function call(method: string, path: string, body?: unknown): Promise<Exchange> {
  const init = body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const response = await fetch(`${origin}${path}`, init);
  const text = await response.text();
  log(`${method} ${path} → ${response.status} ${text.slice(0, 160)}`);
  return { status: response.status, contentType: response.headers.get('content-type'), body: text ? (JSON.parse(text) as unknown) : undefined };
}

async function start(): Promise<void> {
  const worker = setupWorker(...mock.handlers, ...mock.socketHandlers);
  await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledRequest: 'bypass', quiet: true });
  log(`worker started; page controlled by a service worker: ${page.navigator.serviceWorker.controller !== null}`);
}

const ready = start();
page.elizaWire = {
  ready: () => ready,
  controlled: () => page.navigator.serviceWorker.controller !== null,
  call,
  sockets: async (script: SocketScript): Promise<SocketRun> => {
    // After start(): engine.io-client reads `globalThis.WebSocket` when its module loads, and MSW wraps it on start.
    const { runSockets } = await import('./sockets.js');
    return runSockets(script, origin, log);
  },
};
