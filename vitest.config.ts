import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['spec/**/*.test.ts', 'mock-server/**/*.test.ts', 'suites/**/*.test.ts', 'reporters/**/*.test.ts', 'bin/**/*.test.ts', 'test/**/*.test.ts', 'examples/api-client-msw/**/*.test.ts'],
    testTimeout: 20_000,
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
