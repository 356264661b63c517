// A real gopls for the editor specs, found or installed once (through the module proxy, by the
// app's own installer) into the shared test store outside the checkout, so reruns are instant.
// The spec puts its folder on the server's PATH: the app finds it as a user's gopls.
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { installGopls } from '../../electron/core/lsp/gopls-installer';
import { storeInstalls } from '../../electron/core/lsp/gopls-locator';
import { planGoplsInstall } from '../../electron/core/lsp/gopls-release';
import { resolveProxy } from '../../electron/core/sdk/proxy';
import { ToolchainRegistry } from '../../electron/core/sdk/registry';

/** The unit tests' store (see electron/core/drift/test-support.ts): one gopls per machine. */
const STORE = process.env.GOPHERLAB_TEST_SDK_STORE ?? join(homedir(), '.cache', 'gopherlab-test', 'store');
const PATH_ENV = 'GOPHERLAB_E2E_GOPLS_DIR';
const ERROR_ENV = 'GOPHERLAB_E2E_GOPLS_ERROR';

/** For the global setup: finds or installs gopls, recording (not throwing) a failure. */
export async function prepareE2eGopls(): Promise<void> {
  try {
    let path = storeInstalls(STORE)[0]?.path;
    if (!path) {
      const toolchains = new ToolchainRegistry({ dataDir: STORE, goCacheRoot: join(STORE, 'gocache') });
      const plan = planGoplsInstall(await toolchains.list());
      if (!plan) throw new Error('no installed Go is new enough to build gopls');
      console.log(`e2e: installing gopls ${plan.version} with ${plan.toolchain.version} (once per machine)…`);
      path = await installGopls({ dataDir: STORE, version: plan.version, toolchain: plan.toolchain, proxy: resolveProxy(), goCache: toolchains.goCacheFor(plan.toolchain) });
    }
    process.env[PATH_ENV] = dirname(path);
    delete process.env[ERROR_ENV];
  } catch (err) {
    // Only the gopls specs fail (with this reason); the rest still run.
    process.env[ERROR_ENV] = err instanceof Error ? err.message : String(err);
    console.warn(`e2e: could not prepare gopls: ${process.env[ERROR_ENV]}`);
  }
}

/** The folder holding the prepared gopls, or null. */
export function goplsDir(): string | null {
  return process.env[PATH_ENV] ?? null;
}

/** The folder holding the prepared gopls; throws the setup's reason when there is none. */
export function requireGoplsDir(): string {
  const dir = process.env[PATH_ENV];
  if (!dir) throw new Error(`gopls was not prepared: ${process.env[ERROR_ENV] ?? 'the global setup did not run'}`);
  return dir;
}
