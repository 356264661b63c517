// End-to-end tests: the real browser-mode server (dist/node/server.cjs, built beforehand by
// `npm run build`) driven through Debian's Chromium. One worker: builds are CPU-bound.
import { defineConfig } from '@playwright/test';

const chromiumPath = process.env.GOPHERLAB_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.e2e.ts',
  globalSetup: './e2e/support/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  // The first wasip1 build on a cold cache compiles the standard library (about a minute).
  timeout: 240_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    viewport: { width: 1400, height: 860 },
    // The editor page object pastes programs the way a user does.
    permissions: ['clipboard-read', 'clipboard-write'],
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
