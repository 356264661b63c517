// Puts the appearance on the page: data-theme and data-presentation on <html> (the CSS palettes key
// on them), the output's font size as a CSS variable, and Monaco's theme (one for every editor).
// Follows the system's light/dark switch live while the theme is 'system'.
import type { AppStore } from '../store/store';
import { selectMonacoTheme, selectOutputFontSize, selectResolvedTheme } from './appearance-slice';
import './theme.css';

export interface DocumentThemeTarget {
  root: HTMLElement;
  /** matchMedia('(prefers-color-scheme: dark)'), when the page has one. */
  darkQuery: Pick<MediaQueryList, 'matches' | 'addEventListener' | 'removeEventListener'> | null;
  setEditorTheme(name: string): void;
}

export function bindDocumentTheme(store: AppStore, target: DocumentThemeTarget): () => void {
  const { root, darkQuery, setEditorTheme } = target;
  const onSystem = (e: { matches: boolean }) => store.getState().setSystemDark(e.matches);
  if (darkQuery) {
    onSystem(darkQuery);
    darkQuery.addEventListener('change', onSystem);
  }

  let editorTheme = '';
  const apply = () => {
    const s = store.getState();
    root.dataset.theme = selectResolvedTheme(s);
    if (s.presentation) root.dataset.presentation = 'on';
    else delete root.dataset.presentation;
    root.style.setProperty('--output-font-size', `${selectOutputFontSize(s)}px`);
    const next = selectMonacoTheme(s);
    if (next !== editorTheme) {
      editorTheme = next;
      setEditorTheme(next);
    }
  };
  apply();
  const off = store.subscribe((s) => `${selectResolvedTheme(s)} ${s.presentation} ${selectOutputFontSize(s)}`, apply);
  return () => {
    off();
    darkQuery?.removeEventListener('change', onSystem);
  };
}
