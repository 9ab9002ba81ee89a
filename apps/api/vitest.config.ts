import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Generous: the build machine has 2 cores shared with other test runs.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['./test/postgres-global-setup.ts'],
  },
});
