// One server per worker (each with its own empty GOPHERLAB_HOME), and the app opened on it per test.
// A spec can give its server more: `test.use({ homeSdks: ['go1.22.12'] })` puts prepared toolchains
// in the server's ~/sdk; `serverEnv` adds environment variables.
import { test as base } from '@playwright/test';
import { GopherlabPage } from '../pages/gopherlab-page';
import { createSdkHome } from './sdk-home';
import { GopherlabServer } from './server';
import { requirePrepared } from './toolchains';

interface WorkerOptions {
  /** Versions from .cache/sdks (prepared by the global setup) to put in the server's ~/sdk. */
  homeSdks: string[];
  serverEnv: Record<string, string>;
}

export const test = base.extend<{ app: GopherlabPage }, { server: GopherlabServer } & WorkerOptions>({
  homeSdks: [[], { scope: 'worker', option: true }],
  serverEnv: [{}, { scope: 'worker', option: true }],
  server: [
    async ({ homeSdks, serverEnv }, use) => {
      const home = homeSdks.length > 0 ? createSdkHome(homeSdks.map(requirePrepared)) : null;
      try {
        const server = await GopherlabServer.start({ env: { ...(home ? { HOME: home.dir } : {}), ...serverEnv } });
        try {
          await use(server);
        } finally {
          await server.dispose();
        }
      } finally {
        home?.dispose();
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
