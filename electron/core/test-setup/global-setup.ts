// Before the unit tests: bundle the Node side (tests run the real WASI worker and CLI bundles, not
// the source), and compile the standard library for wasip1 into the shared test GOCACHE once, so each test's first
// build is not a cold one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ToolchainRegistry } from '../sdk/registry';

export default async function setup(): Promise<void> {
  const root = resolve(__dirname, '../../..');
  // The build script is plain ESM JavaScript shared with `npm run build`.
  const buildScript = join(root, 'scripts', 'build.mjs');
  const { buildNode } = (await import(pathToFileURL(buildScript).href)) as { buildNode: () => Promise<void> };
  await buildNode();
  const dataDir = mkdtempSync(join(tmpdir(), 'gopherlab-setup-'));
  try {
    const registry = new ToolchainRegistry({ dataDir, goCacheRoot: join(root, '.cache/gocache') });
    const def = (await registry.list()).find((t) => t.isDefault);
    if (def) {
      const started = Date.now();
      await registry.prewarm(def);
      console.log(`[setup] standard library for wasip1 ready in ${registry.goCacheFor(def)} (${Date.now() - started} ms)`);
    } else {
      console.log('[setup] no Go toolchain on PATH: tests that build Go will report sdk-missing');
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
