import type { Reporter, TestModule } from 'vitest/node';

export interface RunCounts {
  passed: number;
  /** Failed tests, plus failed suites (a file or hook that failed without a failed test) and uncaught errors. */
  failed: number;
  skipped: number;
  failedTests: number;
  failedSuites: number;
  uncaughtErrors: number;
}

/** Counts a finished run: a module that failed to load or whose hooks threw counts as a failed suite. */
export function countRun(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): RunCounts {
  const counts = { passed: 0, skipped: 0, failedTests: 0, failedSuites: 0 };
  for (const module of testModules) {
    let failedHere = 0;
    for (const test of module.children.allTests()) {
      const state = test.result().state;
      if (state === 'passed') counts.passed += 1;
      else if (state === 'failed') failedHere += 1;
      else counts.skipped += 1;
    }
    counts.failedTests += failedHere;
    const suiteFailed = module.state() === 'failed' || module.errors().length > 0 || [...module.children.allSuites()].some((s) => s.state() === 'failed' && s.errors().length > 0);
    if (suiteFailed && failedHere === 0) counts.failedSuites += 1;
  }
  const uncaughtErrors = unhandledErrors.length;
  return { ...counts, uncaughtErrors, failed: counts.failedTests + counts.failedSuites + uncaughtErrors };
}

/**
 * Closes the run with one plain line, `Tests: N passed, N failed, N skipped`, which CI systems and humans read
 * without knowing vitest's own layout. Failed suites and uncaught errors count as failures, and a line before it says
 * which kinds failed, so the closing line never says `0 failed` for a run that failed.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const c = countRun(testModules, unhandledErrors);
    if (c.failed > 0) process.stdout.write(`\nfailed: ${c.failedTests} tests, ${c.failedSuites} suites, ${c.uncaughtErrors} uncaught errors`);
    process.stdout.write(`\nTests: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped\n`);
  }
}
