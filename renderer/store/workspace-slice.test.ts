import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../shared/workspace';
import { fakeClient } from '../test/fake-client';
import { createAppStore } from './store';

function setup(stored: Workspace | null) {
  const client = fakeClient();
  const saved: Workspace[] = [];
  client.handle('workspace.load', () => stored);
  client.handle('workspace.save', (w) => {
    saved.push(w as Workspace);
    return { savedAt: 1 };
  });
  const store = createAppStore({ client, storage: null, now: () => 0 });
  return { client, store, saved };
}

const stored: Workspace = {
  tabs: [
    { id: 'tab-a', title: 'a.go', source: 'package a', go: 'go1.22.3', mode: 'wasm' },
    { id: 'tab-b', title: 'b.go', source: 'package b', go: '', mode: 'wasm' },
  ],
  activeTabId: 'tab-b',
  limits: { timeoutMs: 3000 },
};

describe('workspace slice', () => {
  it('starts a first run with one hello-world tab and saves it', async () => {
    const { store, saved } = setup(null);
    await store.getState().loadWorkspace();
    const s = store.getState();
    expect(s.tabs).toHaveLength(1);
    expect(s.tabs[0]?.source).toContain('func main()');
    expect(s.saveState).toBe('pending');
    await store.getState().saveWorkspace();
    expect(saved).toHaveLength(1);
    expect(store.getState().saveState).toBe('saved');
  });

  it('restores the saved tabs, the active tab and the limits', async () => {
    const { store } = setup(stored);
    await store.getState().loadWorkspace();
    const s = store.getState();
    expect(s.tabs.map((t) => t.id)).toEqual(['tab-a', 'tab-b']);
    expect(s.activeTabId).toBe('tab-b');
    expect(s.limits.timeoutMs).toBe(3000);
    expect(s.saveState).toBe('saved');
  });

  it('never saves the placeholder shown before the load answered', async () => {
    const { store, saved } = setup(stored);
    store.getState().setSource(store.getState().activeTabId, 'typed too early');
    await store.getState().saveWorkspace();
    expect(saved).toEqual([]);
  });

  it('saves edits, tab changes and the timeout', async () => {
    const { store, saved } = setup(stored);
    await store.getState().loadWorkspace();
    store.getState().setSource('tab-a', 'package main // edited');
    store.getState().renameTab('tab-a', '  renamed.go ');
    store.getState().setTimeoutSeconds(4);
    store.getState().addTab();
    await store.getState().saveWorkspace();
    const w = saved.at(-1)!;
    expect(w.tabs[0]).toMatchObject({ source: 'package main // edited', title: 'renamed.go', go: 'go1.22.3' });
    expect(w.tabs).toHaveLength(3);
    expect(w.activeTabId).toBe(w.tabs[2]?.id);
    expect(w.limits.timeoutMs).toBe(4000);
  });

  it('closing the active tab selects its neighbour; closing the last leaves a fresh one', async () => {
    const { store } = setup(stored);
    await store.getState().loadWorkspace();
    store.getState().closeTab('tab-b');
    expect(store.getState().activeTabId).toBe('tab-a');
    store.getState().closeTab('tab-a');
    expect(store.getState().tabs).toHaveLength(1);
    expect(store.getState().tabs[0]?.id).not.toBe('tab-a');
  });
});
