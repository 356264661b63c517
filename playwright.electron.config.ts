// End-to-end tests of the Electron app itself (e2e-electron/), driven by Playwright's _electron:
// the same user steps as the browser-mode specs, in the real window over IPC. They need the
// Electron binary (node_modules/electron/dist, or a packaged e2e build in GOPHERLAB_ELECTRON_APP)
// and a display (scripts/test.mjs wraps the run in xvfb-run where there is none); without them each
// test is skipped, with the reason in its title.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e-electron',
  testMatch: '**/*.electron.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  // The first wasip1 build on a cold cache compiles the standard library (about a minute).
  timeout: 240_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  outputDir: 'test-results/electron',
  use: {
    actionTimeout: 20_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
