import { defineConfig } from 'vitest/config';

// Unit tests of the web code's pure logic (message ordering, dedupe, pending state) run in Node, without a DOM.
// The root vitest.config.ts runs them too once its `include` lists 'web/src/**/*.test.ts'.
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});
