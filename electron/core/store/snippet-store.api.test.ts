// The library through the contract, as the renderer uses it: workspace saves fill it, and it
// answers for snippets whose tabs are closed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../shared/workspace';
import { createApi } from '../api/api';

const dataDir = mkdtempSync(join(tmpdir(), 'gopherlab-snippets-api-'));
const api = createApi({ transport: 'browser', dataDir, oneShot: true });
afterAll(async () => {
  await api.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});
const sink = () => undefined;
const call = (name: string, params: unknown) => api.handle(name, params, sink);

describe('snippets over the contract', () => {
  it('keeps every saved tab as a snippet, also after the tab is closed', async () => {
    const workspace: Workspace = {
      tabs: [
        { id: 'tab-one', title: 'one.go', source: 'package one\n', go: '', mode: 'wasm' },
        { id: 'tab-two', title: 'two.go', source: 'package two\n', go: 'go1.22.3', mode: 'docker' },
      ],
      activeTabId: 'tab-one',
      limits: {},
    };
    expect(await call('workspace.save', workspace)).toMatchObject({ ok: true });
    expect(await call('workspace.save', { ...workspace, tabs: workspace.tabs.slice(0, 1) })).toMatchObject({ ok: true });

    const listed = await call('snippets.list', { query: 'two' });
    expect(listed).toMatchObject({ ok: true, value: { snippets: [{ id: 'tab-two', title: 'two.go', go: 'go1.22.3', mode: 'docker' }], skipped: [] } });
    expect(await call('snippets.get', { id: 'tab-two' })).toMatchObject({ ok: true, value: { source: 'package two\n' } });
  });

  it('answers a missing snippet, a bad id and a bad run with a clear error code', async () => {
    expect(await call('snippets.get', { id: 'tab-nope' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await call('snippets.delete', { id: '../settings' })).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
    expect(await call('snippets.recordRun', { id: 'tab-one', run: { status: 'fine' } })).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
  });
});
