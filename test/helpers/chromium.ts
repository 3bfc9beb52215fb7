import { CHROMIUM_SERVICE, needService } from './service.js';

/** Debian's chromium (`apt-get install -y chromium`; .ci/run installs it), or CHROMIUM_PATH. */
export const CHROMIUM = CHROMIUM_SERVICE.path ?? '/usr/bin/chromium';

/** True when a browser test can run here. */
export const hasChromium = CHROMIUM_SERVICE.path !== undefined;

/**
 * Call first in a browser test: without chromium the test is skipped (one line names what to install), except under
 * CI, where a missing browser fails it.
 */
export function needChromium(ctx: { skip: (note: string) => void }): void {
  if (needService(CHROMIUM_SERVICE)) return;
  ctx.skip(CHROMIUM_SERVICE.missing ?? 'chromium missing');
}
