// Before the unit tests: bundle the Node side (tests run the real WASI worker and CLI bundles, not
// the source), and compile the standard library for wasip1 into the shared test GOCACHE once, so each test's first
// build is not a cold one.
import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCore } from '../core';

export default async function setup(): Promise<void> {
  const root = resolve(__dirname, '../../..');
  // The build script is plain ESM JavaScript shared with `npm run build`.
  const buildScript = join(root, 'scripts', 'build.mjs');
  const { buildNode } = (await import(pathToFileURL(buildScript).href)) as { buildNode: () => Promise<void> };
  await buildNode();
  const dataDir = mkdtempSync(join(tmpdir(), 'gopherlab-setup-'));
  const core = createCore({ dataDir, goCacheRoot: process.env.GOPHERLAB_GOCACHE ?? join(homedir(), '.cache', 'gopherlab-test', 'gocache') });
  try {
    const def = (await core.toolchains.list()).find((t) => t.isDefault);
    if (def) {
      const started = Date.now();
      await core.prewarm();
      console.log(`[setup] standard library for wasip1 built and indexed in ${core.toolchains.goCacheFor(def)} (${Date.now() - started} ms)`);
    } else {
      console.log('[setup] no Go toolchain on PATH: tests that build Go will report sdk-missing');
    }
  } finally {
    await core.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
