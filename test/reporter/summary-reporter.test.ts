import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const vitest = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));

/** Runs vitest as a process on one fixture folder with the project's summary reporter; returns its closing line. */
function runFixture(folder: string): { status: number | null; closing: string; output: string } {
  const run = spawnSync(process.execPath, [vitest, 'run', '--root', root, '--config', 'test/reporter/fixtures/vitest.config.ts', `test/reporter/fixtures/${folder}/`], {
    encoding: 'utf8',
    env: { ...process.env, CI: 'false', FORCE_COLOR: '0' },
    timeout: 60_000,
  });
  const output = `${run.stdout}${run.stderr}`;
  const closing = run.stdout.trimEnd().split('\n').at(-1) ?? '';
  return { status: run.status, closing, output };
}

describe('the summary reporter', () => {
  it('counts an uncaught error as a failure: the closing line never says 0 failed', () => {
    const run = runFixture('uncaught');
    expect(run.status).not.toBe(0);
    expect(run.closing).toBe('Tests: 1 passed, 1 failed, 0 skipped');
    expect(run.output).toContain('failed: 0 tests, 0 suites, 1 uncaught errors');
  });

  it('counts a suite whose hook throws as failed', () => {
    const run = runFixture('broken-suite');
    expect(run.status).not.toBe(0);
    expect(run.closing).toMatch(/^Tests: 1 passed, [12] failed, \d+ skipped$/);
  });
});
