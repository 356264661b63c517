// The gopls part of the store: status, install with progress, failures, and what the notice says.
import { describe, expect, it } from 'vitest';
import { ContractError } from '../../shared/contract';
import type { GoplsStatus } from '../../shared/lsp';
import { createAppStore } from '../store/store';
import { fakeClient } from '../test/fake-client';
import { describeGoplsProgress, goplsProgressFraction } from './lsp-slice';

const MISSING: GoplsStatus = {
  available: false,
  version: null,
  path: null,
  source: null,
  installing: false,
  installable: { version: 'v0.23.0', go: 'go1.26.8' },
  message: 'Completion, hover and diagnostics need gopls: install gopls v0.23.0 (built with go1.26.8), or put gopls on PATH',
};
const INSTALLED: GoplsStatus = { ...MISSING, available: true, version: 'v0.23.0', path: '/data/tools/gopls/v0.23.0/gopls', source: 'store', message: undefined };

function setup() {
  const client = fakeClient();
  const store = createAppStore({ client, storage: null, now: () => 0 });
  return { client, store };
}

describe('gopls in the store', () => {
  it('turns the session on only when gopls is there', async () => {
    const { client, store } = setup();
    client.handle('lsp.status', () => MISSING);
    await store.getState().loadGoplsStatus();
    expect(store.getState()).toMatchObject({ gopls: MISSING, goplsState: 'ready' });
    expect(store.getState().lsp.enabled).toBe(false);

    client.handle('lsp.status', () => INSTALLED);
    await store.getState().loadGoplsStatus(true);
    expect(store.getState().lsp.enabled).toBe(true);
    expect(client.calls.map((c) => c.params)).toEqual([{}, { refresh: true }]);
  });

  it('installs with progress, then enables the session', async () => {
    const { client, store } = setup();
    client.handle('lsp.status', () => MISSING);
    await store.getState().loadGoplsStatus();
    let finish: (s: GoplsStatus) => void = () => undefined;
    client.handle('lsp.install', () => new Promise<GoplsStatus>((resolve) => (finish = resolve)));

    const install = store.getState().installGopls();
    expect(store.getState().goplsState).toBe('installing');
    client.emit('lsp.progress', { version: 'v0.23.0', phase: 'downloading', count: 3, total: null, message: 'golang.org/x/mod v0.37.0' });
    expect(describeGoplsProgress(store.getState().goplsProgress)).toBe('Installing gopls v0.23.0: downloading modules (3)…');
    client.emit('lsp.progress', { version: 'v0.23.0', phase: 'building', count: 100, total: 400 });
    expect(describeGoplsProgress(store.getState().goplsProgress)).toBe('Installing gopls v0.23.0: building 100 of 400 packages…');
    expect(goplsProgressFraction(store.getState().goplsProgress)).toBe(0.25);

    // A second click while it runs starts nothing.
    await store.getState().installGopls();
    expect(client.calls.filter((c) => c.name === 'lsp.install')).toHaveLength(1);

    finish(INSTALLED);
    await install;
    expect(store.getState()).toMatchObject({ goplsState: 'ready', gopls: INSTALLED, goplsProgress: null });
    expect(store.getState().lsp.enabled).toBe(true);
  });

  it('keeps the reason of a failed install for the notice, and a retry can succeed', async () => {
    const { client, store } = setup();
    client.handle('lsp.install', () => {
      throw new ContractError('internal', 'cannot reach the module proxy (https://proxy.golang.org) to download gopls: connect to the internet, or put gopls on PATH');
    });
    await store.getState().installGopls();
    expect(store.getState()).toMatchObject({ goplsState: 'error', goplsError: expect.stringMatching(/cannot reach the module proxy/) });
    expect(store.getState().lsp.enabled).toBe(false);

    client.handle('lsp.install', () => INSTALLED);
    await store.getState().installGopls();
    expect(store.getState()).toMatchObject({ goplsState: 'ready', goplsError: null });
  });

  it('picks up an install another window finished', async () => {
    const { client, store } = setup();
    client.handle('lsp.status', () => MISSING);
    await store.getState().loadGoplsStatus();
    client.handle('lsp.status', () => INSTALLED);
    client.emit('lsp.progress', { version: 'v0.23.0', phase: 'done', count: 0, total: null });
    await expect.poll(() => store.getState().lsp.enabled).toBe(true);
  });

  it("keeps why gopls refused a tab's text until that tab syncs again, and remembers a dismissed message", () => {
    const { store } = setup();
    store.getState().setGoplsSyncIssue('a', 'gopls cannot load packages with go1.17.13');
    expect(store.getState().goplsSyncIssue).toEqual({ tabId: 'a', message: 'gopls cannot load packages with go1.17.13' });
    // Another tab syncing fine does not clear it; the same tab does.
    store.getState().setGoplsSyncIssue('b', null);
    expect(store.getState().goplsSyncIssue?.tabId).toBe('a');
    store.setState({ gopls: INSTALLED });
    store.getState().dismissGoplsNotice();
    expect(store.getState()).toMatchObject({ goplsDismissedIssue: 'gopls cannot load packages with go1.17.13', goplsNoticeDismissed: false });
    store.getState().setGoplsSyncIssue('a', null);
    expect(store.getState().goplsSyncIssue).toBeNull();
  });

  it('says how far the install is, and nothing is a fraction before the build', () => {
    expect(describeGoplsProgress(null)).toBe('Installing gopls…');
    expect(describeGoplsProgress({ version: 'v0.23.0', phase: 'building', count: 0, total: 0 })).toBe('Installing gopls v0.23.0: building…');
    expect(describeGoplsProgress({ version: 'v0.23.0', phase: 'failed', count: 0, total: null, message: 'go install failed: x' })).toBe('go install failed: x');
    expect(goplsProgressFraction({ version: 'v0.23.0', phase: 'downloading', count: 9, total: null })).toBeNull();
    expect(goplsProgressFraction({ version: 'v0.23.0', phase: 'building', count: 500, total: 400 })).toBe(1);
  });
});
