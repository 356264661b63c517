// Keeps the library in step from outside React: each finished run goes into its snippet's history,
// and the list is read again after saves (new tabs, renames, edits) while the sidebar is open.
import type { AppStore } from '../store/store';

export const LIST_REFRESH_DELAY_MS = 500;
/** Search answers while the user is still typing, but not on every key. */
const QUERY_DELAY_MS = 150;

export function startLibrarySync(store: AppStore, delayMs = LIST_REFRESH_DELAY_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const refreshSoon = (wait = delayMs) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      const s = store.getState();
      if (s.libraryOpen && s.workspaceStatus === 'ready') void s.loadLibrary();
    }, wait);
  };

  const offRun = store.subscribe(
    (s) => s.run,
    (run, prev) => {
      if (!run || run.phase !== 'done' || !run.result) return;
      // Later updates of the same finished run (a replay showing its output) are not new runs.
      if (prev && prev.runId === run.runId && prev.phase === 'done' && prev.result) return;
      void store.getState().recordSnippetRun(run.tabId, run.result);
    },
  );
  const offSaved = store.subscribe(
    (s) => s.lastSavedAt,
    () => refreshSoon(),
  );
  const offQuery = store.subscribe(
    (s) => s.libraryQuery,
    () => refreshSoon(QUERY_DELAY_MS),
  );
  const offOpen = store.subscribe(
    (s) => s.libraryOpen && s.workspaceStatus === 'ready',
    (ready) => {
      if (ready) void store.getState().loadLibrary();
    },
    { fireImmediately: true },
  );

  return () => {
    if (timer) clearTimeout(timer);
    offRun();
    offSaved();
    offQuery();
    offOpen();
  };
}
