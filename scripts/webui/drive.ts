/**
 * Drives the web UI through `STEPS` in headless Chromium against one server (behind `serveUi`), recording per step
 * the region's normalised text, every REST answer ≥ 400 and every page error, with a screenshot.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { normalise, type Substitutions } from './normalise.js';
import { serveUi } from './serve-ui.js';
import { STEPS, type StepContext } from './steps.js';

export interface Target {
  /** `mock` or `elizaos-1.7.2`: the folder of its screenshots. */
  name: string;
  /** The server's own URL (the UI is served in front of it). */
  url: string;
  agentId: string;
}

export interface StepRecord {
  id: string;
  /** The region's text, normalised (empty when the step failed before it). */
  lines: string[];
  /** `<status> <METHOD> <path>` of answers ≥ 400 during the step. */
  httpErrors: string[];
  pageErrors: string[];
  /** Why the step could not be done, or what its check found. */
  problems: string[];
  screenshot: string;
}

export interface DriveOptions {
  clientDir: string;
  chromiumPath: string;
  outDir: string;
}

interface AgentInfo {
  name: string;
  username?: string;
  bio?: string[] | string;
  system?: string;
}

/** The agent as this server describes it, so its name, bio and system prompt compare as placeholders. */
async function substitutions(target: Target): Promise<{ agentName: string; subs: Substitutions }> {
  const response = await fetch(`${target.url}/api/agents/${target.agentId}`);
  const body = (await response.json()) as { data?: AgentInfo };
  const agent = body.data;
  if (!agent) throw new Error(`${target.url}/api/agents/${target.agentId} answered ${response.status}: is the agent id right?`);
  const bio = Array.isArray(agent.bio) ? agent.bio : agent.bio ? [agent.bio] : [];
  const literals: [string, string][] = [[agent.name, '<agent>'], ...bio.map((b): [string, string] => [b, '<bio>'])];
  if (agent.system) literals.push([agent.system, '<system>']);
  if (agent.username) literals.push([agent.username, '<username>']);
  return { agentName: agent.name, subs: { literals } };
}

const pathOf = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

/** Runs every step against `target`; a step that fails is recorded and the walk goes on from where the page is. */
export async function driveUi(target: Target, options: DriveOptions): Promise<StepRecord[]> {
  const { agentName, subs } = await substitutions(target);
  const ui = await serveUi(options.clientDir, target.url);
  const browser = await chromium.launch({ executablePath: options.chromiumPath, headless: true });
  const dir = join(options.outDir, target.name);
  await mkdir(dir, { recursive: true });
  const records: StepRecord[] = [];
  try {
    const context = await browser.newContext({ baseURL: ui.url, viewport: { width: 1400, height: 900 }, timezoneId: 'UTC', locale: 'en-US' });
    const page = await context.newPage();
    let httpErrors: string[] = [];
    let pageErrors: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400 && r.url().startsWith(`${ui.url}/api/`)) httpErrors.push(`${r.status()} ${r.request().method()} ${pathOf(r.url())}`);
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const ctx: StepContext = { page, agentName };
    for (const step of STEPS) {
      httpErrors = [];
      pageErrors = [];
      const problems: string[] = [];
      let lines: string[] = [];
      try {
        await step.act(ctx);
        lines = normalise(await step.region(ctx).innerText({ timeout: 5000 }), subs);
        if (step.summary) lines = step.summary(lines);
        if (step.check) problems.push(...(await step.check(ctx)));
      } catch (error) {
        problems.push(`step failed: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
      }
      const screenshot = join(dir, `${step.id}.png`);
      await page.screenshot({ path: screenshot }).catch(() => undefined);
      records.push({ id: step.id, lines, httpErrors: [...new Set(httpErrors)], pageErrors: [...pageErrors], problems, screenshot });
    }
    await context.close();
  } finally {
    await browser.close();
    await ui.close();
  }
  return records;
}
