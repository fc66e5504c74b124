import { defineConfig } from 'vitest/config';

// One runner for the whole repository: unit tests beside the code, integration tests in server/test,
// browser tests in e2e (they skip themselves only when no Chromium is installed; .ci/run installs it).
export default defineConfig({
  test: {
    include: ['server/src/**/*.test.ts', 'server/test/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
