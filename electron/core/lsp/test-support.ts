// For the gopls tests: a real gopls, installed once through the module proxy into the shared test
// store (outside the checkout; later runs on this machine reuse it), or the one on PATH.
import type { GoplsProgress, GoplsStatus } from '../../../shared/lsp';
import type { Core } from '../core';

export interface TestGopls {
  status: GoplsStatus;
  /** Progress events, when this call had to install it. */
  progress: GoplsProgress[];
}

export async function ensureGopls(core: Core): Promise<TestGopls> {
  const progress: GoplsProgress[] = [];
  let status = await core.lsp.status(true);
  if (!status.available) {
    const off = core.lsp.onProgress((p) => progress.push(p));
    try {
      status = await core.lsp.install();
    } finally {
      off();
    }
  }
  if (!status.available) throw new Error(`gopls is not available for the tests: ${status.message ?? 'no reason given'}`);
  return { status, progress };
}
