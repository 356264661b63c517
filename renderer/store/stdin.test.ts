// Each tab's stdin: kept and saved with the tab, sent with that tab's runs only, never past its cap.
import { describe, expect, it } from 'vitest';
import { MAX_TAB_STDIN_CHARS, WorkspaceSchema, type Workspace } from '../../shared/workspace';
import { fakeClient, runResult } from '../test/fake-client';
import { createAppStore } from './store';

const stored: Workspace = {
  tabs: [
    { id: 'tab-a', title: 'a.go', source: 'package main', go: '', mode: 'wasm', stdin: 'saved input\n' },
    { id: 'tab-b', title: 'b.go', source: 'package main', go: '', mode: 'docker' },
  ],
  activeTabId: 'tab-a',
  limits: {},
};

async function setup() {
  const client = fakeClient();
  const saved: Workspace[] = [];
  client.handle('workspace.load', () => stored);
  client.handle('workspace.save', (w) => {
    saved.push(w as Workspace);
    return { savedAt: 1 };
  });
  client.handle('run.start', (p) => runResult({ runId: p.runId }));
  const store = createAppStore({ client, storage: null, now: () => 0 });
  await store.getState().loadWorkspace();
  const lastRun = () => client.calls.filter((c) => c.name === 'run.start').at(-1)?.params as Record<string, unknown> | undefined;
  return { client, store, saved, lastRun };
}

describe('tab stdin', () => {
  it("sends the active tab's stdin with its run, and none for a tab without input", async () => {
    const { store, lastRun } = await setup();
    await store.getState().startRun();
    expect(lastRun()).toMatchObject({ stdin: 'saved input\n', runBenchmarks: true });
    store.getState().selectTab('tab-b');
    await store.getState().startRun();
    expect(lastRun()).not.toHaveProperty('stdin');
    // Emptied: no stdin sent (the program reads EOF at once).
    store.getState().selectTab('tab-a');
    store.getState().setTabStdin('tab-a', '');
    await store.getState().startRun();
    expect(lastRun()).not.toHaveProperty('stdin');
  });

  it('saves the text with its tab, and a reload brings it back', async () => {
    const { store, saved } = await setup();
    store.getState().setTabStdin('tab-b', '1 2 3\n');
    expect(store.getState().saveState).toBe('pending');
    await store.getState().saveWorkspace();
    const w = WorkspaceSchema.parse(saved.at(-1));
    expect(w.tabs.map((t) => t.stdin)).toEqual(['saved input\n', '1 2 3\n']);
    // The same text again is no change worth saving.
    const revision = store.getState().revision;
    store.getState().setTabStdin('tab-b', '1 2 3\n');
    expect(store.getState().revision).toBe(revision);
  });

  it('keeps at most the cap, which the saved workspace accepts', async () => {
    const { store } = await setup();
    store.getState().setTabStdin('tab-a', 'x'.repeat(MAX_TAB_STDIN_CHARS + 10));
    expect(store.getState().tabs[0]?.stdin).toHaveLength(MAX_TAB_STDIN_CHARS);
    expect(WorkspaceSchema.safeParse(store.getState().workspaceSnapshot()).success).toBe(true);
    expect(WorkspaceSchema.safeParse({ ...stored, tabs: [{ ...stored.tabs[0]!, stdin: 'x'.repeat(MAX_TAB_STDIN_CHARS + 1) }] }).success).toBe(false);
  });
});
