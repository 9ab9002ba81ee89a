import { defineConfig } from 'vitest/config';

// Unit tests of the pure parts (diff, waterfall layout, search routing); the views are tested in a
// real browser by Playwright (e2e/).
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});
