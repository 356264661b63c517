// One server per worker (each with its own empty GOPHERLAB_HOME), and the app opened on it per test.
import { test as base } from '@playwright/test';
import { GopherlabPage } from '../pages/gopherlab-page';
import { GopherlabServer } from './server';

export const test = base.extend<{ app: GopherlabPage }, { server: GopherlabServer }>({
  server: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await GopherlabServer.start();
      try {
        await use(server);
      } finally {
        await server.dispose();
      }
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  app: async ({ page, server }, use) => {
    const app = new GopherlabPage(page);
    await app.open(server.url);
    await use(app);
  },
});

export { expect } from '@playwright/test';
