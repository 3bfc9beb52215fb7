import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { startMockServer, type StartedMockServer } from '../../testing/index.js';
import { CHROMIUM, needChromium } from '../helpers/chromium.js';
import { isRelease } from '../../spec/profiles.js';

const SCREENSHOT = 'test-output/browser-chat.png';

interface StaticServer {
  url: string;
  close(): Promise<void>;
}
// A plain .mjs example (no type declarations): the path goes through a variable, the shape is stated here.
const servePath = '../../examples/browser-chat/serve.mjs';
const { serveBrowserChat } = (await import(servePath)) as { serveBrowserChat: () => Promise<StaticServer> };

let browser: Browser | undefined;
let page: StaticServer | undefined;
let server: StartedMockServer | undefined;
afterAll(async () => {
  await browser?.close();
  await page?.close();
  await server?.close();
});

/** The page served, a fresh mock that allows `corsOrigin` (default: the page's origin), and a new tab on it. */
async function open(profile: 'elizaos-1.7' | 'documented', corsOrigin?: string) {
  page ??= await serveBrowserChat();
  await server?.close();
  // The page is on another origin than the mock: CORS must allow it (REST and the polling transport).
  server = await startMockServer({ profile, corsOrigin: corsOrigin ?? page.url });
  browser ??= await chromium.launch({ executablePath: CHROMIUM, headless: true });
  const tab = await browser.newPage();
  await tab.goto(`${page.url}/?server=${encodeURIComponent(server.url)}`);
  return tab;
}

describe.each(['elizaos-1.7', 'documented'] as const)('examples/browser-chat in headless Chromium (%s)', (profile) => {
  it('types a message, clicks Send and shows the echo reply', async (ctx) => {
    needChromium(ctx);
    const tab = await open(profile);
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    await tab.locator('#status[data-state="ready"]').waitFor({ timeout: 10_000 });
    await tab.fill('#text', 'hello from the browser');
    await tab.click('#send');
    const reply = tab.locator('#messages li.agent .text');
    await reply.waitFor({ timeout: 10_000 });
    expect(await reply.textContent()).toBe('echo: hello from the browser');
    expect(await tab.locator('#messages li .text').allTextContents()).toEqual(['hello from the browser', 'echo: hello from the browser']);
    expect(await tab.locator('#messages li.agent').getAttribute('data-sender')).toBe(server!.agentId);
    expect(errors).toEqual([]);
    if (isRelease(profile)) {
      await mkdir('test-output', { recursive: true });
      await tab.screenshot({ path: SCREENSHOT, fullPage: true });
      expect(existsSync(SCREENSHOT)).toBe(true);
    }
    await tab.close();
  }, 30_000);
});

describe('examples/browser-chat and CORS', () => {
  it('cannot start when the server does not allow the page’s origin', async (ctx) => {
    needChromium(ctx);
    const tab = await open('elizaos-1.7', 'http://example.invalid');
    await tab.locator('#status[data-state="error"]').waitFor({ timeout: 10_000 });
    expect(await tab.textContent('#status')).toBe('Cannot start: Failed to fetch');
    await tab.close();
  }, 30_000);
});
