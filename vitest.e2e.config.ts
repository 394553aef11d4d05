import { defineConfig } from 'vitest/config';

// The whole extension (the production build in .output/chrome-mv3) in a real
// browser (Debian's Chromium on CI; scripts/find-browser.ts says which) against
// the demo account. One file at a time: each starts its own
// browser and demo server, and the machine has two cores.
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
