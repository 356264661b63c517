// The Monaco editor: one model per file of each tab's snippet (own language and undo history), a
// file strip to pick, add, rename and delete files, markers from the last run's diagnostics on the
// file they name, gopls (completion, hover, diagnostics) when it is there, gofmt, Ctrl/Cmd+Enter to
// run. It talks to the store directly, outside React renders, so typing never re-renders the tree.
import { useEffect, useRef } from 'react';
import { FileStrip } from '../files/FileStrip';
import { shownFileName, snippetFileNames } from '../files/files-slice';
import { plainForm } from '../../shared/txtar-edit';
import { SandboxPrecheck } from '../format/SandboxPrecheck';
import { bindGopls } from '../lsp/gopls-binding';
import { GoplsNotice } from '../lsp/GoplsNotice';
import { useAppStoreApi } from '../store/context';
import type { AppStore } from '../store/store';
import { selectActiveTab } from '../store/workspace-slice';
import { selectEditorFontSize, selectMonacoTheme } from '../theme/appearance-slice';
import { SnippetModels, type FileModel } from './file-models';
import { bindFormat, FORMAT_MARKER_OWNER } from './format-binding';
import { fileLineAt, markersByFile } from './markers';
import { EDITOR_FONT_FAMILY, GO, monaco, setupMonaco } from './monaco';

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
      <FileStrip />
      <SandboxPrecheck />
      <div className="code-editor" ref={host} data-testid="editor" aria-label="Go source editor" />
      <GoplsNotice />
    </div>
  );
}

function mountEditor(el: HTMLElement, store: AppStore): () => void {
  setupMonaco();
  const initial = store.getState();
  const editor = monaco.editor.create(el, {
    model: null,
    // The app's theme and text size (presentation mode included); the theme then follows on its own.
    theme: selectMonacoTheme(initial),
    automaticLayout: true,
    fontFamily: EDITOR_FONT_FAMILY,
    fontSize: selectEditorFontSize(initial),
    lineHeight: Math.round(selectEditorFontSize(initial) * 1.55),
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

  /** Editor state (cursor, scroll) of each file model not in view, by URI. */
  const viewStates = new Map<string, monaco.editor.ICodeEditorViewState | null>();
  const models = new SnippetModels(store, (f) => monaco.editor.setModelMarkers(f.model, FORMAT_MARKER_OWNER, []));

  /** Shows the active tab's chosen file (its first Go file until one is chosen). */
  const showActive = () => {
    const tab = selectActiveTab(store.getState());
    if (!tab) return;
    const name = shownFileName(snippetFileNames(tab.source), store.getState().activeFileByTab[tab.id]);
    const model = models.get(tab.id, name);
    const current = editor.getModel();
    if (!model || current === model) return;
    if (current && !current.isDisposed()) viewStates.set(current.uri.toString(), editor.saveViewState());
    editor.setModel(model);
    const view = viewStates.get(model.uri.toString());
    if (view) editor.restoreViewState(view);
  };

  const syncModels = () => {
    const before = new Set(models.ofTab(store.getState().run?.tabId ?? '').map((f) => f.model));
    models.sync();
    // A model made since the run ended (a file added, renamed, pasted in) gets that file's markers.
    for (const f of models.ofTab(store.getState().run?.tabId ?? '')) if (!before.has(f.model)) applyRunMarkers(f);
    showActive();
  };

  const runMarkers = (f: FileModel): monaco.editor.IMarkerData[] => {
    const { run } = store.getState();
    if (!run || run.phase !== 'done' || !run.result || run.tabId !== f.tabId || f.key !== f.name) return [];
    return (markersByFile(run.source, run.result.diagnostics).get(f.name) ?? []).map((m) => ({
      startLineNumber: m.startLineNumber,
      startColumn: m.startColumn,
      endLineNumber: m.endLineNumber,
      endColumn: m.endColumn,
      message: m.message,
      source: m.file,
      severity: m.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
    }));
  };
  const applyRunMarkers = (f: FileModel) => monaco.editor.setModelMarkers(f.model, MARKER_OWNER, runMarkers(f));
  const applyMarkers = () => {
    for (const tab of store.getState().tabs) for (const f of models.ofTab(tab.id)) applyRunMarkers(f);
  };

  /** Puts the cursor on a line of a file (or of the whole text, which is mapped to its file). */
  const reveal = () => {
    const target = store.getState().revealTarget;
    if (!target) return;
    if (store.getState().activeTabId !== target.tabId) store.getState().selectTab(target.tabId);
    const tab = selectActiveTab(store.getState());
    if (!tab) return;
    let at: { file: string; line: number } | null = target.file ? { file: target.file, line: target.line } : null;
    if (!at) {
      // Lines of the text that ran: the run's diagnostics count them there.
      const run = store.getState().run;
      at = fileLineAt(run?.tabId === tab.id ? run.source : tab.source, target.line);
    }
    if (at) store.getState().selectFile(tab.id, at.file);
    showActive();
    const model = editor.getModel();
    if (!model) return;
    const lineNumber = Math.min(Math.max(1, at?.line ?? target.line), model.getLineCount());
    const column = Math.min(Math.max(1, target.column), model.getLineMaxColumn(lineNumber));
    editor.revealLineInCenterIfOutsideViewport(lineNumber, monaco.editor.ScrollType.Smooth);
    editor.setPosition({ lineNumber, column });
    editor.focus();
  };

  // Models first: the subscriptions below (gopls' markers among them) find the new ones in place.
  const unsubscribes = [
    store.subscribe(
      (s) => s.tabs,
      () => syncModels(),
    ),
  ];
  models.sync();
  showActive();
  applyMarkers();
  const unbindGopls = bindGopls({
    editor,
    store,
    language: GO,
    modelsOf: (tabId) => models.ofTab(tabId).map((f) => f.model),
    tabOf: (model) => {
      const f = models.infoOf(model);
      const tab = f ? store.getState().tabs.find((t) => t.id === f.tabId) : undefined;
      if (!f || !tab) return null;
      return { tabId: tab.id, go: tab.go, source: tab.source, file: f.name, fileModel: (file) => models.get(tab.id, file) };
    },
  });
  const unbindFormat = bindFormat(editor, store, models);

  const disposables: Array<{ dispose(): void }> = [
    // Go to definition in another file of the snippet: show that file, at the definition.
    monaco.editor.registerEditorOpener({
      openCodeEditor(source, resource, selectionOrPosition) {
        const f = source === editor ? models.infoOfUri(resource) : undefined;
        if (!f) return false;
        if (store.getState().activeTabId !== f.tabId) store.getState().selectTab(f.tabId);
        store.getState().selectFile(f.tabId, f.name);
        showActive();
        if (selectionOrPosition) {
          const at = 'startLineNumber' in selectionOrPosition ? { lineNumber: selectionOrPosition.startLineNumber, column: selectionOrPosition.startColumn } : selectionOrPosition;
          editor.setPosition(at);
          editor.revealPositionInCenterIfOutsideViewport(at);
        }
        editor.focus();
        return true;
      },
    }),
  ];
  // Select all and paste a whole txtar archive: that is the snippet now, every file of it (a file's
  // own text never starts with a marker line, so this is an archive, not an edit of one file).
  disposables.push(
    editor.onDidPaste((e) => {
      const model = editor.getModel();
      const f = model ? models.infoOf(model) : undefined;
      if (!model || !f) return;
      const last = model.getLineCount();
      const whole = e.range.startLineNumber === 1 && e.range.startColumn === 1 && e.range.endLineNumber === last && e.range.endColumn === model.getLineMaxColumn(last);
      const text = model.getValue();
      if (!whole || !/^-- .+ --\r?$/.test(text.split('\n', 1)[0] ?? '')) return;
      const source = plainForm(text);
      // After the paste has finished: this may replace or dispose the model it went into.
      queueMicrotask(() => {
        store.getState().setSource(f.tabId, source);
        store.getState().selectFile(f.tabId, shownFileName(snippetFileNames(source), undefined));
      });
    }),
  );
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => {
    void store.getState().startRun();
  });

  unsubscribes.push(
    store.subscribe(
      (s) => s.activeTabId,
      () => showActive(),
    ),
    store.subscribe(
      (s) => s.activeFileByTab,
      () => showActive(),
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
      selectEditorFontSize,
      (fontSize) => editor.updateOptions({ fontSize, lineHeight: Math.round(fontSize * 1.55) }),
    ),
  );
  editor.focus();

  return () => {
    unbindFormat();
    unbindGopls();
    unsubscribes.forEach((off) => off());
    disposables.forEach((d) => d.dispose());
    editor.dispose();
    models.dispose();
  };
}
