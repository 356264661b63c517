// Binds the shortcut registry to the window. It listens in the capture phase, before Monaco and
// the page's own handlers, so a shortcut does the same thing wherever the focus is.
import type { AppStore } from '../store/store';
import { SHORTCUTS, shortcutFor, type KeyEventLike, type Shortcut } from './shortcuts';

type KeyEventTarget = Pick<Window, 'addEventListener' | 'removeEventListener'>;

export interface ShortcutKeyEvent extends KeyEventLike {
  repeat: boolean;
  isComposing: boolean;
  defaultPrevented: boolean;
  preventDefault(): void;
  stopPropagation(): void;
  getModifierState?(key: string): boolean;
}

/** Runs the shortcut a key press means; true when it took the press. */
export function handleShortcutKey(e: ShortcutKeyEvent, store: AppStore, mac: boolean, shortcuts: readonly Shortcut[] = SHORTCUTS): boolean {
  // An input method composing text, or AltGr typing a character (Ctrl+Alt on Windows), is typing.
  if (e.defaultPrevented || e.isComposing || e.getModifierState?.('AltGraph')) return false;
  const shortcut = shortcutFor(e, mac, shortcuts);
  if (!shortcut) return false;
  e.preventDefault();
  e.stopPropagation();
  if (e.repeat && !shortcut.repeats) return true;
  shortcut.run(store);
  return true;
}

export function bindShortcuts(store: AppStore, mac: boolean, target: KeyEventTarget = window): () => void {
  const onKey = (e: KeyboardEvent) => void handleShortcutKey(e, store, mac);
  target.addEventListener('keydown', onKey, true);
  return () => target.removeEventListener('keydown', onKey, true);
}
