/**
 * eliza-wire/msw in a real browser: a page bundled with esbuild starts `setupWorker` (msw/browser) over
 * `createMswMock`, with msw's own mockServiceWorker.js at the page's origin root; headless Chromium (playwright-core)
 * loads it from a tiny static server, and the test drives the page through `globalThis.elizaWire`.
 *
 * Chromium: `/usr/bin/chromium`, or `CHROMIUM_PATH`. Missing, the browser tests are skipped with a note, except
 * under `CI`, where they fail.
 */
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, DEFAULT_AGENT } from '../../mock-server/index.js';
import { bundleForBrowser } from './browser/bundle.js';
import type { Exchange, PageApi, SocketRun, SocketScript } from './browser/page-api.js';
import { fromDisk, serveStatic, type StaticServer } from './browser/serve.js';
import { CHROMIUM, hasChromium, needChromium } from '../helpers/chromium.js';

const here = (path: string) => new URL(path, import.meta.url).pathname;
const SCREENSHOT = 'test-output/msw-browser.png';
const SERVER = '00000000-0000-0000-0000-000000000000';
const USER_A = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const USER_B = '2c5f39cb-3ab2-42e3-994a-1127e4ddb538';
/** The page's mock: the same options give the same seeded state on the Node side. */
const SEEDED = { profile: 'elizaos-1.7', seed: 7, agents: 2, thinkMs: 0, logLevel: 'silent' } as const;

type Data<T> = { success: boolean; data: T };

describe('the msw entry as a browser bundle', () => {
  it('bundles for the browser with no Node built-in in its module graph', async () => {
    const code = await bundleForBrowser(here('../../mock-server/msw/index.ts'));
    expect(code).toContain('createMswMock');
  });

  it('refuses a module graph that imports a node: built-in, naming the importer', async () => {
    await expect(bundleForBrowser(here('./browser/fixtures/node-import.ts'))).rejects.toThrow(/node:events is a Node built-in, imported by .*node-import\.ts/);
  });
});

describe('eliza-wire/msw under setupWorker in headless Chromium', () => {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  const inPage = {
    call: (method: string, path: string, body?: unknown): Promise<Exchange> =>
      page.evaluate(([m, p, b]) => (globalThis as unknown as { elizaWire: PageApi }).elizaWire.call(m, p, b), [method, path, body] as const),
    sockets: (script: SocketScript): Promise<SocketRun> => page.evaluate((s) => (globalThis as unknown as { elizaWire: PageApi }).elizaWire.sockets(s), script),
  };
  beforeAll(async () => {
    if (!hasChromium) return;
    const require = createRequire(import.meta.url);
    server = await serveStatic({
      '/': { type: 'text/html; charset=utf-8', body: fromDisk(here('./browser/index.html')) },
      '/page.js': { type: 'text/javascript; charset=utf-8', body: await bundleForBrowser(here('./browser/page.ts')) },
      '/mockServiceWorker.js': { type: 'text/javascript; charset=utf-8', body: fromDisk(require.resolve('msw/mockServiceWorker.js')) },
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
    page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => void (message.type() === 'error' && pageErrors.push(message.text())));
    await page.goto(`${server.origin}/`);
    await page.evaluate(() => (globalThis as unknown as { elizaWire: PageApi }).elizaWire.ready());
  }, 60_000);

  afterAll(async () => {
    if (browser) {
      await mkdir('test-output', { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      await browser.close();
    }
    await server?.close();
  });

  it('answers GET /api/agents from the service worker with the seeded agents, as the mock server does', async (ctx) => {
    needChromium(ctx);
    const reference = createMockServer(SEEDED);
    const expected = await fetch(`${await reference.listen()}/api/agents`).then((r) => r.json() as Promise<unknown>);
    await reference.close();
    const answer = await inPage.call('GET', '/api/agents');
    expect(await page.evaluate(() => (globalThis as unknown as { elizaWire: PageApi }).elizaWire.controlled())).toBe(true);
    expect(answer).toMatchObject({ status: 200, contentType: 'application/json; charset=utf-8' });
    expect(answer.body).toEqual(expected);
    expect((answer.body as Data<{ agents: { id: string }[] }>).data.agents.map((a) => a.id)).toContain(DEFAULT_AGENT.id);
    expect(server?.misses.filter((miss) => miss.includes('/api/'))).toEqual([]);
  });

  it('creates a channel with POST and reads it back with GET: one state behind both handlers', async (ctx) => {
    needChromium(ctx);
    const created = await inPage.call('POST', '/api/messaging/central-channels', { name: 'from the browser', message_server_id: SERVER, participantCentralUserIds: [USER_A] });
    expect(created.status).toBe(201);
    const { id } = (created.body as Data<{ id: string }>).data;
    const read = await inPage.call('GET', `/api/messaging/central-channels/${id}/details`);
    expect(read).toMatchObject({ status: 200, body: { success: true, data: { id, name: 'from the browser', messageServerId: SERVER } } });
    expect(server?.misses.filter((miss) => miss.includes('/api/'))).toEqual([]);
  });

  it('serves Socket.IO through the MSW WebSocket link: connect, join, send, and the echo agent\'s reply', async (ctx) => {
    needChromium(ctx);
    const created = await inPage.call('POST', '/api/messaging/central-channels', { name: 'sockets', message_server_id: SERVER, participantCentralUserIds: [DEFAULT_AGENT.id, USER_A, USER_B] });
    const channelId = (created.body as Data<{ id: string }>).data.id;
    const run = await inPage.sockets({ channelId, userA: USER_A, userB: USER_B, serverId: SERVER, text: 'hello' });
    const names = (received: SocketRun['a']) => received.map(([event]) => event);
    expect(names(run.a).slice(0, 3)).toEqual(['authenticated', 'connection_established', 'channel_joined']);
    expect(run.a.find(([event]) => event === 'messageAck')?.[1]).toMatchObject({ clientMessageId: 'browser-1', channelId });
    const broadcasts = run.b.filter(([event]) => event === 'messageBroadcast').map(([, payload]) => payload as { text: string; senderId: string });
    expect(broadcasts.map((b) => [b.text, b.senderId])).toEqual([['hello', USER_A], ['echo: hello', DEFAULT_AGENT.id]]);
    expect(names(run.b)).toContain('messageStreamChunk');
    expect(server?.upgrades).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
