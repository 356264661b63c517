import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../shared/run';
import type { Workspace } from '../../shared/workspace';
import { createAppStore } from '../store/store';
import { deferred, fakeClient, runResult } from '../test/fake-client';
import { startLibrarySync } from './sync';

const stored: Workspace = {
  tabs: [
    { id: 'tab-a', title: 'a.go', source: 'package a', go: '', mode: 'wasm' },
    { id: 'tab-b', title: 'b.go', source: 'package b', go: '', mode: 'wasm' },
  ],
  activeTabId: 'tab-a',
  limits: {},
};

async function setup() {
  const client = fakeClient();
  const recorded: unknown[] = [];
  client.handle('workspace.load', () => stored);
  client.handle('workspace.save', () => ({ savedAt: 1 }));
  client.handle('snippets.list', () => ({ snippets: [], skipped: [] }));
  client.handle('snippets.recordRun', (p) => {
    recorded.push(p);
    return { recorded: true };
  });
  client.handle('snippets.get', ({ id }) => ({ id, title: 'closed.go', source: 'package closed', go: 'go1.22.3', mode: 'docker' as const, createdAt: 1, updatedAt: 2 }));
  client.handle('snippets.delete', () => ({ deleted: true }));
  const store = createAppStore({ client, storage: null, now: () => 1000 });
  await store.getState().loadWorkspace();
  return { client, store, recorded };
}

describe('library', () => {
  it('records each finished run once in its tab’s snippet, not again when the view of it changes', async () => {
    const { client, store, recorded } = await setup();
    const stop = startLibrarySync(store, 0);
    const answer = deferred<RunResult>();
    client.handle('run.start', () => answer.promise);
    store.getState().selectTab('tab-b');
    const running = store.getState().startRun();
    expect(store.getState().run?.phase).toBe('running');
    const runId = store.getState().run?.runId ?? '';
    answer.resolve(runResult({ runId, stdout: 'hi\n' }));
    await running;
    // A later change to the same finished run (a replay showing its output again) is not a new run.
    store.setState((s) => (s.run ? { run: { ...s.run, outputChars: s.run.outputChars + 1 } } : {}));
    await new Promise((r) => setTimeout(r, 0));
    expect(recorded).toEqual([{ id: 'tab-b', run: expect.objectContaining({ runId, at: 1000, go: 'go1.26.8', status: 'ok', stdout: 'hi\n' }) }]);
    stop();
  });

  it('opens a closed snippet as a tab with its own id, and closes the tab of a deleted one', async () => {
    const { store } = await setup();
    await store.getState().openSnippet('tab-closed');
    const s = store.getState();
    expect(s.activeTabId).toBe('tab-closed');
    expect(s.tabs.find((t) => t.id === 'tab-closed')).toEqual({ id: 'tab-closed', title: 'closed.go', source: 'package closed', go: 'go1.22.3', mode: 'docker' });
    expect(s.revision).toBeGreaterThan(s.savedRevision);

    await store.getState().openSnippet('tab-a');
    expect(store.getState().tabs).toHaveLength(3);
    expect(store.getState().activeTabId).toBe('tab-a');

    await store.getState().deleteSnippet('tab-closed');
    expect(store.getState().tabs.map((t) => t.id)).toEqual(['tab-a', 'tab-b']);
  });
});
