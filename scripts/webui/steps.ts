/**
 * The walk through the ElizaOS web UI, as a person does it: each step acts on the page, then names the region whose
 * text is compared between the mock and 1.7.2. A step's `check` states what must hold on either server.
 */
import type { Locator, Page } from 'playwright-core';

export interface StepContext {
  page: Page;
  /** The agent's display name on this server. */
  agentName: string;
}

export interface Step {
  id: string;
  /** Acts; throws when the page does not get where a person would get. */
  act(ctx: StepContext): Promise<void>;
  /** The region whose text is compared. */
  region(ctx: StepContext): Locator;
  /** What must hold on either server, as problems (empty: fine). */
  check?(ctx: StepContext): Promise<string[]>;
  /** Reduces the normalised lines to what compares across servers (each writes its own log lines). */
  summary?(lines: string[]): string[];
}

const countless = (line: string) => line.replace(/^(Info|Errors|Warnings?|Debug) \d+$/, '$1 <n>');

/**
 * A log view: its controls as they are, the entries as one line saying whether there are any. The two servers log
 * different lines (1.7.2's own messages, the mock's), so only their presence compares.
 */
export function logsSummary(lines: string[]): string[] {
  const at = lines.indexOf('Message');
  if (at < 0) return lines.map(countless);
  const tail = lines.slice(at + 1).filter((l) => /^(Live updates|Clear All Logs)/.test(l));
  const entries = lines.length - at - 1 - tail.length;
  return [...lines.slice(0, at + 1).map(countless), entries > 0 ? '<log entries listed>' : '<no log entries>', ...tail];
}

/** The Model Calls tab: its header, and each model type shown, once (how many calls each server makes differs). */
export function modelCallsSummary(lines: string[]): string[] {
  const at = lines.indexOf('All Actions');
  if (at < 0) return lines;
  const types = new Set<string>();
  for (let i = at + 1; i < lines.length; i++) if (lines[i] === 'LLM' && lines[i + 1]) types.add(`model call: ${lines[i + 1]}`);
  return ['Actions', '<n>', 'All Actions', ...[...types].sort()];
}

const INPUT = 'Type your message here...';
const TIMEOUT = 30_000;
export const MESSAGES = ['hello one', 'second message', 'third and last'] as const;
export const SECOND_CHAT_MESSAGE = 'in the second chat';

const main = ({ page }: StepContext) => page.locator('main').first();
/** The side panel's outer tab panel (the agent panel opened from the chat header). */
const panel = ({ page }: StepContext) => page.locator('[role=tabpanel][data-state=active]').first();

/** Waits until the page has stopped fetching for a moment (the UI polls, so only briefly). */
async function settle(page: Page, ms = 1200): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => undefined);
  await page.waitForTimeout(ms);
}

async function send(page: Page, text: string): Promise<void> {
  const input = page.getByPlaceholder(INPUT);
  await input.fill(text);
  await input.press('Enter');
  await page.getByText(`echo: ${text}`, { exact: true }).first().waitFor({ timeout: TIMEOUT });
  await settle(page);
}

/** The reply shown exactly once (a streamed reply must not also appear as a second bubble). */
function shownOnce(text: string) {
  return async ({ page }: StepContext): Promise<string[]> => {
    const n = await page.locator('main').getByText(`echo: ${text}`, { exact: true }).count();
    return n === 1 ? [] : [`"echo: ${text}" is shown ${n} times, not once`];
  };
}

function sendStep(n: number, text: string): Step {
  return { id: `send-${n}`, act: ({ page }) => send(page, text), region: main, check: shownOnce(text) };
}

async function openPanelTab({ page }: StepContext, name: string): Promise<void> {
  const tab = page.getByRole('tab', { name, exact: true }).first();
  if ((await tab.count()) === 0 || !(await tab.isVisible())) {
    await page.locator('button:has(svg.lucide-panel-right)').first().click();
  }
  await page.getByRole('tab', { name, exact: true }).first().click();
  await settle(page, 2500);
}

function panelStep(id: string, tab: string, summary?: (lines: string[]) => string[]): Step {
  return { id, act: (ctx) => openPanelTab(ctx, tab), region: panel, ...(summary ? { summary } : {}) };
}

/** The Details tab's own tabs (the agent's settings). */
const SETTINGS_TABS = ['Basic', 'Content', 'Style', 'Plugins', 'Secret', 'Avatar'] as const;

function settingsTabStep(tab: string): Step {
  return {
    id: `details-${tab.toLowerCase()}`,
    act: async ({ page }) => {
      await page.getByRole('tab', { name: tab, exact: true }).first().click();
      await settle(page, 800);
    },
    region: ({ page }) => page.locator('[role=tabpanel][data-state=active] [role=tabpanel][data-state=active]').first(),
  };
}

export const STEPS: Step[] = [
  {
    id: 'load',
    act: async ({ page, agentName }) => {
      await page.goto('/');
      await page.getByRole('button', { name: 'Skip' }).click({ timeout: TIMEOUT });
      await page.getByText(agentName, { exact: true }).first().waitFor({ timeout: TIMEOUT });
      await settle(page);
    },
    region: main,
  },
  {
    id: 'open-chat',
    act: async ({ page }) => {
      await page.getByRole('button', { name: 'New Chat' }).first().click();
      await page.getByPlaceholder(INPUT).waitFor({ timeout: TIMEOUT });
      await page.getByText('No messages yet').first().waitFor({ timeout: TIMEOUT });
      await settle(page);
    },
    region: main,
  },
  ...MESSAGES.map((text, i) => sendStep(i + 1, text)),
  {
    id: 'reload',
    act: async ({ page }) => {
      await page.reload();
      await page.getByText(`echo: ${MESSAGES[2]}`, { exact: true }).first().waitFor({ timeout: TIMEOUT });
      await settle(page);
    },
    region: main,
    check: async (ctx) => (await Promise.all(MESSAGES.map((m) => shownOnce(m)(ctx)))).flat(),
  },
  {
    id: 'new-chat',
    act: async ({ page }) => {
      await page.locator('main').getByRole('button', { name: 'New Chat' }).first().click();
      await page.getByText('No messages yet').first().waitFor({ timeout: TIMEOUT });
      await settle(page);
    },
    region: main,
  },
  { id: 'send-second-chat', act: ({ page }) => send(page, SECOND_CHAT_MESSAGE), region: main, check: shownOnce(SECOND_CHAT_MESSAGE) },
  {
    id: 'switch-chat',
    act: async ({ page }) => {
      await page.locator('main button:has(svg.lucide-clock)').first().click();
      await page.getByRole('menuitem').filter({ hasNotText: 'Current' }).first().click();
      await page.getByText(`echo: ${MESSAGES[0]}`, { exact: true }).first().waitFor({ timeout: TIMEOUT });
      await settle(page);
    },
    region: main,
  },
  {
    id: 'delete-chat',
    act: async ({ page }) => {
      await page.getByRole('button', { name: 'More options' }).first().click();
      await page.getByRole('menuitem', { name: 'Delete Chat' }).click();
      const confirm = page.getByRole('alertdialog').getByRole('button', { name: /delete/i });
      if ((await confirm.count()) > 0) await confirm.first().click();
      await page.getByText(`echo: ${MESSAGES[0]}`, { exact: true }).first().waitFor({ state: 'detached', timeout: TIMEOUT });
      await settle(page);
    },
    region: main,
  },
  panelStep('panel-details', 'Details'),
  ...SETTINGS_TABS.map(settingsTabStep),
  panelStep('panel-timeline', 'Timeline'),
  panelStep('panel-model-calls', 'Model Calls', modelCallsSummary),
  panelStep('panel-memories', 'Memories'),
  panelStep('panel-logs', 'Logs', logsSummary),
  {
    id: 'settings-page',
    act: async ({ page }) => {
      await page.getByRole('link', { name: 'Settings' }).first().click();
      await page.waitForURL(/\/settings/, { timeout: TIMEOUT });
      await settle(page, 2000);
    },
    region: main,
  },
  {
    id: 'logs-page',
    act: async ({ page }) => {
      await page.getByRole('link', { name: 'Logs' }).first().click();
      await page.waitForURL(/\/logs/, { timeout: TIMEOUT });
      await settle(page, 3000);
    },
    region: main,
    summary: logsSummary,
  },
];
