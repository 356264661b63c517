// Wires gopls into a mounted editor: providers, syncing the shown tab's text as it changes (or its
// Go), and gopls' diagnostics as markers of their own (owner 'gopls', apart from the last run's).
// Without gopls none of this sends anything: the editor works as it does without it.
import type { LspDiagnostic } from '../../shared/lsp';
import { monaco } from '../editor/monaco';
import type { AppStore } from '../store/store';
import { diagnosticMarkers } from './convert';
import { toEditorRange } from './positions';
import { registerGoplsProviders, spansOf, type TabOfModel } from './providers';

export const GOPLS_MARKER_OWNER = 'gopls';

export interface GoplsBindingOptions {
  editor: monaco.editor.IStandaloneCodeEditor;
  store: AppStore;
  language: string;
  /** The models of a tab (one per file, or one of its whole text). */
  modelsOf: (tabId: string) => monaco.editor.ITextModel[];
  tabOf: TabOfModel;
}

export function bindGopls(o: GoplsBindingOptions): () => void {
  const { store, editor } = o;
  const session = store.getState().lsp;
  /** The latest diagnostics per tab and file: a txtar snippet gets one event per file. */
  const diagnostics = new Map<string, Map<string, LspDiagnostic[]>>();

  const showMarkers = (tabId: string) => {
    for (const model of o.modelsOf(tabId)) {
      const view = model.isDisposed() ? null : o.tabOf(model);
      if (!view) continue;
      const spans = spansOf(view, model);
      const markers = [...(diagnostics.get(tabId) ?? new Map<string, LspDiagnostic[]>())].flatMap(([file, list]) =>
        diagnosticMarkers(list, (r) => toEditorRange(spans, file, r)).map((m) => ({ ...m, severity: monaco.MarkerSeverity[m.severity] })),
      );
      monaco.editor.setModelMarkers(model, GOPLS_MARKER_OWNER, markers);
    }
  };

  const shownTab = () => {
    const model = editor.getModel();
    return model ? o.tabOf(model) : null;
  };
  const syncShown = (now: boolean) => {
    const model = editor.getModel();
    const tab = shownTab();
    if (!model || !tab) return;
    session.changed(tab.tabId, tab.go, tab.source ?? model.getValue());
    if (now) void session.flush(tab.tabId).catch(() => undefined);
  };

  // Registered only while gopls is there: without it, `.` triggers nothing, as before.
  let providers: monaco.IDisposable | null = null;
  const offs: Array<() => void> = [
    () => providers?.dispose(),
    session.onDiagnostics((e) => {
      let files = diagnostics.get(e.tabId);
      if (!files) diagnostics.set(e.tabId, (files = new Map()));
      files.set(e.file, e.diagnostics);
      showMarkers(e.tabId);
    }),
    session.onSync((tabId, result) => {
      store.getState().setGoplsSyncIssue(tabId, result.synced ? null : (result.message ?? 'gopls could not take this snippet'));
      // A text gopls could not take (say a bad file name) keeps no stale findings.
      if (result.synced) return;
      diagnostics.delete(tabId);
      showMarkers(tabId);
    }),
    // The tab's text, whichever of its files changed (a format can change one that is not shown).
    store.subscribe(
      (s) => s.tabs.find((t) => t.id === s.activeTabId)?.source,
      () => syncShown(false),
    ),
    (() => {
      const d = editor.onDidChangeModel(() => syncShown(true));
      return () => d.dispose();
    })(),
    store.subscribe(
      (s) => s.tabs.find((t) => t.id === s.activeTabId)?.go,
      () => syncShown(true),
    ),
    store.subscribe(
      (s) => s.gopls?.available === true,
      (available) => {
        if (available) {
          providers ??= registerGoplsProviders(o.language, session, o.tabOf);
          syncShown(true);
        } else {
          providers?.dispose();
          providers = null;
        }
      },
      { fireImmediately: true },
    ),
    // Asked again once the transport is back, if the first ask failed.
    store.subscribe(
      (s) => s.connection,
      (connection) => {
        const st = store.getState();
        if ((connection === 'open' || connection === 'ipc') && (st.goplsState === 'error' || st.goplsState === 'idle') && !st.goplsProgress) void st.loadGoplsStatus();
      },
    ),
    store.subscribe(
      (s) => s.tabs,
      (tabs) => {
        const live = new Set(tabs.map((t) => t.id));
        for (const tabId of [...diagnostics.keys()]) {
          if (live.has(tabId)) {
            // A file added, renamed or pasted in has a new model: give it its findings.
            showMarkers(tabId);
            continue;
          }
          diagnostics.delete(tabId);
          session.forget(tabId);
        }
      },
    ),
  ];

  const s = store.getState();
  if (s.goplsState === 'idle' && s.connection !== 'unavailable') void s.loadGoplsStatus();

  return () => offs.forEach((off) => off());
}
