import { describe, expect, it } from 'vitest';
import { ContractError } from '../../shared/contract';
import type { BenchDriftResult } from '../../shared/drift';
import type { Toolchain } from '../../shared/toolchain';
import { deferred, fakeClient } from '../test/fake-client';
import { benchVersions } from './bench-slice';
import { createAppStore } from './store';

const pathGo: Toolchain = { id: 'path:go1.26.8', version: 'go1.26.8', goroot: '/usr/local/go', source: 'path', isDefault: true };
const sdkGo: Toolchain = { id: 'go1.22.12', version: 'go1.22.12', goroot: '/home/u/sdk/go1.22.12', source: 'sdk-dir', isDefault: false };

async function setup() {
  const client = fakeClient();
  client.handle('workspace.load', () => ({ tabs: [{ id: 'tab-a', title: 'a.go', source: 'package main // a', go: '', mode: 'wasm' as const }], activeTabId: 'tab-a', limits: {} }));
  client.handle('sdk.list', () => [pathGo, sdkGo]);
  client.handle('drift.cancel', () => ({ canceled: true }));
  const store = createAppStore({ client, storage: null, now: () => 5000 });
  await store.getState().loadWorkspace();
  await store.getState().loadToolchains();
  return { client, store };
}

const result = (id: string): BenchDriftResult => ({ id, releases: [], changes: [], wallMs: 10 });

describe('bench slice', () => {
  it('runs the tab’s snippet on the installed releases by default, with the form’s settings', async () => {
    const { client, store } = await setup();
    expect(benchVersions(store.getState())).toEqual(['go1.22.12', 'go1.26.8']);
    const answer = deferred<BenchDriftResult>();
    client.handle('drift.bench', () => answer.promise);
    store.getState().updateBenchForm({ count: 2, benchtime: ' 200x ', bench: '' });

    const done = store.getState().startBench();
    const call = client.calls.find((c) => c.name === 'drift.bench');
    const id = store.getState().benchRun?.id ?? '';
    expect(id).toMatch(/^bench-[0-9a-f]+$/);
    expect(call?.params).toEqual({ id, source: 'package main // a', versions: ['go1.22.12', 'go1.26.8'], bench: '.', count: 2, benchtime: '200x', mode: 'auto' });
    expect(store.getState().benchRun).toMatchObject({ phase: 'running', tabId: 'tab-a', versions: ['go1.22.12', 'go1.26.8'] });
    // A second start while one runs does nothing.
    await store.getState().startBench();
    expect(client.calls.filter((c) => c.name === 'drift.bench')).toHaveLength(1);

    answer.resolve(result(id));
    await done;
    expect(store.getState().benchRun).toMatchObject({ phase: 'done', result: result(id), failure: null, finishedAt: 5000 });
  });

  it('uses only the picked releases, and sends no benchtime when empty', async () => {
    const { client, store } = await setup();
    client.handle('drift.bench', (p) => result(p.id));
    store.getState().updateBenchForm({ versions: ['go1.26.8'] });
    await store.getState().startBench();
    expect(client.calls.find((c) => c.name === 'drift.bench')?.params).toMatchObject({ versions: ['go1.26.8'], bench: '.', count: 5 });
    expect(client.calls.find((c) => c.name === 'drift.bench')?.params).not.toHaveProperty('benchtime');
  });

  it('does not start with an invalid form', async () => {
    const { client, store } = await setup();
    store.getState().updateBenchForm({ versions: [] });
    await store.getState().startBench();
    store.getState().updateBenchForm({ versions: null, benchtime: 'soon' });
    await store.getState().startBench();
    expect(client.calls.filter((c) => c.name === 'drift.bench')).toHaveLength(0);
    expect(store.getState().benchRun).toBeNull();
  });

  it('cancels by id, and shows a failed call', async () => {
    const { client, store } = await setup();
    const answer = deferred<BenchDriftResult>();
    client.handle('drift.bench', () => answer.promise);
    const done = store.getState().startBench();
    const id = store.getState().benchRun?.id;
    await store.getState().cancelBench();
    expect(client.calls.at(-1)).toEqual({ name: 'drift.cancel', params: { id } });
    expect(store.getState().benchRun?.cancelRequested).toBe(true);
    answer.reject(new ContractError('internal', 'canceled'));
    await done;
    expect(store.getState().benchRun).toMatchObject({ phase: 'done', failure: 'canceled' });
    // Nothing to cancel once done.
    await store.getState().cancelBench();
    expect(client.calls.filter((c) => c.name === 'drift.cancel')).toHaveLength(1);
  });
});
