import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['spec/**/*.test.ts', 'mock-server/**/*.test.ts', 'suites/**/*.test.ts', 'reporters/**/*.test.ts', 'bin/**/*.test.ts', 'test/**/*.test.ts', 'examples/api-client-msw/**/*.test.ts'],
    // fixtures that fail on purpose, run as their own vitest process by test/reporter/summary-reporter.test.ts
    exclude: [...configDefaults.exclude, 'test/reporter/fixtures/**'],
    testTimeout: 20_000,
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
