// The snippet library in the sidebar: every tab is a snippet (same id) that stays in the library
// after its tab is closed. Also the calls behind the Share menu, which open what they import as a
// new tab (and so as a new snippet).
import { ContractError } from '../../shared/contract';
import type { RunResult } from '../../shared/run';
import { snippetRunFrom, type SnippetList, type SnippetMeta, type SnippetRun } from '../../shared/snippets';
import type { Tab } from '../../shared/workspace';
import { describeError } from '../store/errors';
import type { SliceCreator, StoreDeps } from '../store/types';
import { MAX_TABS, touched } from '../store/workspace-slice';

export interface SnippetRunsView {
  snippetId: string;
  title: string;
  status: 'loading' | 'ready' | 'error';
  runs: SnippetRun[];
  error: string | null;
}

export interface LibrarySlice {
  libraryOpen: boolean;
  libraryQuery: string;
  library: SnippetMeta[];
  librarySkipped: SnippetList['skipped'];
  libraryStatus: 'idle' | 'loading' | 'ready' | 'error';
  libraryError: string | null;
  /** One line about a library action that did not work, until dismissed. */
  libraryNotice: string | null;
  snippetRuns: SnippetRunsView | null;

  setLibraryOpen(open: boolean): void;
  setLibraryQuery(query: string): void;
  loadLibrary(): Promise<void>;
  /** Brings the snippet's tab to the front, opening it first when it is closed. */
  openSnippet(id: string): Promise<void>;
  renameSnippet(id: string, title: string): Promise<void>;
  /** Deletes the snippet and its history, closing its tab. */
  deleteSnippet(id: string): Promise<void>;
  duplicateSnippet(id: string): Promise<void>;
  showSnippetRuns(id: string | null): Promise<void>;
  recordSnippetRun(tabId: string, result: RunResult): Promise<void>;
  /** Opens an example (or any source) as a new tab, or the identical one already open. */
  openCopy(title: string, source: string): void;
  dismissLibraryNotice(): void;

  /** Opens imported source as a new tab; null when it opened, else why not. */
  importSource(title: string, source: string): string | null;
  /** Fetches a go.dev/play snippet into a new tab; null when it opened, else why not. */
  importPlayLink(link: string): Promise<string | null>;
  shareToPlay(source: string): Promise<{ url: string } | { error: string }>;
}

const OPEN_KEY = 'gopherlab.libraryOpen';
const tabLimitMessage = `${MAX_TABS} tabs are open, the most there can be; close one first`;

export function createLibrarySlice(deps: StoreDeps): SliceCreator<LibrarySlice> {
  return (set, get) => {
    let listSeq = 0;

    /** Waits (briefly) until what the tabs hold is on disk, so the core works on the latest text. */
    const settleSave = async () => {
      for (let i = 0; i < 100; i++) {
        const s = get();
        if (s.workspaceStatus !== 'ready' || s.saveState === 'error' || s.savedRevision >= s.revision) return;
        if (s.saveState === 'saving') await new Promise((r) => setTimeout(r, 30));
        else await s.saveWorkspace();
      }
    };

    const fail = (what: string, err: unknown) => {
      set({ libraryNotice: `${what}: ${describeError(err)}` });
      // Deleted elsewhere (another window): the list is out of date.
      if (err instanceof ContractError && err.code === 'not-found') void get().loadLibrary();
    };

    const openAsNewTab = (title: string, source: string): string | null => {
      if (get().tabs.length >= MAX_TABS) return tabLimitMessage;
      return get().openTab({ title, source }) ? null : tabLimitMessage;
    };

    return {
      libraryOpen: deps.storage?.getItem(OPEN_KEY) !== 'false',
      libraryQuery: '',
      library: [],
      librarySkipped: [],
      libraryStatus: 'idle',
      libraryError: null,
      libraryNotice: null,
      snippetRuns: null,

      setLibraryOpen(open) {
        set({ libraryOpen: open });
        try {
          deps.storage?.setItem(OPEN_KEY, String(open));
        } catch {
          // Not remembering it is harmless.
        }
      },

      setLibraryQuery(query) {
        set({ libraryQuery: query });
      },

      async loadLibrary() {
        const seq = ++listSeq;
        set((s) => (s.libraryStatus === 'ready' ? {} : { libraryStatus: 'loading', libraryError: null }));
        try {
          const query = get().libraryQuery.trim();
          const list = await deps.client.call('snippets.list', query ? { query } : {});
          if (seq !== listSeq) return;
          set({ library: list.snippets, librarySkipped: list.skipped, libraryStatus: 'ready', libraryError: null });
        } catch (err) {
          if (seq !== listSeq) return;
          set({ libraryStatus: 'error', libraryError: `Could not read the snippet library: ${describeError(err)}` });
        }
      },

      async openSnippet(id) {
        if (get().tabs.some((t) => t.id === id)) {
          get().selectTab(id);
          return;
        }
        if (get().tabs.length >= MAX_TABS) {
          set({ libraryNotice: tabLimitMessage });
          return;
        }
        try {
          const snip = await deps.client.call('snippets.get', { id });
          set((s) => {
            if (s.tabs.some((t) => t.id === id)) return { activeTabId: id, ...touched(s) };
            const tab: Tab = { id, title: snip.title, source: snip.source, go: snip.go, mode: snip.mode };
            return { tabs: [...s.tabs, tab], activeTabId: id, ...touched(s) };
          });
        } catch (err) {
          fail('Could not open the snippet', err);
        }
      },

      async renameSnippet(id, title) {
        const clean = title.trim().slice(0, 200);
        if (!clean) return;
        if (get().tabs.some((t) => t.id === id)) get().renameTab(id, clean);
        try {
          const meta = await deps.client.call('snippets.rename', { id, title: clean });
          set((s) => ({ library: s.library.map((m) => (m.id === id ? { ...meta, ...(m.match ? { match: m.match } : {}) } : m)) }));
        } catch (err) {
          fail('Could not rename the snippet', err);
        }
      },

      async deleteSnippet(id) {
        if (get().tabs.some((t) => t.id === id)) get().closeTab(id);
        try {
          await deps.client.call('snippets.delete', { id });
          set((s) => ({ library: s.library.filter((m) => m.id !== id), snippetRuns: s.snippetRuns?.snippetId === id ? null : s.snippetRuns }));
        } catch (err) {
          fail('Could not delete the snippet', err);
        }
      },

      async duplicateSnippet(id) {
        if (get().tabs.some((t) => t.id === id)) await settleSave();
        try {
          await deps.client.call('snippets.duplicate', { id });
          await get().loadLibrary();
        } catch (err) {
          fail('Could not duplicate the snippet', err);
        }
      },

      async showSnippetRuns(id) {
        if (id === null) {
          set({ snippetRuns: null });
          return;
        }
        const title = get().library.find((m) => m.id === id)?.title ?? get().tabs.find((t) => t.id === id)?.title ?? id;
        set((s) => ({ snippetRuns: { snippetId: id, title, status: 'loading', runs: s.snippetRuns?.snippetId === id ? s.snippetRuns.runs : [], error: null } }));
        try {
          const runs = await deps.client.call('snippets.runs', { id });
          set((s) => (s.snippetRuns?.snippetId === id ? { snippetRuns: { ...s.snippetRuns, status: 'ready', runs } } : {}));
        } catch (err) {
          const error = `Could not read the run history: ${describeError(err)}`;
          set((s) => (s.snippetRuns?.snippetId === id ? { snippetRuns: { ...s.snippetRuns, status: 'error', error } } : {}));
        }
      },

      async recordSnippetRun(tabId, result) {
        try {
          await deps.client.call('snippets.recordRun', { id: tabId, run: snippetRunFrom(result, deps.now()) });
        } catch {
          // The run itself is shown; only its line in the history is missing.
          return;
        }
        if (get().snippetRuns?.snippetId === tabId) await get().showSnippetRuns(tabId);
      },

      openCopy(title, source) {
        const same = get().tabs.find((t) => t.title === title && t.source === source);
        if (same) {
          get().selectTab(same.id);
          return;
        }
        const problem = openAsNewTab(title, source);
        if (problem) set({ libraryNotice: problem });
      },

      dismissLibraryNotice() {
        set({ libraryNotice: null });
      },

      importSource(title, source) {
        return openAsNewTab(title, source);
      },

      async importPlayLink(link) {
        if (get().tabs.length >= MAX_TABS) return tabLimitMessage;
        try {
          const got = await deps.client.call('share.importPlay', { link });
          return openAsNewTab(`play ${got.id}`, got.source);
        } catch (err) {
          return describeError(err);
        }
      },

      async shareToPlay(source) {
        try {
          return { url: (await deps.client.call('share.toPlay', { source })).url };
        } catch (err) {
          return { error: describeError(err) };
        }
      },
    };
  };
}
