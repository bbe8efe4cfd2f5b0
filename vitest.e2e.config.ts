import { defineConfig } from 'vitest/config';

// End-to-end tests: the built app in web mode, driven in Debian's Chromium.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // Chromium on a busy two-core machine can take seconds to settle.
    expect: { poll: { timeout: 20_000 } },
  },
});
