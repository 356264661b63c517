import { describe, expect, it } from 'vitest';
import { ContractError } from '../../shared/contract';
import type { Catalog, InstallProgress, Toolchain } from '../../shared/toolchain';
import { deferred, fakeClient, runResult } from '../test/fake-client';
import { bindContractEvents } from './bind-events';
import { runDisplayStatus } from './run-slice';
import { createAppStore } from './store';

const pathGo: Toolchain = { id: 'path:go1.26.8', version: 'go1.26.8', goroot: '/usr/local/go', source: 'path', isDefault: true };
const installed: Toolchain = {
  id: 'go1.23.4',
  version: 'go1.23.4',
  goroot: '/data/sdk/go1.23.4',
  source: 'store',
  isDefault: false,
  removable: true,
  verification: 'checksum-db',
};
const catalog: Catalog = {
  releases: [{ version: 'go1.23.4', stable: true, latestPatch: true, installed: false }],
  proxy: 'https://proxy.golang.org',
  fetchedAt: 1,
  offline: false,
};
const progress = (p: Partial<InstallProgress> & Pick<InstallProgress, 'phase'>): InstallProgress => ({
  version: 'go1.23.4',
  bytes: 0,
  total: null,
  rate: null,
  etaMs: null,
  ...p,
});

async function setup() {
  const client = fakeClient();
  let listed: Toolchain[] = [pathGo];
  client.handle('sdk.list', () => listed);
  client.handle('sdk.catalog', () => catalog);
  client.handle('workspace.load', () => null);
  const store = createAppStore({ client, storage: null, now: () => 1000 });
  bindContractEvents(client, store);
  await store.getState().loadWorkspace();
  await store.getState().loadToolchains();
  await store.getState().loadCatalog();
  const calls = (name: string) => client.calls.filter((c) => c.name === name).length;
  return { client, store, calls, setListed: (l: Toolchain[]) => (listed = l) };
}

describe('sdk slice', () => {
  it('installs a release for the tab that picked it, following its progress events', async () => {
    const { client, store, calls, setListed } = await setup();
    const answer = deferred<Toolchain>();
    client.handle('sdk.install', () => answer.promise);
    const tabId = store.getState().activeTabId;

    const done = store.getState().installSdk('1.23.4', tabId);
    expect(client.calls.at(-1)).toEqual({ name: 'sdk.install', params: { version: 'go1.23.4' } });
    expect(store.getState().installs['go1.23.4']?.phase).toBe('queued');

    client.emit('sdk.progress', progress({ phase: 'download', bytes: 30e6, total: 70e6, rate: 10e6, etaMs: 4000 }));
    expect(store.getState().installs['go1.23.4']).toMatchObject({ phase: 'download', bytes: 30e6, total: 70e6, rate: 10e6, etaMs: 4000 });
    client.emit('sdk.progress', progress({ phase: 'prewarm', bytes: 70e6, total: 70e6 }));

    const listsBefore = calls('sdk.list');
    const catalogsBefore = calls('sdk.catalog');
    setListed([pathGo, installed]);
    client.emit('sdk.progress', progress({ phase: 'done', bytes: 70e6, total: 70e6 }));
    // Done re-reads the toolchains and the catalogue, once.
    expect(calls('sdk.list')).toBe(listsBefore + 1);
    expect(calls('sdk.catalog')).toBe(catalogsBefore + 1);

    answer.resolve(installed);
    await done;
    expect(calls('sdk.list')).toBe(listsBefore + 1);
    expect(store.getState().installs['go1.23.4']?.phase).toBe('done');
    expect(store.getState().tabs.find((t) => t.id === tabId)?.go).toBe('go1.23.4');
    expect(store.getState().toolchains.map((t) => t.version)).toContain('go1.23.4');
  });

  it('finishes from the call’s answer when no event says so, and selects only for a tab still open', async () => {
    const { client, store, calls } = await setup();
    client.handle('sdk.install', () => installed);
    const before = calls('sdk.list');
    const tabId = store.getState().activeTabId;
    store.getState().addTab();
    store.getState().closeTab(tabId);
    await store.getState().installSdk('go1.23.4', tabId);
    expect(store.getState().installs['go1.23.4']?.phase).toBe('done');
    expect(calls('sdk.list')).toBe(before + 1);
    expect(store.getState().tabs.every((t) => t.go === '')).toBe(true);
  });

  it('shows what the server says when an install fails, and leaves the tab alone', async () => {
    const { client, store } = await setup();
    client.handle('sdk.install', () => Promise.reject(new ContractError('internal', 'offline and go1.23.4 is not cached: connect, or import a kit')));
    const tabId = store.getState().activeTabId;
    expect(await store.getState().installSdk('go1.23.4', tabId)).toBeNull();
    expect(store.getState().installs['go1.23.4']).toMatchObject({ phase: 'failed', message: 'offline and go1.23.4 is not cached: connect, or import a kit' });
    expect(store.getState().tabs[0]?.go).toBe('');
    store.getState().dismissInstall('go1.23.4');
    expect(store.getState().installs['go1.23.4']).toBeUndefined();
  });

  it('cancels by version and ends as canceled, not failed', async () => {
    const { client, store } = await setup();
    const answer = deferred<Toolchain>();
    client.handle('sdk.install', () => answer.promise);
    client.handle('sdk.cancelInstall', () => ({ canceled: true }));
    const done = store.getState().installSdk('go1.23.4');
    client.emit('sdk.progress', progress({ phase: 'download', bytes: 1, total: 10 }));
    await store.getState().cancelInstall('go1.23.4');
    expect(client.calls.at(-1)).toEqual({ name: 'sdk.cancelInstall', params: { version: 'go1.23.4' } });
    expect(store.getState().installs['go1.23.4']?.cancelRequested).toBe(true);
    answer.reject(new ContractError('internal', 'install canceled'));
    await done;
    expect(store.getState().installs['go1.23.4']?.phase).toBe('canceled');
    // Once it has ended it can be dismissed (a running one cannot: see below).
    store.getState().dismissInstall('go1.23.4');
    expect(store.getState().installs).toEqual({});
  });

  it('keeps an install running when the cancel request fails, with the reason', async () => {
    const { client, store } = await setup();
    client.handle('sdk.install', () => deferred<Toolchain>().promise);
    client.handle('sdk.cancelInstall', () => Promise.reject(new ContractError('disconnected', 'socket closed')));
    void store.getState().installSdk('go1.23.4');
    await store.getState().cancelInstall('go1.23.4');
    expect(store.getState().installs['go1.23.4']).toMatchObject({ phase: 'queued', cancelRequested: false, cancelError: 'Could not cancel: socket closed' });
    store.getState().dismissInstall('go1.23.4');
    expect(store.getState().installs['go1.23.4']).toBeDefined();
  });

  it('follows installs started elsewhere (events only)', async () => {
    const { client, store } = await setup();
    client.emit('sdk.progress', progress({ version: 'go1.25.1', phase: 'extract', bytes: 5, total: 5 }));
    expect(store.getState().installs['go1.25.1']?.phase).toBe('extract');
  });

  it('says so when the server has no SDK manager yet', async () => {
    const { client, store } = await setup();
    client.handle('sdk.catalog', () => Promise.reject(new ContractError('unknown-channel', 'unknown channel "sdk.catalog"')));
    await store.getState().loadCatalog();
    expect(store.getState().catalogStatus).toBe('unavailable');
    expect(store.getState().catalogError).toMatch(/cannot list Go releases yet/);

    // A server whose contract lists the channel but which lacks its handler fails the same way.
    client.handle('sdk.install', () => Promise.reject(new ContractError('internal', 'handler is not a function')));
    await store.getState().installSdk('go1.23.4');
    expect(store.getState().installs['go1.23.4']?.message).toMatch(/cannot install Go releases yet/);

    // A dropped connection says the install may still finish.
    client.handle('sdk.install', () => Promise.reject(new ContractError('disconnected', 'sdk.install: socket closed')));
    await store.getState().installSdk('go1.25.1');
    expect(store.getState().installs['go1.25.1']?.message).toMatch(/may still finish/);
    client.emit('sdk.progress', progress({ version: 'go1.25.1', phase: 'extract' }));
    expect(store.getState().installs['go1.25.1']?.phase).toBe('extract');

    // Other failures keep the server's words.
    client.handle('sdk.catalog', () => Promise.reject(new ContractError('internal', 'disk full')));
    await store.getState().loadCatalog();
    expect(store.getState()).toMatchObject({ catalogStatus: 'error', catalogError: 'Could not load the list of Go releases: disk full' });
  });

  it('removes an SDK, reports the space freed and re-reads the lists', async () => {
    const { client, store, calls, setListed } = await setup();
    setListed([pathGo, installed]);
    await store.getState().loadToolchains(true);
    client.handle('sdk.remove', () => {
      setListed([pathGo]);
      return { removed: true, freedBytes: 251e6 };
    });
    const catalogsBefore = calls('sdk.catalog');
    expect(await store.getState().removeSdk('go1.23.4')).toBe(true);
    expect(store.getState().lastRemoval).toEqual({ version: 'go1.23.4', freedBytes: 251e6 });
    expect(store.getState().toolchains.map((t) => t.version)).toEqual(['go1.26.8']);
    expect(calls('sdk.catalog')).toBe(catalogsBefore + 1);
    expect(store.getState().removals).toEqual({});

    client.handle('sdk.remove', () => Promise.reject(new ContractError('invalid-params', 'go1.26.8 is not removable')));
    expect(await store.getState().removeSdk('go1.26.8')).toBe(false);
    expect(store.getState().removals['go1.26.8']).toEqual({ status: 'error', error: 'Could not remove go1.26.8: go1.26.8 is not removable' });
  });

  it('imports from a path and exports a kit, keeping each result or error', async () => {
    const { client, store } = await setup();
    client.handle('sdk.import', () => [installed]);
    await store.getState().importSdk('  /media/usb/kit.zip ');
    expect(client.calls.find((c) => c.name === 'sdk.import')?.params).toEqual({ path: '/media/usb/kit.zip' });
    expect(store.getState().importOp).toEqual({ status: 'done', result: { path: '/media/usb/kit.zip', toolchains: [installed] }, error: null });

    client.handle('sdk.exportKit', (p) => ({ path: p.out, bytes: 72e6, versions: p.versions }));
    await store.getState().exportKit(['1.23.4'], '/media/usb/out');
    expect(store.getState().exportOp.result).toEqual({ path: '/media/usb/out', bytes: 72e6, versions: ['go1.23.4'] });

    client.handle('sdk.import', () => Promise.reject(new ContractError('invalid-params', '/nope: no such file')));
    await store.getState().importSdk('/nope');
    expect(store.getState().importOp).toMatchObject({ status: 'error', error: 'Could not import: /nope: no such file' });
  });

  it('a version change during a run leaves the run alone; the next run uses it', async () => {
    const { client, store } = await setup();
    const answer = deferred<ReturnType<typeof runResult>>();
    client.handle('run.start', () => answer.promise);
    const tabId = store.getState().activeTabId;
    const first = store.getState().startRun();
    const runId = store.getState().run!.runId;
    store.getState().setTabGo(tabId, 'go1.23.4');
    expect(store.getState().run?.go).toBe('');
    answer.resolve(runResult({ runId, go: { version: 'go1.26.8', goroot: '/usr/local/go' } }));
    await first;
    expect(runDisplayStatus(store.getState().run)).toBe('ok');
    // The result of that run speaks for the old choice only.
    expect(store.getState().ranGoByTab[tabId]).toEqual({ requested: '', version: 'go1.26.8', goroot: '/usr/local/go' });

    client.handle('run.start', (p) => runResult({ runId: p.runId, go: { version: 'go1.23.4', goroot: '/data/sdk/go1.23.4' } }));
    await store.getState().startRun();
    expect(client.calls.filter((c) => c.name === 'run.start').at(-1)?.params).toMatchObject({ go: 'go1.23.4' });
    expect(store.getState().ranGoByTab[tabId]?.version).toBe('go1.23.4');
  });
});
