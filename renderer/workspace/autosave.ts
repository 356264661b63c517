// Writes the workspace a short while after the last edit, and right away when the window is
// hidden or closed, so a crash or a reload loses at most the last few hundred milliseconds.
import type { AppStore } from '../store/store';

export const AUTOSAVE_DELAY_MS = 400;

export function startAutosave(store: AppStore, win: Window = window, delayMs = AUTOSAVE_DELAY_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    void store.getState().saveWorkspace();
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, delayMs);
  };

  const offRevision = store.subscribe(
    (s) => s.revision,
    () => schedule(),
  );
  // A save that ended while more edits came in, or failed, goes again.
  const offState = store.subscribe(
    (s) => s.saveState,
    (state) => {
      if (state === 'pending' && !timer) schedule();
    },
  );
  const offConnection = store.subscribe(
    (s) => s.connection,
    (c) => {
      const s = store.getState();
      if (c === 'open' && s.revision > s.savedRevision) schedule();
    },
  );

  const onHide = () => {
    if (win.document.visibilityState === 'hidden') flush();
  };
  win.addEventListener('beforeunload', flush);
  win.addEventListener('pagehide', flush);
  win.document.addEventListener('visibilitychange', onHide);

  return () => {
    if (timer) clearTimeout(timer);
    offRevision();
    offState();
    offConnection();
    win.removeEventListener('beforeunload', flush);
    win.removeEventListener('pagehide', flush);
    win.document.removeEventListener('visibilitychange', onHide);
  };
}
