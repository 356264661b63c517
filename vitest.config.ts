import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['electron/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    globalSetup: ['./electron/core/test-setup/global-setup.ts'],
    env: {
      // One build cache for every test: the standard library is compiled once.
      GOPHERLAB_GOCACHE: resolve(__dirname, '.cache/gocache'),
    },
  },
});
