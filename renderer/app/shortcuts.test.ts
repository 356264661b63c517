import { describe, expect, it, vi } from 'vitest';
import type { Workspace } from '../../shared/workspace';
import { createAppStore } from '../store/store';
import { fakeClient } from '../test/fake-client';
import { handleShortcutKey, type ShortcutKeyEvent } from './shortcuts-binding';
import { comboId, formatCombo, parseCombo, SHORTCUT_GROUPS, SHORTCUTS, shortcutFor, shortcutLabel, type KeyEventLike, type ShortcutId } from './shortcuts';

function key(k: string, mods: Partial<Omit<KeyEventLike, 'key'>> = {}): KeyEventLike {
  return { key: k, code: mods.code ?? '', ctrlKey: mods.ctrlKey ?? false, metaKey: mods.metaKey ?? false, altKey: mods.altKey ?? false, shiftKey: mods.shiftKey ?? false };
}

const idFor = (e: KeyEventLike, mac: boolean): ShortcutId | null => shortcutFor(e, mac)?.id ?? null;

describe('shortcut registry', () => {
  it.each([true, false])('has no two shortcuts on the same keys (mac: %s), and every combination parses', (mac) => {
    const seen = new Map<string, string>();
    for (const s of SHORTCUTS) {
      const keys = mac ? s.keys.mac : s.keys.other;
      expect(keys.length, `${s.id} has keys`).toBeGreaterThan(0);
      for (const k of keys) {
        const id = comboId(parseCombo(k, mac));
        expect(seen.get(id), `${k} (${s.id}) is already ${seen.get(id)}`).toBeUndefined();
        seen.set(id, s.id);
      }
    }
  });

  it('has unique ids, a description and a group the Help panel shows for each', () => {
    expect(new Set(SHORTCUTS.map((s) => s.id)).size).toBe(SHORTCUTS.length);
    for (const s of SHORTCUTS) {
      expect(s.description.trim()).not.toBe('');
      expect(SHORTCUT_GROUPS).toContain(s.group);
    }
  });

  it('keeps clear of the keys Chromium keeps for itself in browser mode', () => {
    const reserved = ['Ctrl+t', 'Ctrl+w', 'Ctrl+n', 'Ctrl+Tab', 'Ctrl+Shift+Tab', 'Ctrl+Shift+n', 'Ctrl+Shift+t'].map((k) => comboId(parseCombo(k, false)));
    const used = SHORTCUTS.flatMap((s) => s.keys.other.map((k) => comboId(parseCombo(k, false))));
    for (const r of reserved) expect(used).not.toContain(r);
  });

  it('labels keys per platform', () => {
    expect(shortcutLabel('run', true)).toBe('⌘↵');
    expect(shortcutLabel('run', false)).toBe('Ctrl+Enter');
    expect(shortcutLabel('run', false, true)).toBe('Ctrl+↵');
    expect(shortcutLabel('run-traced', true)).toBe('⌘⇧↵');
    expect(shortcutLabel('run-traced', false)).toBe('Ctrl+Shift+Enter');
    expect(shortcutLabel('new-tab', true)).toBe('⌘⌥N');
    expect(shortcutLabel('next-tab', false)).toBe('Ctrl+Alt+PgDn');
    expect(shortcutLabel('zoom-in', false)).toBe('Ctrl+=');
    expect(shortcutLabel('open-help', true)).toBe('F1');
    expect(shortcutLabel('format', true)).toBe('⇧⌥F');
    expect(shortcutLabel('format', false)).toBe('Shift+Alt+F');
    expect(formatCombo('Mod+Shift+Plus', false)).toBe('Ctrl+Shift++');
  });

  it('refuses a combination it cannot read', () => {
    expect(() => parseCombo('Hyper+K', false)).toThrow(/unknown modifier "Hyper"/);
    expect(() => parseCombo('Mod+', false)).toThrow(/names no key/);
  });
});

describe('shortcutFor', () => {
  it('finds Run under Ctrl+Enter elsewhere and ⌘Enter on a Mac, not the other way round', () => {
    expect(idFor(key('Enter', { ctrlKey: true }), false)).toBe('run');
    expect(idFor(key('Enter', { metaKey: true }), true)).toBe('run');
    expect(idFor(key('Enter', { ctrlKey: true }), true)).toBeNull();
    expect(idFor(key('Enter', { metaKey: true }), false)).toBeNull();
    expect(idFor(key('Enter', { ctrlKey: true, shiftKey: true }), false)).toBe('run-traced');
    expect(idFor(key('Enter'), false)).toBeNull();
    expect(idFor(key('Enter', { ctrlKey: true, altKey: true }), false)).toBeNull();
  });

  it('zooms with =, with + (shifted or from the keypad) and resets with 0', () => {
    expect(idFor(key('=', { ctrlKey: true }), false)).toBe('zoom-in');
    expect(idFor(key('+', { ctrlKey: true, shiftKey: true }), false)).toBe('zoom-in');
    expect(idFor(key('+', { ctrlKey: true }), false)).toBe('zoom-in');
    expect(idFor(key('-', { ctrlKey: true }), false)).toBe('zoom-out');
    expect(idFor(key('0', { metaKey: true }), true)).toBe('zoom-reset');
    // A French keyboard's Ctrl+0 types "à": the physical key still counts.
    expect(idFor(key('à', { ctrlKey: true, code: 'Digit0' }), false)).toBe('zoom-reset');
  });

  it('reads letters in either case and falls back to the physical key when a modifier changes the character', () => {
    expect(idFor(key('P', { ctrlKey: true, shiftKey: true, code: 'KeyP' }), false)).toBe('toggle-presentation');
    expect(idFor(key('b', { metaKey: true, code: 'KeyB' }), true)).toBe('toggle-sidebar');
    // ⌥N on a Mac types "˜"; ⇧] types "}".
    expect(idFor(key('˜', { metaKey: true, altKey: true, code: 'KeyN' }), true)).toBe('new-tab');
    expect(idFor(key('}', { metaKey: true, shiftKey: true, code: 'BracketRight' }), true)).toBe('next-tab');
    expect(idFor(key('PageUp', { ctrlKey: true, altKey: true, code: 'PageUp' }), false)).toBe('prev-tab');
    expect(idFor(key(',', { ctrlKey: true, code: 'Comma' }), false)).toBe('open-settings');
    expect(idFor(key('F1', { code: 'F1' }), false)).toBe('open-help');
    // ⇧⌥F types "Ï" on a Mac.
    expect(idFor(key('Ï', { shiftKey: true, altKey: true, code: 'KeyF' }), true)).toBe('format');
    // Typing is not a shortcut.
    expect(idFor(key('b', { code: 'KeyB' }), false)).toBeNull();
    expect(idFor(key('?', { shiftKey: true, code: 'Slash' }), false)).toBeNull();
  });
});

const workspace: Workspace = {
  tabs: [
    { id: 'tab-a', title: 'a.go', source: 'package a', go: '', mode: 'wasm' },
    { id: 'tab-b', title: 'b.go', source: 'package b', go: '', mode: 'docker' },
    { id: 'tab-c', title: 'c.go', source: 'package c', go: '', mode: 'wasm' },
  ],
  activeTabId: 'tab-a',
  limits: {},
};

async function loadedStore(w: Workspace = workspace) {
  const client = fakeClient();
  client.handle('workspace.load', () => w);
  const store = createAppStore({ client, storage: null, now: () => 0 });
  await store.getState().loadWorkspace();
  return store;
}

function press(k: string, mods: Partial<Omit<KeyEventLike, 'key'>> & { repeat?: boolean; isComposing?: boolean; altGraph?: boolean } = {}): ShortcutKeyEvent & { prevented: boolean } {
  const e = {
    ...key(k, mods),
    repeat: mods.repeat ?? false,
    isComposing: mods.isComposing ?? false,
    defaultPrevented: false,
    prevented: false,
    preventDefault() {
      e.prevented = true;
    },
    stopPropagation: () => undefined,
    getModifierState: (m: string) => m === 'AltGraph' && (mods.altGraph ?? false),
  };
  return e;
}

describe('what the shortcuts do', () => {
  it('cycles through the tabs both ways, wrapping at the ends', async () => {
    const store = await loadedStore();
    handleShortcutKey(press('PageDown', { ctrlKey: true, altKey: true }), store, false);
    expect(store.getState().activeTabId).toBe('tab-b');
    handleShortcutKey(press('PageUp', { ctrlKey: true, altKey: true }), store, false);
    handleShortcutKey(press('PageUp', { ctrlKey: true, altKey: true }), store, false);
    expect(store.getState().activeTabId).toBe('tab-c');
    handleShortcutKey(press('}', { metaKey: true, shiftKey: true, code: 'BracketRight' }), store, true);
    expect(store.getState().activeTabId).toBe('tab-a');
  });

  it('opens and closes tabs, but never closes the last one (as the tab bar)', async () => {
    const store = await loadedStore({ ...workspace, tabs: [workspace.tabs[0]!] });
    handleShortcutKey(press('n', { ctrlKey: true, altKey: true, code: 'KeyN' }), store, false);
    expect(store.getState().tabs).toHaveLength(2);
    const added = store.getState().activeTabId;
    handleShortcutKey(press('w', { ctrlKey: true, altKey: true, code: 'KeyW' }), store, false);
    expect(store.getState().tabs.map((t) => t.id)).toEqual(['tab-a']);
    expect(added).not.toBe('tab-a');
    handleShortcutKey(press('w', { ctrlKey: true, altKey: true, code: 'KeyW' }), store, false);
    expect(store.getState().tabs.map((t) => t.id)).toEqual(['tab-a']);
  });

  it('zooms the text, toggles the sidebar, presentation, settings and help', async () => {
    const store = await loadedStore();
    const size = store.getState().fontSize;
    handleShortcutKey(press('=', { ctrlKey: true }), store, false);
    handleShortcutKey(press('=', { ctrlKey: true, repeat: true }), store, false);
    expect(store.getState().fontSize).toBe(size + 2);
    handleShortcutKey(press('0', { ctrlKey: true }), store, false);
    expect(store.getState().fontSize).toBe(16);

    const library = store.getState().libraryOpen;
    handleShortcutKey(press('b', { ctrlKey: true }), store, false);
    expect(store.getState().libraryOpen).toBe(!library);

    handleShortcutKey(press('P', { ctrlKey: true, shiftKey: true }), store, false);
    expect(store.getState().presentation).toBe(true);
    // Holding the keys down does not flicker it.
    handleShortcutKey(press('P', { ctrlKey: true, shiftKey: true, repeat: true }), store, false);
    expect(store.getState().presentation).toBe(true);

    handleShortcutKey(press(',', { ctrlKey: true }), store, false);
    expect(store.getState().settingsOpen).toBe(true);
    handleShortcutKey(press('F1'), store, false);
    expect(store.getState()).toMatchObject({ helpOpen: true, settingsOpen: false });
    handleShortcutKey(press('F1'), store, false);
    expect(store.getState().helpOpen).toBe(false);
  });

  it('runs, and runs traced only where a trace can be taken (not with faketime in Docker)', async () => {
    const store = await loadedStore();
    const startRun = vi.fn(async () => undefined);
    store.setState({ startRun });
    handleShortcutKey(press('Enter', { ctrlKey: true }), store, false);
    handleShortcutKey(press('Enter', { ctrlKey: true, shiftKey: true }), store, false);
    expect(startRun.mock.calls).toEqual([[], [{ trace: true }]]);
    store.getState().selectTab('tab-b');
    store.getState().setFaketime(true);
    handleShortcutKey(press('Enter', { ctrlKey: true, shiftKey: true }), store, false);
    expect(startRun).toHaveBeenCalledTimes(2);
  });

  it('formats the tab in front', async () => {
    const store = await loadedStore();
    const formatTab = vi.fn(async () => undefined);
    store.setState({ formatTab });
    store.getState().selectTab('tab-c');
    handleShortcutKey(press('F', { shiftKey: true, altKey: true, code: 'KeyF' }), store, false);
    expect(formatTab).toHaveBeenCalledWith('tab-c');
  });

  it('takes the key press from the page, and leaves typing alone', async () => {
    const store = await loadedStore();
    const taken = press('b', { ctrlKey: true });
    expect(handleShortcutKey(taken, store, false)).toBe(true);
    expect(taken.prevented).toBe(true);

    const typed = press('b');
    expect(handleShortcutKey(typed, store, false)).toBe(false);
    expect(typed.prevented).toBe(false);
    // Composing (an input method) and AltGr (Ctrl+Alt on Windows types "ń" with N) are typing.
    expect(handleShortcutKey(press('n', { ctrlKey: true, altKey: true, code: 'KeyN', altGraph: true }), store, false)).toBe(false);
    expect(handleShortcutKey(press('b', { ctrlKey: true, isComposing: true }), store, false)).toBe(false);
    expect(store.getState().tabs).toHaveLength(3);
  });
});
