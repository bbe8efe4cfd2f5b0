import { defineConfig } from 'vitest/config';

// Unit, oracle and live tests. The browser end-to-end tests have their own config.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    setupFiles: ['tests/support/spool-folder.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
