import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Workspace } from '../../shared/workspace';
import { createAppStore } from '../store/store';
import { deferred, fakeClient } from '../test/fake-client';
import { startAutosave } from './autosave';

function fakeWindow() {
  const win = new EventTarget();
  const document = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState });
  return Object.assign(win, { document }) as unknown as Window & { document: { visibilityState: DocumentVisibilityState } };
}

async function setup(hold?: Promise<void>) {
  const client = fakeClient();
  const saved: Workspace[] = [];
  client.handle('workspace.load', () => ({
    tabs: [{ id: 'tab-a', title: 'a.go', source: 'package a', go: '', mode: 'wasm' as const }],
    activeTabId: 'tab-a',
    limits: {},
  }));
  client.handle('workspace.save', async (w) => {
    if (hold && saved.length === 0) await hold;
    saved.push(w as Workspace);
    return { savedAt: Date.now() };
  });
  const store = createAppStore({ client, storage: null, now: () => 0 });
  await store.getState().loadWorkspace();
  const win = fakeWindow();
  const stop = startAutosave(store, win, 400);
  return { store, saved, win, stop };
}

describe('startAutosave', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves once, 400 ms after the last of several quick edits', async () => {
    const { store, saved, stop } = await setup();
    store.getState().setSource('tab-a', 'package a // 1');
    await vi.advanceTimersByTimeAsync(300);
    store.getState().setSource('tab-a', 'package a // 2');
    await vi.advanceTimersByTimeAsync(399);
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(saved.map((w) => w.tabs[0]?.source)).toEqual(['package a // 2']);
    expect(store.getState().saveState).toBe('saved');
    stop();
  });

  it('saves at once when the window is hidden or closed', async () => {
    const { store, saved, win, stop } = await setup();
    store.getState().setSource('tab-a', 'package a // hidden');
    win.document.visibilityState = 'hidden';
    win.document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(saved.map((w) => w.tabs[0]?.source)).toEqual(['package a // hidden']);

    store.getState().setSource('tab-a', 'package a // closing');
    win.dispatchEvent(new Event('beforeunload'));
    await vi.advanceTimersByTimeAsync(0);
    expect(saved.at(-1)?.tabs[0]?.source).toBe('package a // closing');
    stop();
  });

  it('writes again when edits arrive while a save is on its way', async () => {
    const slowDisk = deferred<void>();
    const { store, saved, stop } = await setup(slowDisk.promise);
    store.getState().setSource('tab-a', 'package a // first');
    await vi.advanceTimersByTimeAsync(400);
    expect(store.getState().saveState).toBe('saving');
    store.getState().setSource('tab-a', 'package a // second');
    await vi.advanceTimersByTimeAsync(400);
    expect(saved).toEqual([]);
    slowDisk.resolve();
    await vi.advanceTimersByTimeAsync(400);
    expect(saved.map((w) => w.tabs[0]?.source)).toEqual(['package a // first', 'package a // second']);
    expect(store.getState().saveState).toBe('saved');
    stop();
  });
});
