// Keeps the appearance preferences and the settings file in step: reads the file once at start
// (and whenever the settings are read again), writes a change a short while after the last one,
// and right away when the window goes.
import type { AppStore } from '../store/store';
import { sameUiPrefs, selectUiPrefs } from './appearance-slice';

export const UI_SAVE_DELAY_MS = 400;

export function startAppearanceSync(store: AppStore, win: Pick<Window, 'addEventListener' | 'removeEventListener'> = window, delayMs = UI_SAVE_DELAY_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (store.getState().uiPending) void store.getState().saveUiPrefs();
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, delayMs);
  };

  // What the file says wins, unless this window has a change the file has not seen yet.
  const offSources = store.subscribe(
    (s) => s.sources?.ui,
    (ui) => {
      if (ui && !store.getState().uiPending) store.getState().applyStoredUi(ui);
    },
    { fireImmediately: true },
  );
  const offPrefs = store.subscribe(selectUiPrefs, () => store.getState().uiPending && schedule(), { equalityFn: sameUiPrefs });
  // A save that ended while more changes came in goes again; a failed one waits for the next change.
  const offSaving = store.subscribe(
    (s) => s.uiSaving,
    (saving) => {
      const s = store.getState();
      if (!saving && s.uiPending && s.uiError === null) schedule();
    },
  );
  const offConnection = store.subscribe(
    (s) => s.connection,
    (c) => {
      if ((c === 'open' || c === 'ipc') && store.getState().uiPending) schedule();
    },
  );

  const s = store.getState();
  if (s.sourcesStatus === 'idle') void s.loadSources();
  // A change from before a reload that never reached the file.
  if (s.uiPending) schedule();

  win.addEventListener('pagehide', flush);
  return () => {
    if (timer) clearTimeout(timer);
    offSources();
    offPrefs();
    offSaving();
    offConnection();
    win.removeEventListener('pagehide', flush);
  };
}
