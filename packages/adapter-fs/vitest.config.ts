import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Process tests start child processes; under a loaded machine they need room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
