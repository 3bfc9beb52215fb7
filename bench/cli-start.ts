/**
 * `BENCH_ONLY=cli-start npm run bench`: how long `eliza-wire --version` and `--help` take as a user runs them
 * (process start to exit, built dist/), against `node -e 0` on the same machine. Medians of N runs.
 */
import { spawnSync } from 'node:child_process';
import { fmt, median, table } from './lib/stats.js';

const RUNS = Number(process.env.BENCH_CLI_RUNS ?? 21);
const TARGET_MS = 150;

/** Wall time of one process, spawn to exit, in ms; a non-zero exit fails the bench. */
function timeOnce(args: string[]): number {
  const t0 = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
  const ms = performance.now() - t0;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}`);
  return ms;
}

/** Medians per case, the cases interleaved round by round so that a load change on the machine hits them all. */
function medians(cases: readonly (readonly string[])[]): number[] {
  for (const args of cases) timeOnce([...args]); // warm the file cache
  const samples = cases.map(() => [] as number[]);
  for (let round = 0; round < RUNS; round += 1) cases.forEach((args, i) => samples[i]?.push(timeOnce([...args])));
  return samples.map(median);
}

export async function cliStart(): Promise<void> {
  const cases = [
    ['node -e 0 (baseline)', ['-e', '0']],
    ['eliza-wire --version', ['dist/bin/eliza-wire.js', '--version']],
    ['eliza-wire --help', ['dist/bin/eliza-wire.js', '--help']],
    ['eliza-wire spec --help', ['dist/bin/eliza-wire.js', 'spec', '--help']],
    ['eliza-wire mock --help', ['dist/bin/eliza-wire.js', 'mock', '--help']],
  ] as const;
  const ms = medians(cases.map(([, args]) => args));
  const results = cases.map(([label], i) => ({ label, ms: ms[i] ?? NaN }));
  const baseline = results[0]?.ms ?? NaN;
  const rows = [['', `median of ${RUNS} (ms)`, 'over node -e 0 (ms)', 'target'], ...results.map((r, i) => [r.label, fmt(r.ms), i === 0 ? '' : fmt(r.ms - baseline), i === 1 || i === 2 ? `<= ${TARGET_MS} ms` : ''])];
  console.log(`\ncli-start: process start to exit, dist/bin/eliza-wire.js\n`);
  console.log(table(rows));
  const checks = results.slice(1, 3).map((r) => `${r.ms <= TARGET_MS ? 'met ' : 'MISS'}  ${r.label} <= ${TARGET_MS} ms`);
  console.log(`\n${checks.join('\n')}`);
  console.log(`(the CLI's own cost is the "over node -e 0" column: on a busy machine the baseline itself moves)`);
}
