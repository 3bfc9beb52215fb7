/**
 * The ElizaOS 1.7.2 web UI, unmodified (from the reference release's `@elizaos/server/dist/client`), driven in
 * headless Chromium against the mock (elizaos-1.7) and against a fresh real 1.7.2, and the two compared step by step.
 * Writes test-output/webui/report.md and the screenshots; returns the problems that fail the run.
 *
 *   tsx scripts/webui/index.ts        # this step alone (installs nothing: run `npm run test:elizaos` once first)
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchReference } from '../../examples/elizaos-reference/launch.mjs';
import { createMockServer } from '../../mock-server/index.js';
import type { Profile } from '../../spec/index.js';
import { DEFAULT_AGENT } from '../../mock-server/state/state.js';
import { CHROMIUM_SERVICE, needService } from '../../test/helpers/service.js';
import { compareWalks, failures, reportMarkdown } from './compare.js';
import { driveUi, type DriveOptions } from './drive.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** A release's web UI and the mock profile that stands for it. 1.7.2 lives in the reference's top folder. */
export interface UiRelease {
  release: string;
  profile: Profile;
}

const DEFAULT_UI: UiRelease = { release: '1.7.2', profile: 'elizaos-1.7' };

/** Where a release's own `dist/client` is installed (never copied into the repository). */
export function clientDirOf(release: string): string {
  const base = release === DEFAULT_UI.release ? 'examples/elizaos-reference' : `examples/elizaos-reference/releases/${release}`;
  return join(ROOT, base, 'node_modules/@elizaos/server/dist/client');
}

const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * Awaits `closing` with a timer held: mock-server/shutdown.ts sweeps on unref'd timers, so in a process with nothing
 * else open the event loop drains and the process exits before `close()` resolves.
 */
async function closeHeld(closing: Promise<void>): Promise<void> {
  const hold = setInterval(() => undefined, 1000);
  try {
    await closing;
  } finally {
    clearInterval(hold);
  }
}

/**
 * Runs a release's UI walk on the mock (in that release's profile) and on the release itself; `[]` when every step
 * shows the same or a known difference. Output: test-output/webui (1.7.2) or test-output/webui-<release>.
 */
export async function runWebUi(ui: UiRelease = DEFAULT_UI): Promise<string[]> {
  if (!needService(CHROMIUM_SERVICE)) return [];
  const OUT = join(ROOT, ui.release === DEFAULT_UI.release ? 'test-output/webui' : `test-output/webui-${ui.release}`);
  const options: DriveOptions = { clientDir: clientDirOf(ui.release), chromiumPath: CHROMIUM_SERVICE.path ?? '/usr/bin/chromium', outDir: OUT };
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });
  const t0 = performance.now();
  const mock = createMockServer({ logLevel: 'silent', profile: ui.profile });
  const mockUrl = await mock.listen(0, '127.0.0.1');
  let mockWalk;
  try {
    mockWalk = await driveUi({ name: 'mock', url: mockUrl, agentId: DEFAULT_AGENT.id }, options);
  } finally {
    await closeHeld(mock.close());
  }
  // a server of its own, without keys (the UI would ask for one) and without the other steps' history
  const reference = await launchReference({ release: ui.release });
  let referenceWalk;
  try {
    referenceWalk = await driveUi({ name: `elizaos-${ui.release}`, url: reference.url, agentId: reference.agentId }, options);
  } finally {
    await reference.stop();
  }
  const comparisons = compareWalks(mockWalk, referenceWalk);
  await writeFile(join(OUT, 'report.md'), reportMarkdown(comparisons), 'utf8');
  await writeFile(join(OUT, 'walks.json'), JSON.stringify({ mock: mockWalk, reference: referenceWalk }, null, 1), 'utf8');
  const problems = failures(comparisons);
  const alike = comparisons.filter((c) => c.onlyMock.length + c.onlyReference.length + c.problems.length === 0);
  const explained = alike.filter((c) => c.explained.length > 0).length;
  log(`webui ${ui.release} (mock: ${ui.profile}): ${comparisons.length} steps in Chromium, ${alike.length - explained} the same, ${explained} with known differences only, ${problems.length} problems, in ${((performance.now() - t0) / 1000).toFixed(1)} s (${OUT.slice(ROOT.length + 1)}/report.md)`);
  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runWebUi().then(
    (problems) => {
      for (const p of problems) log(`FAIL ${p}`);
      process.exitCode = problems.length === 0 ? 0 : 1;
    },
    (error: unknown) => {
      log(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exitCode = 2;
    },
  );
}
