import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContractError } from '../../shared/contract';
import { SettingsSchema, type Settings, type UiPrefs } from '../../shared/settings';
import type { Workspace } from '../../shared/workspace';
import { createAppStore } from '../store/store';
import type { StoreDeps } from '../store/types';
import { fakeClient } from '../test/fake-client';
import { APPEARANCE_KEY, selectEditorFontSize, selectMonacoTheme, selectOutputFontSize, selectUiPrefs } from './appearance-slice';
import { startAppearanceSync } from './appearance-sync';

function memoryStorage(initial: Record<string, string> = {}): NonNullable<StoreDeps['storage']> & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) };
}

const workspace: Workspace = {
  tabs: [{ id: 'tab-a', title: 'a.go', source: 'package a', go: '', mode: 'docker' }],
  activeTabId: 'tab-a',
  limits: {},
};

function setup(opts: { file?: Partial<Settings>; storage?: ReturnType<typeof memoryStorage> } = {}) {
  const client = fakeClient();
  let file: Settings = SettingsSchema.parse({ goproxy: 'https://mirror.example', goroots: ['/opt/go'], ...opts.file });
  let failSaves = false;
  const saves: Settings[] = [];
  client.handle('settings.load', () => file);
  client.handle('settings.save', (s) => {
    if (failSaves) throw new ContractError('internal', 'disk full');
    file = SettingsSchema.parse(s);
    saves.push(file);
    return file;
  });
  client.handle('workspace.load', () => workspace);
  client.handle('sdk.list', () => []);
  client.handle('sdk.catalog', () => ({ releases: [], proxy: '', fetchedAt: 1, offline: true }));
  const storage = opts.storage ?? memoryStorage();
  const store = createAppStore({ client, storage, now: () => 0 });
  return {
    client,
    store,
    storage,
    saves,
    file: () => file,
    setFile: (f: Partial<Settings>) => (file = SettingsSchema.parse({ ...file, ...f })),
    failSaves: (on: boolean) => (failSaves = on),
  };
}

const local = (storage: ReturnType<typeof memoryStorage>) => JSON.parse(storage.data[APPEARANCE_KEY] ?? 'null') as Record<string, unknown> | null;

describe('appearance slice', () => {
  it('starts dark-by-system, 16 px, not presenting, with nothing to save', () => {
    const { store } = setup();
    const s = store.getState();
    expect(selectUiPrefs(s)).toEqual({ theme: 'system', fontSize: 16, presentation: false, newTabMode: 'same' });
    expect(selectMonacoTheme(s)).toBe('gopherlab-dark');
    expect(s.uiPending).toBe(false);
  });

  it('applies a change at once, remembers it locally as not yet in the file, and saves it keeping the other settings', async () => {
    const { store, storage, saves, file } = setup();
    store.getState().setThemePref('light');
    expect(selectMonacoTheme(store.getState())).toBe('vs');
    expect(store.getState().uiPending).toBe(true);
    expect(local(storage)).toMatchObject({ theme: 'light', synced: false });

    expect(await store.getState().saveUiPrefs()).toBe(true);
    expect(saves).toHaveLength(1);
    expect(file()).toMatchObject({ goproxy: 'https://mirror.example', goroots: ['/opt/go'], ui: { theme: 'light', fontSize: 16 } });
    expect(store.getState().sources?.ui?.theme).toBe('light');
    expect(store.getState().uiPending).toBe(false);
    expect(local(storage)).toMatchObject({ theme: 'light', synced: true });
  });

  it('presentation enlarges the editor and the output, and leaving it gives the user’s size back', () => {
    const { store } = setup();
    store.getState().setUiFontSize(18);
    const before = { editor: selectEditorFontSize(store.getState()), output: selectOutputFontSize(store.getState()) };
    store.getState().togglePresentation();
    expect(selectEditorFontSize(store.getState())).toBeGreaterThanOrEqual(22);
    expect(selectOutputFontSize(store.getState())).toBeGreaterThan(before.output);
    expect(selectMonacoTheme(store.getState())).toBe('hc-black');
    store.getState().togglePresentation();
    expect({ editor: selectEditorFontSize(store.getState()), output: selectOutputFontSize(store.getState()) }).toEqual(before);
    expect(store.getState().fontSize).toBe(18);
  });

  it('keeps a failed save as a message and the change in force', async () => {
    const { store, failSaves } = setup();
    await store.getState().loadSources();
    failSaves(true);
    store.getState().setPresentation(true);
    expect(await store.getState().saveUiPrefs()).toBe(false);
    expect(store.getState().uiError).toMatch(/Could not save the appearance settings: .*disk full/);
    expect(store.getState().presentation).toBe(true);
    expect(store.getState().uiPending).toBe(true);
    failSaves(false);
    expect(await store.getState().saveUiPrefs()).toBe(true);
    expect(store.getState().uiError).toBeNull();
  });

  it('starts new tabs in the chosen sandbox, or in the current tab’s', async () => {
    const { store } = setup();
    await store.getState().loadWorkspace();
    store.getState().addTab();
    expect(store.getState().tabs.at(-1)?.mode).toBe('docker');
    store.getState().setNewTabMode('wasm');
    store.getState().addTab();
    expect(store.getState().tabs.at(-1)?.mode).toBe('wasm');
  });

  it('opens one panel at a time', () => {
    const { store } = setup();
    store.getState().setSettingsOpen(true);
    store.getState().setHelpOpen(true);
    expect(store.getState()).toMatchObject({ settingsOpen: false, helpOpen: true });
  });
});

describe('startAppearanceSync', () => {
  const win = () => new EventTarget() as unknown as Window;
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const ui = (p: Partial<UiPrefs>): UiPrefs => ({ theme: 'system', fontSize: 16, presentation: false, newTabMode: 'same', ...p });

  it('reads the settings file at start and takes its preferences', async () => {
    const { store, storage } = setup({ file: { ui: ui({ theme: 'light', fontSize: 20, presentation: true, newTabMode: 'wasm' }) } });
    const stop = startAppearanceSync(store, win(), 400);
    await vi.runAllTimersAsync();
    expect(selectUiPrefs(store.getState())).toEqual(ui({ theme: 'light', fontSize: 20, presentation: true, newTabMode: 'wasm' }));
    expect(store.getState().uiPending).toBe(false);
    // …and keeps a copy for the next first paint.
    expect(local(storage)).toMatchObject({ theme: 'light', presentation: true, synced: true });
    stop();
  });

  it('writes once, a short while after the last of several changes', async () => {
    const { store, saves } = setup();
    const stop = startAppearanceSync(store, win(), 400);
    await vi.runAllTimersAsync();
    store.getState().zoomFont(1);
    store.getState().zoomFont(1);
    await vi.advanceTimersByTimeAsync(300);
    store.getState().zoomFont(1);
    await vi.advanceTimersByTimeAsync(300);
    expect(saves).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(200);
    expect(saves.map((s) => s.ui?.fontSize)).toEqual([19]);
    stop();
  });

  it('does not let the file undo a change it has not received yet', async () => {
    const { store, saves, setFile } = setup();
    const stop = startAppearanceSync(store, win(), 400);
    await vi.runAllTimersAsync();
    store.getState().setThemePref('light');
    // The settings are read again (the SDK panel opened) before the save went out.
    setFile({ ui: ui({ theme: 'dark' }) });
    await store.getState().loadSources();
    expect(store.getState().themePref).toBe('light');
    await vi.advanceTimersByTimeAsync(400);
    expect(saves.at(-1)?.ui?.theme).toBe('light');
    stop();
  });

  it('after a reload, a change that never reached the file wins over the file, and is saved', async () => {
    const storage = memoryStorage({ [APPEARANCE_KEY]: JSON.stringify({ theme: 'light', presentation: false, newTabMode: 'same', synced: false }) });
    const { store, saves } = setup({ storage, file: { ui: ui({ theme: 'dark' }) } });
    expect(store.getState().themePref).toBe('light');
    const stop = startAppearanceSync(store, win(), 400);
    await vi.runAllTimersAsync();
    expect(store.getState().themePref).toBe('light');
    expect(saves.at(-1)?.ui?.theme).toBe('light');
    stop();
  });

  it('after a reload, a local copy the file has seen gives way to the file (another window changed it)', async () => {
    const storage = memoryStorage({ [APPEARANCE_KEY]: JSON.stringify({ theme: 'light', presentation: false, newTabMode: 'same', synced: true }) });
    const { store, saves } = setup({ storage, file: { ui: ui({ theme: 'dark' }) } });
    expect(store.getState().themePref).toBe('light');
    const stop = startAppearanceSync(store, win(), 400);
    await vi.runAllTimersAsync();
    expect(store.getState().themePref).toBe('dark');
    expect(saves).toHaveLength(0);
    stop();
  });

  it('writes right away when the window goes', async () => {
    const { store, saves } = setup();
    const w = win();
    const stop = startAppearanceSync(store, w, 400);
    await vi.runAllTimersAsync();
    store.getState().setPresentation(true);
    w.dispatchEvent(new Event('pagehide'));
    await vi.advanceTimersByTimeAsync(0);
    expect(saves.at(-1)?.ui?.presentation).toBe(true);
    stop();
  });

  it('does not retry a failed save in a loop; the next change tries again', async () => {
    const { store, saves, failSaves, client } = setup();
    const stop = startAppearanceSync(store, win(), 400);
    await vi.runAllTimersAsync();
    failSaves(true);
    store.getState().setThemePref('dark');
    await vi.advanceTimersByTimeAsync(5000);
    expect(client.calls.filter((c) => c.name === 'settings.save')).toHaveLength(1);
    failSaves(false);
    store.getState().setThemePref('light');
    await vi.advanceTimersByTimeAsync(400);
    expect(saves.at(-1)?.ui?.theme).toBe('light');
    expect(store.getState().uiError).toBeNull();
    stop();
  });
});
