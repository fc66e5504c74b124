import { defineConfig } from 'vitest/config';

// One runner for the whole repository: unit tests beside the code (server and web), integration tests in
// server/test, browser tests in e2e. Browser tests need Chromium (.ci/run installs Debian's); they fail, never skip,
// without it. The global setup builds web/dist once when it is missing.
export default defineConfig({
  test: {
    include: ['server/src/**/*.test.ts', 'server/test/**/*.test.ts', 'web/src/**/*.test.ts', 'e2e/**/*.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
