// Every keyboard shortcut of the window, in one list: the key binding (shortcuts-binding.ts) and
// the Help panel both read it, so what the panel shows is what the keys do.
//
// Keys are written 'Mod+Shift+Enter': Mod is ⌘ on macOS and Ctrl elsewhere. The first combination
// of a shortcut is the one shown. The keys avoid what Chromium keeps for itself in browser mode
// (Ctrl+T, Ctrl+W, Ctrl+Tab) and Monaco's single-stroke bindings, except F1 (its command palette,
// still on the editor's context menu), Mod+Shift+Enter (its "insert line above") and Shift+Alt+F
// (its Format Document, which the format shortcut ends up running anyway).
import type { AppStore } from '../store/store';
import { selectActiveTab } from '../store/workspace-slice';

export type ShortcutId =
  | 'run'
  | 'run-traced'
  | 'format'
  | 'new-tab'
  | 'close-tab'
  | 'next-tab'
  | 'prev-tab'
  | 'toggle-sidebar'
  | 'toggle-presentation'
  | 'zoom-in'
  | 'zoom-out'
  | 'zoom-reset'
  | 'open-settings'
  | 'open-help';

export type ShortcutGroup = 'Run' | 'Tabs' | 'View' | 'Help';

export interface Shortcut {
  id: ShortcutId;
  group: ShortcutGroup;
  /** What the Help panel says it does. */
  description: string;
  keys: { mac: readonly string[]; other: readonly string[] };
  /** Held keys repeat (zoom); a toggle fires once per press. */
  repeats?: boolean;
  run(store: AppStore): void;
}

function cycleTab(store: AppStore, step: 1 | -1): void {
  const s = store.getState();
  const i = s.tabs.findIndex((t) => t.id === s.activeTabId);
  const next = s.tabs[(i + step + s.tabs.length) % s.tabs.length];
  if (next) s.selectTab(next.id);
}

export const SHORTCUTS: readonly Shortcut[] = [
  {
    id: 'run',
    group: 'Run',
    description: 'Run',
    keys: { mac: ['Mod+Enter'], other: ['Mod+Enter'] },
    run: (store) => void store.getState().startRun(),
  },
  {
    id: 'run-traced',
    group: 'Run',
    description: 'Run traced (with a Go execution trace)',
    keys: { mac: ['Mod+Shift+Enter'], other: ['Mod+Shift+Enter'] },
    run: (store) => {
      const s = store.getState();
      // As the toolbar button: a trace needs the real clock.
      if (s.faketime && selectActiveTab(s)?.mode === 'docker') return;
      void s.startRun({ trace: true });
    },
  },
  {
    id: 'format',
    group: 'Run',
    description: 'Format the snippet (gofmt)',
    // Monaco's own key for Format Document, now also outside the editor.
    keys: { mac: ['Shift+Alt+F'], other: ['Shift+Alt+F'] },
    run: (store) => void store.getState().formatTab(store.getState().activeTabId),
  },
  {
    id: 'new-tab',
    group: 'Tabs',
    description: 'New snippet tab',
    keys: { mac: ['Mod+Alt+N'], other: ['Mod+Alt+N'] },
    run: (store) => store.getState().addTab(),
  },
  {
    id: 'close-tab',
    group: 'Tabs',
    description: 'Close the tab (the snippet stays in the library)',
    keys: { mac: ['Mod+Alt+W'], other: ['Mod+Alt+W'] },
    run: (store) => {
      const s = store.getState();
      // As the tab bar: the last tab has no close button.
      if (s.tabs.length > 1) s.closeTab(s.activeTabId);
    },
  },
  {
    id: 'next-tab',
    group: 'Tabs',
    description: 'Next tab',
    keys: { mac: ['Mod+Shift+]'], other: ['Mod+Alt+PageDown'] },
    repeats: true,
    run: (store) => cycleTab(store, 1),
  },
  {
    id: 'prev-tab',
    group: 'Tabs',
    description: 'Previous tab',
    keys: { mac: ['Mod+Shift+['], other: ['Mod+Alt+PageUp'] },
    repeats: true,
    run: (store) => cycleTab(store, -1),
  },
  {
    id: 'toggle-sidebar',
    group: 'View',
    description: 'Show or hide the snippet library',
    keys: { mac: ['Mod+B'], other: ['Mod+B'] },
    run: (store) => store.getState().setLibraryOpen(!store.getState().libraryOpen),
  },
  {
    id: 'toggle-presentation',
    group: 'View',
    description: 'Presentation mode (large type, less chrome)',
    keys: { mac: ['Mod+Shift+P'], other: ['Mod+Shift+P'] },
    run: (store) => store.getState().togglePresentation(),
  },
  {
    id: 'zoom-in',
    group: 'View',
    description: 'Larger editor and output text',
    keys: { mac: ['Mod+=', 'Mod+Plus', 'Mod+Shift+Plus'], other: ['Mod+=', 'Mod+Plus', 'Mod+Shift+Plus'] },
    repeats: true,
    run: (store) => store.getState().zoomFont(1),
  },
  {
    id: 'zoom-out',
    group: 'View',
    description: 'Smaller editor and output text',
    keys: { mac: ['Mod+-'], other: ['Mod+-'] },
    repeats: true,
    run: (store) => store.getState().zoomFont(-1),
  },
  {
    id: 'zoom-reset',
    group: 'View',
    description: 'Default text size',
    keys: { mac: ['Mod+0'], other: ['Mod+0'] },
    run: (store) => store.getState().zoomFont(0),
  },
  {
    id: 'open-settings',
    group: 'Help',
    description: 'Settings',
    keys: { mac: ['Mod+,'], other: ['Mod+,'] },
    run: (store) => store.getState().setSettingsOpen(!store.getState().settingsOpen),
  },
  {
    id: 'open-help',
    group: 'Help',
    description: 'Keyboard shortcuts (this list)',
    keys: { mac: ['F1'], other: ['F1'] },
    run: (store) => store.getState().setHelpOpen(!store.getState().helpOpen),
  },
];

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = ['Run', 'Tabs', 'View', 'Help'];

export interface KeyCombo {
  ctrl: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
  /** The key as KeyboardEvent.key gives it, lower-cased for letters: 'enter' → 'Enter', 'n', '=', '+'. */
  key: string;
}

/** Names a combination may use for keys that are awkward to write after a '+'. */
const KEY_ALIASES: Record<string, string> = { plus: '+', enter: 'Enter', esc: 'Escape', space: ' ' };

/** Parses 'Mod+Shift+Enter' for one platform; throws on a combination that cannot be meant. */
export function parseCombo(text: string, mac: boolean): KeyCombo {
  const parts = text.split('+');
  const keyPart = parts.pop() ?? '';
  const combo: KeyCombo = { ctrl: false, meta: false, alt: false, shift: false, key: '' };
  for (const part of parts) {
    switch (part) {
      case 'Mod':
        if (mac) combo.meta = true;
        else combo.ctrl = true;
        break;
      case 'Ctrl':
        combo.ctrl = true;
        break;
      case 'Meta':
        combo.meta = true;
        break;
      case 'Alt':
        combo.alt = true;
        break;
      case 'Shift':
        combo.shift = true;
        break;
      default:
        throw new Error(`"${text}": unknown modifier "${part}"`);
    }
  }
  if (keyPart === '') throw new Error(`"${text}" names no key`);
  const alias = KEY_ALIASES[keyPart.toLowerCase()];
  combo.key = alias ?? (keyPart.length === 1 ? keyPart.toLowerCase() : keyPart);
  return combo;
}

/** Two combinations are the same keystroke. */
export function comboId(c: KeyCombo): string {
  return `${c.ctrl ? 'C' : ''}${c.meta ? 'M' : ''}${c.alt ? 'A' : ''}${c.shift ? 'S' : ''}:${c.key}`;
}

/**
 * The physical key of a character, for when the character itself changes with the modifiers:
 * ⌥N types "˜" on a Mac, ⇧] types "}", Ctrl+0 on a French keyboard is "à".
 */
const CODE_OF: Record<string, string> = {
  '[': 'BracketLeft',
  ']': 'BracketRight',
  ',': 'Comma',
  '.': 'Period',
  '/': 'Slash',
  '=': 'Equal',
  '-': 'Minus',
};

function codeOf(key: string): string | null {
  if (/^[a-z]$/.test(key)) return `Key${key.toUpperCase()}`;
  if (/^[0-9]$/.test(key)) return `Digit${key}`;
  return CODE_OF[key] ?? null;
}

export type KeyEventLike = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

function sameModifiers(e: KeyEventLike, c: KeyCombo): boolean {
  return e.ctrlKey === c.ctrl && e.metaKey === c.meta && e.altKey === c.alt && e.shiftKey === c.shift;
}

function byKey(e: KeyEventLike, c: KeyCombo): boolean {
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  return sameModifiers(e, c) && key === c.key;
}

function byCode(e: KeyEventLike, c: KeyCombo): boolean {
  const code = codeOf(c.key);
  return code !== null && sameModifiers(e, c) && e.code === code;
}

/** The shortcut a key press means, or null. The character decides; the physical key is the fallback. */
export function shortcutFor(e: KeyEventLike, mac: boolean, shortcuts: readonly Shortcut[] = SHORTCUTS): Shortcut | null {
  const combos = shortcuts.flatMap((s) => (mac ? s.keys.mac : s.keys.other).map((k) => ({ s, c: parseCombo(k, mac) })));
  return combos.find(({ c }) => byKey(e, c))?.s ?? combos.find(({ c }) => byCode(e, c))?.s ?? null;
}

const MAC_SYMBOL: Record<string, string> = { Mod: '⌘', Meta: '⌘', Ctrl: '⌃', Alt: '⌥', Shift: '⇧' };
const KEY_LABEL: Record<string, string> = { Plus: '+', PageDown: 'PgDn', PageUp: 'PgUp' };

/** How a combination is shown: '⌘⇧↵' on a Mac, 'Ctrl+Shift+Enter' elsewhere ('Ctrl+Shift+↵' compact). */
export function formatCombo(text: string, mac: boolean, compact = false): string {
  const parts = text.split('+');
  const key = parts.pop() ?? '';
  const keyLabel = key === 'Enter' ? (mac || compact ? '↵' : 'Enter') : (KEY_LABEL[key] ?? (key.length === 1 ? key.toUpperCase() : key));
  if (mac) return parts.map((p) => MAC_SYMBOL[p] ?? p).join('') + keyLabel;
  return [...parts.map((p) => (p === 'Mod' ? 'Ctrl' : p)), keyLabel].join('+');
}

export function shortcutById(id: ShortcutId): Shortcut {
  const found = SHORTCUTS.find((s) => s.id === id);
  if (!found) throw new Error(`no shortcut ${id}`);
  return found;
}

/** The label of a shortcut's first combination, for buttons' tooltips. */
export function shortcutLabel(id: ShortcutId, mac: boolean, compact = false): string {
  const s = shortcutById(id);
  return formatCombo((mac ? s.keys.mac : s.keys.other)[0] ?? '', mac, compact);
}

export const isMacPlatform = (platform: string): boolean => /Mac|iPhone|iPad/.test(platform);
