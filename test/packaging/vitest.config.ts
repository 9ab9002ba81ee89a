import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Building, packing and an npm install that compiles better-sqlite3 take minutes on a loaded machine.
    testTimeout: 300_000,
    hookTimeout: 1_200_000,
  },
});
