/**
 * The releases other than 1.7.2 in `npm run test:elizaos`: each installed in its own folder
 * (examples/elizaos-reference/releases/<version>, on first use), started, and required to be recognised by
 * `check --profile auto` as its own profile. Then `check --level may` under its own profile and under elizaos-1.7
 * runs against it, and the counts go to test-output/releases.md: figures, not a verdict, until the release's
 * differences are encoded in its profile (docs/releases/).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchReference } from '../examples/elizaos-reference/launch.mjs';
import type { Profile } from '../spec/index.js';
import { detectProfile, runConformance } from '../suites/index.js';
import { clientDirOf, runWebUi } from './webui/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = 'test-output/releases.md';

/** Each release, and the profile `--profile auto` must pick for it. */
export const OTHER_RELEASES: { release: string; profile: Profile }[] = [
  { release: '1.6.5', profile: 'elizaos-1.6' },
  { release: '1.5.8', profile: 'elizaos-1.5' },
  { release: '1.7.3-alpha.4', profile: 'elizaos-1.7.3' },
];

const log = (line: string) => process.stderr.write(`${line}\n`);

function ensureInstalled(release: string): void {
  const dir = join(ROOT, 'examples/elizaos-reference/releases', release);
  if (existsSync(join(dir, 'node_modules/@elizaos/server/package.json'))) return;
  log(`installing @elizaos/server ${release} in ${dir} (its own folder)…`);
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] });
  if (npm.status !== 0) throw new Error(`npm ci in ${dir} failed (${npm.status ?? npm.signal})`);
}

async function counts(url: string, profile: Profile): Promise<string> {
  const report = await runConformance({ url, profile, level: 'MAY' });
  const { passed, failed, skipped } = report.summary;
  return `${passed} passed, ${failed} failed, ${skipped} skipped`;
}

/**
 * A release that ships a web UI: its walk against the mock in its profile and against the release itself (a server
 * of its own, after this one stopped), as figures: the walk's steps are the 1.7.2 UI's.
 */
async function uiWalk(release: string, profile: Profile): Promise<string> {
  if (!existsSync(clientDirOf(release))) return 'ships no web UI';
  try {
    const problems = await runWebUi({ release, profile });
    return problems.length === 0 ? 'same as the release, or known differences only' : `${problems.length} steps differ (test-output/webui-${release}/report.md)`;
  } catch (error) {
    return `walk failed: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`;
  }
}

/** Starts each release; returns the problems (a release that does not start, or that auto detection misreads). */
export async function testReleases(): Promise<string[]> {
  const problems: string[] = [];
  const rows: string[] = [];
  for (const { release, profile } of OTHER_RELEASES) {
    ensureInstalled(release);
    const reference = await launchReference({ release });
    log(`@elizaos/server ${release} at ${reference.url} (pid ${reference.pid}), ready in ${reference.startupMs} ms`);
    try {
      const detected = await detectProfile(reference.url);
      log(`check --profile auto against ${release}: ${detected.profile} (${detected.why})`);
      if (detected.profile !== profile) problems.push(`--profile auto picked ${detected.profile} for ${release}, expected ${profile} (${detected.why})`);
      const own = await counts(reference.url, profile);
      const latest = profile === 'elizaos-1.7' ? own : await counts(reference.url, 'elizaos-1.7');
      log(`${release}: --profile ${profile} ${own}; --profile elizaos-1.7 ${latest}`);
      rows.push(`| ${release} | ${detected.profile} | ${own} | ${latest} | ${await uiWalk(release, profile)} |`);
    } finally {
      await reference.stop();
    }
  }
  const page = [
    '# Other releases: what `check --level may` says (figures, not a verdict)',
    '',
    'Each release profile inherits from elizaos-1.7 until its differences (docs/releases/) are encoded, so its own',
    'profile fails where the release differs.',
    '',
    '| release | --profile auto | under its own profile | under elizaos-1.7 | its web UI against the mock in its profile |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
  await mkdir(join(ROOT, 'test-output'), { recursive: true });
  await writeFile(join(ROOT, OUT), page, 'utf8');
  log(page);
  return problems;
}
