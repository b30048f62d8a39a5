// The end-to-end test of the web course (npm run test:e2e): Debian's Chromium drives the built
// course served by scripts/start.mjs. Kept out of the unit-test glob (test/**/*.test.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
