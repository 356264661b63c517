// Tabs and their snippets: what the editor shows and what autosave writes.
import type { SandboxMode } from '../../shared/run';
import { MAX_TAB_STDIN_CHARS, type Tab, type Workspace } from '../../shared/workspace';
import { defaultWorkspace, HELLO_WORLD, newTab, nextTabTitle } from '../workspace/defaults';
import { describeError } from './errors';
import type { SliceCreator, StoreDeps } from './types';

export type WorkspaceStatus = 'loading' | 'ready' | 'error';
export type SaveState = 'saved' | 'pending' | 'saving' | 'error';

export interface WorkspaceSlice {
  workspaceStatus: WorkspaceStatus;
  workspaceError: string | null;
  tabs: Tab[];
  activeTabId: string;
  /** Bumped on every change worth saving; autosave writes until savedRevision catches up. */
  revision: number;
  savedRevision: number;
  saveState: SaveState;
  saveError: string | null;
  lastSavedAt: number | null;

  loadWorkspace(): Promise<void>;
  saveWorkspace(): Promise<void>;
  workspaceSnapshot(): Workspace;
  setSource(tabId: string, source: string): void;
  setTabGo(tabId: string, go: string): void;
  setTabMode(tabId: string, mode: SandboxMode): void;
  /** The tab's stdin text (empty: none), cut to MAX_TAB_STDIN_CHARS. */
  setTabStdin(tabId: string, stdin: string): void;
  selectTab(tabId: string): void;
  addTab(): void;
  /** Opens a tab holding the given snippet (an example, say), in front; its id, or null at the tab limit. */
  openTab(init: Pick<Tab, 'title' | 'source'> & Partial<Pick<Tab, 'go' | 'mode'>>): string | null;
  /** Saves the last matrix or bisect with the tab's snippet. */
  setTabDrift(tabId: string, drift: NonNullable<Tab['drift']>): void;
  closeTab(tabId: string): void;
  renameTab(tabId: string, title: string): void;
}

export const MAX_TABS = 100;

/** The bookkeeping of a change worth saving; every slice that edits saved state spreads it in. */
export function touched(s: Pick<WorkspaceSlice, 'revision' | 'saveState'>): Pick<WorkspaceSlice, 'revision' | 'saveState'> {
  return { revision: s.revision + 1, saveState: s.saveState === 'saving' ? 'saving' : 'pending' };
}

export function createWorkspaceSlice(deps: StoreDeps): SliceCreator<WorkspaceSlice> {
  return (set, get) => {
    /** Applies a change the user made and marks the workspace as needing a save. */
    const edit = (change: (s: WorkspaceSlice) => Partial<WorkspaceSlice> | null) => {
      set((s) => {
        const patch = change(s);
        return patch ? { ...patch, ...touched(s) } : {};
      });
    };
    const mapTab = (tabs: Tab[], tabId: string, f: (t: Tab) => Tab): Tab[] | null => {
      let changed = false;
      const next = tabs.map((t) => {
        if (t.id !== tabId) return t;
        const n = f(t);
        if (n !== t) changed = true;
        return n;
      });
      return changed ? next : null;
    };

    return {
      workspaceStatus: 'loading',
      workspaceError: null,
      ...(() => {
        const w = defaultWorkspace();
        return { tabs: w.tabs, activeTabId: w.activeTabId };
      })(),
      revision: 0,
      savedRevision: 0,
      saveState: 'saved',
      saveError: null,
      lastSavedAt: null,

      async loadWorkspace() {
        set({ workspaceStatus: 'loading', workspaceError: null });
        try {
          const stored = await deps.client.call('workspace.load', {});
          const w = stored ?? defaultWorkspace();
          const active = w.tabs.some((t) => t.id === w.activeTabId) ? w.activeTabId : (w.tabs[0]?.id ?? '');
          set((s) => ({
            workspaceStatus: 'ready',
            tabs: w.tabs,
            activeTabId: active,
            limits: w.limits,
            // A first start has nothing on disk yet: save the default right away.
            revision: s.revision + 1,
            savedRevision: stored ? s.revision + 1 : s.savedRevision,
            saveState: stored ? 'saved' : 'pending',
          }));
        } catch (err) {
          set({ workspaceStatus: 'error', workspaceError: `Could not load your snippets: ${describeError(err)}` });
        }
      },

      async saveWorkspace() {
        const s = get();
        // Never overwrite what is on disk with the placeholder shown before the load answered.
        if (s.workspaceStatus !== 'ready') return;
        if (s.savedRevision >= s.revision || s.saveState === 'saving') return;
        const revision = s.revision;
        set({ saveState: 'saving' });
        try {
          const { savedAt } = await deps.client.call('workspace.save', get().workspaceSnapshot());
          set((cur) => ({
            savedRevision: Math.max(cur.savedRevision, revision),
            saveState: cur.revision > revision ? 'pending' : 'saved',
            saveError: null,
            lastSavedAt: savedAt,
          }));
        } catch (err) {
          set({ saveState: 'error', saveError: `Not saved: ${describeError(err)}` });
        }
      },

      workspaceSnapshot() {
        const s = get();
        return { tabs: s.tabs, activeTabId: s.activeTabId, limits: s.limits };
      },

      setSource(tabId, source) {
        edit((s) => {
          const tabs = mapTab(s.tabs, tabId, (t) => (t.source === source ? t : { ...t, source }));
          return tabs ? { tabs } : null;
        });
      },

      setTabGo(tabId, go) {
        edit((s) => {
          const tabs = mapTab(s.tabs, tabId, (t) => (t.go === go ? t : { ...t, go }));
          return tabs ? { tabs } : null;
        });
      },

      setTabMode(tabId, mode) {
        edit((s) => {
          const tabs = mapTab(s.tabs, tabId, (t) => (t.mode === mode ? t : { ...t, mode }));
          return tabs ? { tabs } : null;
        });
      },

      setTabStdin(tabId, stdin) {
        const text = stdin.slice(0, MAX_TAB_STDIN_CHARS);
        edit((s) => {
          const tabs = mapTab(s.tabs, tabId, (t) => ((t.stdin ?? '') === text ? t : { ...t, stdin: text }));
          return tabs ? { tabs } : null;
        });
      },

      selectTab(tabId) {
        edit((s) => (s.activeTabId !== tabId && s.tabs.some((t) => t.id === tabId) ? { activeTabId: tabId } : null));
      },

      addTab() {
        // The Settings page may fix the sandbox of new tabs; by default they take the current tab's.
        const mode = get().newTabMode;
        get().openTab({ title: '', source: HELLO_WORLD, ...(mode === 'same' ? {} : { mode }) });
      },

      openTab(init) {
        let opened: string | null = null;
        edit((s) => {
          if (s.tabs.length >= MAX_TABS) return null;
          const active = s.tabs.find((t) => t.id === s.activeTabId);
          // A new tab starts on the same Go and sandbox as the one the user is looking at.
          const tab = { ...newTab(init.title.trim().slice(0, 200) || nextTabTitle(s.tabs), init.source), go: init.go ?? active?.go ?? '', mode: init.mode ?? active?.mode ?? 'wasm' };
          opened = tab.id;
          return { tabs: [...s.tabs, tab], activeTabId: tab.id };
        });
        return opened;
      },

      setTabDrift(tabId, drift) {
        edit((s) => {
          const tabs = mapTab(s.tabs, tabId, (t) => ({ ...t, drift: { ...t.drift, ...drift } }));
          return tabs ? { tabs } : null;
        });
      },

      closeTab(tabId) {
        edit((s) => {
          const index = s.tabs.findIndex((t) => t.id === tabId);
          if (index < 0) return null;
          if (s.tabs.length === 1) {
            // The workspace always has a tab: closing the last one leaves a fresh one.
            const tab = newTab('main.go');
            return { tabs: [tab], activeTabId: tab.id };
          }
          const tabs = s.tabs.filter((t) => t.id !== tabId);
          const activeTabId = s.activeTabId === tabId ? (tabs[Math.min(index, tabs.length - 1)]?.id ?? '') : s.activeTabId;
          return { tabs, activeTabId };
        });
      },

      renameTab(tabId, title) {
        const clean = title.trim().slice(0, 200);
        if (!clean) return;
        edit((s) => {
          const tabs = mapTab(s.tabs, tabId, (t) => (t.title === clean ? t : { ...t, title: clean }));
          return tabs ? { tabs } : null;
        });
      },
    };
  };
}

export const selectActiveTab = (s: Pick<WorkspaceSlice, 'tabs' | 'activeTabId'>): Tab | undefined =>
  s.tabs.find((t) => t.id === s.activeTabId) ?? s.tabs[0];
