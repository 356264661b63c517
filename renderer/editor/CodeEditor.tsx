// The Monaco editor: one model per tab (own undo history), markers from the last run's
// diagnostics, gopls (completion, hover, diagnostics) when it is there, Ctrl/Cmd+Enter to run.
// It talks to the store directly, outside React renders, so typing never re-renders the tree.
import { useEffect, useRef } from 'react';
import { bindGopls } from '../lsp/gopls-binding';
import { GoplsNotice } from '../lsp/GoplsNotice';
import { useAppStoreApi } from '../store/context';
import type { AppStore } from '../store/store';
import { selectActiveTab } from '../store/workspace-slice';
import { diagnosticsToMarkers } from './markers';
import { EDITOR_FONT_FAMILY, GO, monaco, setupMonaco, THEME } from './monaco';

const MARKER_OWNER = 'gopherlab.run';

export function CodeEditor() {
  const host = useRef<HTMLDivElement>(null);
  const store = useAppStoreApi();

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    return mountEditor(el, store);
  }, [store]);

  return (
    <div className="code-editor-area">
      <div className="code-editor" ref={host} data-testid="editor" aria-label="Go source editor" />
      <GoplsNotice />
    </div>
  );
}

function modelUri(tabId: string) {
  return monaco.Uri.parse(`inmemory://gopherlab/${tabId}/prog.go`);
}

/** The tab id in a model's URI (see modelUri), or null for other models. */
function tabIdOf(uri: monaco.Uri): string | null {
  if (uri.scheme !== 'inmemory' || uri.authority !== 'gopherlab') return null;
  return /^\/([A-Za-z0-9_-]+)\/prog\.go$/.exec(uri.path)?.[1] ?? null;
}

function mountEditor(el: HTMLElement, store: AppStore): () => void {
  setupMonaco();
  const initial = store.getState();
  const editor = monaco.editor.create(el, {
    model: null,
    theme: THEME,
    automaticLayout: true,
    fontFamily: EDITOR_FONT_FAMILY,
    fontSize: initial.fontSize,
    lineHeight: Math.round(initial.fontSize * 1.55),
    fontLigatures: false,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    renderLineHighlight: 'all',
    smoothScrolling: true,
    tabSize: 4,
    insertSpaces: false,
    detectIndentation: false,
    padding: { top: 14, bottom: 14 },
    bracketPairColorization: { enabled: true },
    guides: { indentation: true, bracketPairs: false },
    stickyScroll: { enabled: false },
    fixedOverflowWidgets: true,
    quickSuggestions: false,
    wordBasedSuggestions: 'currentDocument',
    cursorBlinking: 'smooth',
    cursorSmoothCaretAnimation: 'on',
    lineNumbersMinChars: 3,
    glyphMargin: false,
    folding: true,
    overviewRulerBorder: false,
    hideCursorInOverviewRuler: true,
    scrollbar: { verticalScrollbarSize: 12, horizontalScrollbarSize: 12, useShadows: false },
    ariaLabel: 'Go source editor',
    // Until the saved workspace arrives, typing would be lost when it replaces the placeholder.
    readOnly: initial.workspaceStatus === 'loading',
  });

  const models = new Map<string, monaco.editor.ITextModel>();
  const viewStates = new Map<string, monaco.editor.ICodeEditorViewState | null>();
  let shownTabId: string | null = null;
  /** Set while the editor itself writes into a model, so the store echo is not written back. */
  let applyingFromStore = false;

  const modelFor = (tabId: string, source: string) => {
    let model = models.get(tabId);
    if (!model) {
      model = monaco.editor.createModel(source, GO, modelUri(tabId));
      model.setEOL(monaco.editor.EndOfLineSequence.LF);
      models.set(tabId, model);
    }
    return model;
  };

  const syncModels = () => {
    const { tabs } = store.getState();
    const live = new Set(tabs.map((t) => t.id));
    for (const tab of tabs) {
      const model = modelFor(tab.id, tab.source);
      if (model.getValue() !== tab.source) {
        // The text changed outside the editor (a workspace load): replace it as one undo step.
        applyingFromStore = true;
        try {
          model.pushEditOperations([], [{ range: model.getFullModelRange(), text: tab.source }], () => null);
        } finally {
          applyingFromStore = false;
        }
      }
    }
    for (const [tabId, model] of models) {
      if (live.has(tabId)) continue;
      if (tabId === shownTabId) shownTabId = null;
      model.dispose();
      models.delete(tabId);
      viewStates.delete(tabId);
    }
    if (!shownTabId) showActiveTab();
  };

  const showActiveTab = () => {
    const tab = selectActiveTab(store.getState());
    if (!tab || tab.id === shownTabId) return;
    if (shownTabId) viewStates.set(shownTabId, editor.saveViewState());
    shownTabId = tab.id;
    editor.setModel(modelFor(tab.id, tab.source));
    const view = viewStates.get(tab.id);
    if (view) editor.restoreViewState(view);
  };

  const applyMarkers = () => {
    const { run } = store.getState();
    for (const model of models.values()) monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
    if (!run || run.phase !== 'done' || !run.result) return;
    const model = models.get(run.tabId);
    if (!model) return;
    const markers = diagnosticsToMarkers(run.source, run.result.diagnostics).map((m) => ({
      startLineNumber: m.startLineNumber,
      startColumn: m.startColumn,
      endLineNumber: m.endLineNumber,
      endColumn: m.endColumn,
      message: m.message,
      source: m.file,
      severity: m.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
    }));
    monaco.editor.setModelMarkers(model, MARKER_OWNER, markers);
  };

  const reveal = () => {
    const target = store.getState().revealTarget;
    if (!target) return;
    if (store.getState().activeTabId !== target.tabId) store.getState().selectTab(target.tabId);
    showActiveTab();
    const model = editor.getModel();
    if (!model) return;
    const lineNumber = Math.min(Math.max(1, target.line), model.getLineCount());
    const column = Math.min(Math.max(1, target.column), model.getLineMaxColumn(lineNumber));
    editor.revealLineInCenterIfOutsideViewport(lineNumber, monaco.editor.ScrollType.Smooth);
    editor.setPosition({ lineNumber, column });
    editor.focus();
  };

  syncModels();
  showActiveTab();
  applyMarkers();
  const unbindGopls = bindGopls({
    editor,
    store,
    language: GO,
    modelOf: (tabId) => models.get(tabId),
    tabOf: (model) => {
      const tabId = tabIdOf(model.uri);
      const tab = tabId ? store.getState().tabs.find((t) => t.id === tabId) : undefined;
      return tab ? { tabId: tab.id, go: tab.go } : null;
    },
  });

  const disposables: Array<{ dispose(): void }> = [];
  disposables.push(
    editor.onDidChangeModelContent(() => {
      if (applyingFromStore || !shownTabId) return;
      const model = editor.getModel();
      if (model) store.getState().setSource(shownTabId, model.getValue());
    }),
  );
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => {
    void store.getState().startRun();
  });

  const unsubscribes = [
    store.subscribe(
      (s) => s.tabs,
      () => syncModels(),
    ),
    store.subscribe(
      (s) => s.activeTabId,
      () => showActiveTab(),
    ),
    store.subscribe(
      (s) => s.run,
      (run, prev) => {
        // Markers change when a run starts (cleared) and when it ends (set), not per output chunk.
        if (run?.runId !== prev?.runId || run?.phase !== prev?.phase) applyMarkers();
      },
    ),
    store.subscribe(
      (s) => s.revealTarget,
      () => reveal(),
    ),
    store.subscribe(
      (s) => s.workspaceStatus,
      (status) => editor.updateOptions({ readOnly: status === 'loading' }),
    ),
    store.subscribe(
      (s) => s.fontSize,
      (fontSize) => editor.updateOptions({ fontSize, lineHeight: Math.round(fontSize * 1.55) }),
    ),
  ];
  editor.focus();

  return () => {
    unbindGopls();
    unsubscribes.forEach((off) => off());
    disposables.forEach((d) => d.dispose());
    editor.dispose();
    for (const model of models.values()) model.dispose();
    models.clear();
  };
}
