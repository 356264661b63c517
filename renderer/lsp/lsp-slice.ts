// gopls as the UI knows it: found or not, being installed (with progress), or why not. Holds the
// session the editor talks to gopls through; the notice reads the rest.
import type { GoplsProgress, GoplsStatus } from '../../shared/lsp';
import { describeError } from '../store/errors';
import type { SliceCreator, StoreDeps } from '../store/types';
import { LspSession } from './lsp-session';

export type GoplsState = 'idle' | 'loading' | 'ready' | 'installing' | 'error';

export interface LspSlice {
  lsp: LspSession;
  gopls: GoplsStatus | null;
  goplsState: GoplsState;
  /** The install's last progress event, while one runs (or the one that failed). */
  goplsProgress: GoplsProgress | null;
  /** Why the last status call or install failed, with what to do. */
  goplsError: string | null;
  /** The user closed the "needs gopls" notice for this session. */
  goplsNoticeDismissed: boolean;
  /** Why gopls could not take a tab's text (a release too old, a bad file name), until it can. */
  goplsSyncIssue: { tabId: string; message: string } | null;
  /** The issue message the user closed: not shown again until another one comes. */
  goplsDismissedIssue: string | null;
  loadGoplsStatus(refresh?: boolean): Promise<void>;
  installGopls(): Promise<void>;
  receiveGoplsProgress(p: GoplsProgress): void;
  dismissGoplsNotice(): void;
  setGoplsSyncIssue(tabId: string, message: string | null): void;
}

export function createLspSlice(deps: StoreDeps): SliceCreator<LspSlice> {
  return (set, get) => {
    const lsp = new LspSession(deps.client);
    // Installs are shared: a window also shows one that another window started.
    deps.client.on('lsp.progress', (p) => get().receiveGoplsProgress(p));
    const apply = (gopls: GoplsStatus) => {
      lsp.enabled = gopls.available;
      set({ gopls, goplsState: gopls.installing ? 'installing' : 'ready' });
    };
    return {
      lsp,
      gopls: null,
      goplsState: 'idle',
      goplsProgress: null,
      goplsError: null,
      goplsNoticeDismissed: false,
      goplsSyncIssue: null,
      goplsDismissedIssue: null,

      async loadGoplsStatus(refresh) {
        if (get().goplsState !== 'installing') set({ goplsState: 'loading' });
        try {
          apply(await deps.client.call('lsp.status', refresh ? { refresh: true } : {}));
        } catch (err) {
          set({ goplsState: 'error', goplsError: `Could not ask whether gopls is installed: ${describeError(err)}` });
        }
      },

      async installGopls() {
        if (get().goplsState === 'installing') return;
        set({ goplsState: 'installing', goplsError: null, goplsProgress: null });
        try {
          apply(await deps.client.call('lsp.install', {}));
          set({ goplsProgress: null });
        } catch (err) {
          set({ goplsState: 'error', goplsError: describeError(err) });
        }
      },

      receiveGoplsProgress(p) {
        const s = get();
        if (p.phase === 'done') {
          set({ goplsProgress: null });
          // Another window's install finished: this one can use it too.
          if (!s.gopls?.available) void s.loadGoplsStatus(true);
          return;
        }
        if (p.phase === 'failed') {
          set({ goplsProgress: p, ...(s.goplsState === 'installing' ? { goplsState: 'error' as const, goplsError: p.message ?? 'the gopls install failed' } : {}) });
          return;
        }
        set({ goplsProgress: p, goplsState: 'installing' });
      },

      dismissGoplsNotice() {
        const issue = get().goplsSyncIssue;
        if (get().gopls?.available && issue) set({ goplsDismissedIssue: issue.message });
        else set({ goplsNoticeDismissed: true });
      },

      setGoplsSyncIssue(tabId, message) {
        const current = get().goplsSyncIssue;
        if (message !== null) set({ goplsSyncIssue: { tabId, message } });
        else if (current?.tabId === tabId) set({ goplsSyncIssue: null });
      },
    };
  };
}

/** One line for the notice while gopls installs. */
export function describeGoplsProgress(p: GoplsProgress | null): string {
  if (!p || p.phase === 'queued') return 'Installing gopls…';
  if (p.phase === 'downloading') return `Installing gopls ${p.version}: downloading modules (${p.count})…`;
  if (p.phase === 'building') return p.total ? `Installing gopls ${p.version}: building ${p.count} of ${p.total} packages…` : `Installing gopls ${p.version}: building…`;
  if (p.phase === 'failed') return p.message ?? 'The gopls install failed.';
  return `gopls ${p.version} is installed.`;
}

/** 0–1 for the progress bar while building, null when unknown. */
export function goplsProgressFraction(p: GoplsProgress | null): number | null {
  if (!p || p.phase !== 'building' || !p.total) return null;
  return Math.min(1, p.count / p.total);
}
