import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Runs the conformance suite against every deliberately broken store in test/mutants/ (one file each).
// Only suite-strength.int.test.ts uses it; failures are the expected outcome there.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['test/mutants/*.mutant.ts'],
    maxWorkers: 2,
    isolate: false,
    testTimeout: 10_000,
  },
});
