/**
 * `npm run test:elizaos`: eliza-wire against the real @elizaos/server 1.7.2 (examples/elizaos-reference, installed
 * in its own folder on first use, started for the run and stopped by PID after it).
 *
 * 1. `check --profile elizaos-1.7 --level may` must pass in full: the profile is what 1.7.2 does.
 * 2. `check --profile documented --level may` writes where 1.7.2 falls short of its documentation to
 *    docs/conformance/elizaos-1.7.2.md; the run fails when the committed page is stale (`--write` updates it).
 * 3. `diff` between the built-in mock (elizaos-1.7) and the real server (run first, on the fresh server), against
 *    the explained differences of docs/conformance/elizaos-1.7.2.known.yaml: an unexplained difference fails the
 *    run; the explanations are listed on the page of step 2.
 * 4. The 1.7.2 web UI (its own dist/client) in headless Chromium against the mock and against a fresh 1.7.2 of its
 *    own, compared step by step (scripts/webui; test-output/webui/report.md and a screenshot per step): a difference
 *    that scripts/webui/compare.ts does not explain fails the run. Skipped with one line without chromium.
 * 5. A short fanout and roundtrip `bench` against the real server and the mock, side by side
 *    (test-output/elizaos-1.7.2-bench.md; figures, not a verdict).
 * 6. The other releases (1.6.5, 1.5.8, 1.7.3-alpha.4), each started from its own folder: `check --profile auto`
 *    must pick its profile; the check counts under its own profile and elizaos-1.7 go to test-output/releases.md.
 *
 *   tsx scripts/test-elizaos.ts [--write] [--skip-bench] [--skip-webui] [--skip-releases]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchReference, type LaunchedReference } from '../examples/elizaos-reference/launch.mjs';
import { createMockServer } from '../mock-server/index.js';
import { formatConsole, formatMarkdown, parseKnown, runConformance, runDiff, type KnownDifference, type Report } from '../suites/index.js';
import { runBench, type BenchResult } from '../suites/load/index.js';
import { conformanceDoc } from './conformance-doc.js';
import { testReleases } from './test-releases.js';
import { runWebUi } from './webui/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const REFERENCE = join(ROOT, 'examples/elizaos-reference');
const DOC = 'docs/conformance/elizaos-1.7.2.md';
const KNOWN = 'docs/conformance/elizaos-1.7.2.known.yaml';
const DIFF_OUT = 'test-output/elizaos-1.7.2-diff.md';
const BENCH_OUT = 'test-output/elizaos-1.7.2-bench.md';
const AUTH_TOKEN = 'eliza-wire-reference-rest-key';
const SOCKET_KEY = 'eliza-wire-reference-socket-key';

const log = (line: string) => process.stderr.write(`${line}\n`);

function ensureInstalled(): void {
  if (existsSync(join(REFERENCE, 'node_modules/@elizaos/server/package.json'))) return;
  log('installing @elizaos/server 1.7.2 in examples/elizaos-reference (its own folder)…');
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: REFERENCE, stdio: ['ignore', 'inherit', 'inherit'] });
  if (npm.status !== 0) throw new Error(`npm ci in ${REFERENCE} failed (${npm.status ?? npm.signal})`);
}

function summaryLine(report: Report): string {
  return `${report.summary.passed} passed, ${report.summary.failed} failed, ${report.summary.skipped} skipped`;
}

/** The mock in the elizaos-1.7 profile against the real server: every difference must be explained in KNOWN. */
async function diffWithMock(reference: LaunchedReference, known: KnownDifference[]): Promise<string[]> {
  const mock = createMockServer({ logLevel: 'silent', authToken: AUTH_TOKEN, socketApiKey: SOCKET_KEY });
  const mockUrl = await mock.listen(0, '127.0.0.1');
  try {
    const report = await runDiff({ a: mockUrl, b: reference.url, profile: 'elizaos-1.7', apiKey: AUTH_TOKEN, socketApiKey: SOCKET_KEY, known });
    await mkdir(join(ROOT, 'test-output'), { recursive: true });
    await writeFile(join(ROOT, DIFF_OUT), formatMarkdown(report), 'utf8');
    const { units, identical, unexplained, explained } = report.summary;
    log(`diff mock (elizaos-1.7) vs 1.7.2: ${units} compared, ${identical} identical, ${unexplained} unexplained, ${explained} explained (${DIFF_OUT})`);
    if (unexplained === 0) return [];
    log(formatConsole(report));
    return [`diff: ${unexplained} differences between the mock and 1.7.2 that ${KNOWN} does not explain (see ${DIFF_OUT})`];
  } finally {
    await mock.close();
  }
}

async function strictProfile(reference: LaunchedReference): Promise<string[]> {
  const report = await runConformance({ url: reference.url, apiKey: AUTH_TOKEN, socketApiKey: SOCKET_KEY, profile: 'elizaos-1.7', level: 'MAY' });
  log(`check --profile elizaos-1.7 --level may: ${summaryLine(report)}`);
  const problems: string[] = [];
  for (const check of report.checks) {
    if (check.status === 'passed') continue;
    const why = check.status === 'skipped' ? `skipped: ${check.reason ?? ''}` : check.findings.map((f) => f.message).join(' | ');
    problems.push(`elizaos-1.7 ${check.id} ${check.status}: ${why}`);
  }
  return problems;
}

async function documentedProfile(reference: LaunchedReference, write: boolean, known: KnownDifference[]): Promise<string[]> {
  const report = await runConformance({ url: reference.url, apiKey: AUTH_TOKEN, socketApiKey: SOCKET_KEY, profile: 'documented', level: 'MAY' });
  log(`check --profile documented --level may: ${summaryLine(report)}`);
  const page = conformanceDoc(report, '@elizaos/server 1.7.2', known);
  const path = join(ROOT, DOC);
  const committed = existsSync(path) ? await readFile(path, 'utf8') : undefined;
  if (committed === page) return [];
  if (write) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, page, 'utf8');
    log(`wrote ${DOC}`);
    return [];
  }
  await mkdir(join(ROOT, 'test-output'), { recursive: true });
  await writeFile(join(ROOT, 'test-output/elizaos-1.7.2.md'), page, 'utf8');
  return [`${DOC} is stale: a fresh run wrote test-output/elizaos-1.7.2.md (compare them; run \`npm run test:elizaos -- --write\` and commit if the change is right)`];
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

function benchRow(name: string, r: BenchResult): string {
  if (r.scenario === 'fanout') {
    const d = r.latency.delivery;
    return `| ${name} | fanout | ${r.delivered}/${r.expected} delivered, ${r.lost} lost | ${fmt(d.p50)} | ${fmt(d.p99)} | ${fmt(d.max)} | ${fmt(r.throughput.deliveriesPerSec, 0)} deliveries/s |`;
  }
  if (r.scenario === 'roundtrip') {
    const d = r.latency.reply;
    return `| ${name} | roundtrip (to the reply) | ${r.replied}/${r.sent} answered | ${fmt(d.p50)} | ${fmt(d.p99)} | ${fmt(d.max)} | first chunk p50 ${fmt(r.latency.firstChunk.p50)} ms |`;
  }
  return `| ${name} | ${r.scenario} | | | | | |`;
}

async function benches(reference: LaunchedReference): Promise<string[]> {
  const mock = createMockServer({ logLevel: 'silent', authToken: AUTH_TOKEN, socketApiKey: SOCKET_KEY });
  const mockUrl = await mock.listen(0, '127.0.0.1');
  const keys = { apiKey: AUTH_TOKEN, socketApiKey: SOCKET_KEY };
  const rows: string[] = [];
  try {
    for (const [name, url] of [['@elizaos/server 1.7.2', reference.url], ['eliza-wire mock (elizaos-1.7)', mockUrl]] as const) {
      const fanout = await runBench({ scenario: 'fanout', url, clients: 20, rooms: 2, rate: 20, messages: 100, ...keys });
      const roundtrip = await runBench({ scenario: 'roundtrip', url, rooms: 4, rate: 2, messages: 20, ...keys });
      rows.push(benchRow(name, fanout.result), benchRow(name, roundtrip.result));
    }
  } finally {
    await mock.close();
  }
  const page = [
    '# Short benches: the real @elizaos/server 1.7.2 and the mock, one run',
    '',
    'fanout: 20 clients in 2 rooms, 20 messages/s, 100 messages; roundtrip: 4 conversations, 2 messages/s in all, 20 messages',
    '(1.7.2 drops a reply still streaming when a newer message reaches its room: a conversation must not outpace its agent).',
    'The mock runs in this process (the generator shares its event loop); latencies in ms.',
    '',
    '| server | scenario | integrity | p50 | p99 | max | throughput |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
  await mkdir(join(ROOT, 'test-output'), { recursive: true });
  await writeFile(join(ROOT, BENCH_OUT), page, 'utf8');
  log(page);
  return [];
}

async function main(args: string[]): Promise<number> {
  const t0 = performance.now();
  ensureInstalled();
  const reference = await launchReference({ authToken: AUTH_TOKEN, socketApiKey: SOCKET_KEY });
  log(`@elizaos/server 1.7.2 at ${reference.url} (pid ${reference.pid}), ready in ${reference.startupMs} ms, RSS ${reference.rssMB} MB`);
  const problems: string[] = [];
  const known = parseKnown(await readFile(join(ROOT, KNOWN), 'utf8'));
  try {
    // the diff first: its reads compare history, and a fresh server has the least of it
    problems.push(...(await diffWithMock(reference, known)));
    problems.push(...(await strictProfile(reference)));
    problems.push(...(await documentedProfile(reference, args.includes('--write'), known)));
    if (!args.includes('--skip-webui')) problems.push(...(await runWebUi()));
    if (!args.includes('--skip-bench')) problems.push(...(await benches(reference)));
  } finally {
    const how = await reference.stop();
    log(`reference server stopped (${how})`);
  }
  if (!args.includes('--skip-releases')) problems.push(...(await testReleases()));
  log(`test:elizaos took ${fmt((performance.now() - t0) / 1000)} s`);
  for (const problem of problems) log(`FAIL ${problem}`);
  log(problems.length === 0 ? 'test:elizaos PASSED' : `test:elizaos FAILED (${problems.length})`);
  return problems.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 2;
  },
);
