import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The conformance suite races writers and waits for live events: leave room on a loaded machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
