import { existsSync } from 'node:fs';

/** Debian's chromium (`apt-get install -y chromium`; .ci/run installs it), or CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const inCi = Boolean(process.env.CI) && process.env.CI !== 'false';
const missing = existsSync(CHROMIUM) ? undefined : `Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`;
let warned = false;

/** True when a browser test can run here. */
export const hasChromium = missing === undefined;

/**
 * Call first in a browser test: without chromium the test is skipped (with a warning once, since the reporters do
 * not print skip notes), except under CI, where a missing browser fails it.
 */
export function needChromium(ctx: { skip: (note: string) => void }): void {
  if (!missing) return;
  if (inCi) throw new Error(`${missing} (CI is set, so this fails instead of skipping)`);
  if (!warned) console.warn(`browser tests skipped: ${missing}`);
  warned = true;
  ctx.skip(missing);
}
