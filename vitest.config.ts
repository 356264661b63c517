import { homedir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export const testGoCache = process.env.GOPHERLAB_GOCACHE ?? join(homedir(), '.cache', 'gopherlab-test', 'gocache');

export default defineConfig({
  test: {
    include: ['electron/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/**/*.test.ts', 'build/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    globalSetup: ['./electron/core/test-setup/global-setup.ts'],
    env: {
      // One build cache for every test, outside the checkout so later runs on this machine (CI
      // included) find the standard library already compiled. Go's cache is content-addressed.
      GOPHERLAB_GOCACHE: testGoCache,
    },
  },
});
