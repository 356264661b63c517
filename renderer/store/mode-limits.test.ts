import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../shared/workspace';
import { RunLimitsSchema } from '../../shared/run';
import { fakeClient } from '../test/fake-client';
import { MAX_MEMORY_MIB, runLimits, selectCpus, selectMemoryMiB, selectPids } from './settings-slice';
import { createAppStore } from './store';
import type { StoreDeps } from './types';

function memoryStorage(initial: Record<string, string> = {}): NonNullable<StoreDeps['storage']> & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) };
}

const stored: Workspace = {
  tabs: [
    { id: 'tab-a', title: 'a.go', source: 'package a', go: '', mode: 'wasm' },
    { id: 'tab-b', title: 'b.go', source: 'package b', go: '', mode: 'docker' },
  ],
  activeTabId: 'tab-a',
  limits: { timeoutMs: 3000, memoryBytes: 512 * 1024 * 1024, cpus: 2, pids: 128 },
};

async function setup(storage = memoryStorage()) {
  const client = fakeClient();
  const saved: Workspace[] = [];
  client.handle('workspace.load', () => stored);
  client.handle('workspace.save', (w) => {
    saved.push(w as Workspace);
    return { savedAt: 1 };
  });
  const store = createAppStore({ client, storage, now: () => 0 });
  await store.getState().loadWorkspace();
  return { client, store, saved, storage };
}

describe('sandbox mode per tab', () => {
  it('restores each tab’s mode and saves a change like any other edit', async () => {
    const { store, saved } = await setup();
    expect(store.getState().tabs.map((t) => t.mode)).toEqual(['wasm', 'docker']);
    const before = store.getState().revision;
    store.getState().setTabMode('tab-a', 'docker');
    expect(store.getState().revision).toBe(before + 1);
    expect(store.getState().saveState).toBe('pending');
    // Setting the mode a tab already has is not a change.
    store.getState().setTabMode('tab-a', 'docker');
    expect(store.getState().revision).toBe(before + 1);
    await store.getState().saveWorkspace();
    expect(saved.at(-1)?.tabs.map((t) => t.mode)).toEqual(['docker', 'docker']);
  });

  it('a new tab starts in the mode of the tab in front', async () => {
    const { store } = await setup();
    store.getState().selectTab('tab-b');
    store.getState().addTab();
    expect(store.getState().tabs.at(-1)?.mode).toBe('docker');
    store.getState().setTabMode(store.getState().activeTabId, 'wasm');
    store.getState().addTab();
    expect(store.getState().tabs.at(-1)?.mode).toBe('wasm');
  });
});

describe('limits', () => {
  it('restores memory, CPUs and PIDs from the workspace and saves changes', async () => {
    const { store, saved } = await setup();
    expect(selectMemoryMiB(store.getState())).toBe(512);
    expect(selectCpus(store.getState())).toBe(2);
    expect(selectPids(store.getState())).toBe(128);
    store.getState().setMemoryMiB(1024);
    store.getState().setCpus(0.5);
    store.getState().setPids(256);
    await store.getState().saveWorkspace();
    expect(saved.at(-1)?.limits).toEqual({ timeoutMs: 3000, memoryBytes: 1024 * 1024 * 1024, cpus: 0.5, pids: 256 });
  });

  it('keeps every value inside the contract’s bounds', async () => {
    const { store } = await setup();
    const s = () => store.getState();
    s().setMemoryMiB(1);
    expect(selectMemoryMiB(s())).toBe(16);
    s().setMemoryMiB(1e9);
    expect(selectMemoryMiB(s())).toBe(MAX_MEMORY_MIB);
    s().setCpus(0);
    expect(selectCpus(s())).toBe(0.1);
    s().setCpus(99);
    expect(selectCpus(s())).toBe(16);
    s().setCpus(1.26);
    expect(selectCpus(s())).toBe(1.3);
    s().setPids(1);
    expect(selectPids(s())).toBe(8);
    s().setPids(1e6);
    expect(selectPids(s())).toBe(4096);
    s().setPids(Number.NaN);
    expect(selectPids(s())).toBe(4096);
    // Whatever the user typed, what is sent passes the contract's schema.
    expect(RunLimitsSchema.partial().strict().safeParse(runLimits(s(), 'docker')).success).toBe(true);
    s().setMemoryMiB(1e9);
    s().setCpus(0.1);
    s().setPids(8);
    expect(RunLimitsSchema.partial().strict().safeParse(runLimits(s(), 'docker')).success).toBe(true);
  });

  it('sends CPUs and PIDs only with Docker runs, and the timeout always', async () => {
    const { store } = await setup();
    expect(runLimits(store.getState(), 'wasm')).toEqual({ timeoutMs: 3000, memoryBytes: 512 * 1024 * 1024 });
    expect(runLimits(store.getState(), 'docker')).toEqual({ timeoutMs: 3000, memoryBytes: 512 * 1024 * 1024, cpus: 2, pids: 128 });
    const fresh = createAppStore({ client: fakeClient(), storage: null, now: () => 0 });
    expect(runLimits(fresh.getState(), 'docker')).toEqual({ timeoutMs: 10_000 });
  });
});

describe('faketime', () => {
  it('is off by default and remembered locally (the workspace has no field for it)', async () => {
    const { store, storage } = await setup();
    expect(store.getState().faketime).toBe(false);
    const revision = store.getState().revision;
    store.getState().setFaketime(true);
    expect(store.getState().faketime).toBe(true);
    expect(storage.data['gopherlab.faketime']).toBe('on');
    expect(store.getState().revision).toBe(revision);
    const again = await setup(storage);
    expect(again.store.getState().faketime).toBe(true);
  });
});
