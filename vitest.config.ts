import { defineConfig } from 'vitest/config';
import summaryReporter from './test/summary-reporter.ts';

export default defineConfig({
  test: {
    reporters: ['default', summaryReporter()],
    globalSetup: ['test/global-setup.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite instances are memory-hungry WebAssembly heaps; two workers fit the 2-core machines.
    maxWorkers: 2,
  },
});
