// Before the unit tests: bundle the WASI worker (tests run the real worker, not the source), and
// compile the standard library for wasip1 into the shared test GOCACHE once, so each test's first
// build is not a cold one.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ToolchainRegistry } from '../sdk/registry';

export default async function setup(): Promise<void> {
  const root = resolve(__dirname, '../../..');
  await build({
    entryPoints: { 'wasi-worker': join(root, 'electron/core/sandbox/wasm/worker.ts') },
    outdir: join(root, 'dist/node'),
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
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
