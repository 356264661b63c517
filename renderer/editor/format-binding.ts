// gofmt in a mounted editor: Monaco's document formatter for Go (so Format keeps the cursor and is one
// undo step: Monaco turns the new text into minimal edits), the store's tab formatter (the Format
// button, Shift+Alt+F, format on run), and gofmt's syntax errors as markers of their own.
import { fileSegments, fileText, setFileText } from '../../shared/txtar-edit';
import type { FetchedFormat } from '../format/checks-slice';
import type { AppStore } from '../store/store';
import type { FileModel, SnippetModels } from './file-models';
import { markersByFile } from './markers';
import { GO, monaco } from './monaco';

export const FORMAT_MARKER_OWNER = 'gofmt';

export function bindFormat(editor: monaco.editor.IStandaloneCodeEditor, store: AppStore, models: SnippetModels): () => void {
  /**
   * A format's result into the tab: the files not shown through the store (their models follow as
   * minimal edits), the shown one returned as its edit. Nothing when the text changed meanwhile.
   */
  const apply = (tabId: string, fetched: FetchedFormat, shown: FileModel | null): monaco.languages.TextEdit[] => {
    const tab = store.getState().tabs.find((t) => t.id === tabId);
    if (!tab || tab.source !== fetched.sent) return [];
    const byFile = markersByFile(fetched.sent, fetched.result.diagnostics);
    for (const f of models.ofTab(tabId)) {
      monaco.editor.setModelMarkers(f.model, FORMAT_MARKER_OWNER, (byFile.get(f.name) ?? []).map((m) => ({ ...m, source: 'gofmt', severity: monaco.MarkerSeverity.Error })));
    }
    if (!fetched.result.changed) return [];
    const formatted = fetched.result.source;
    const index = shown ? fileSegments(formatted).findIndex((s) => s.name === shown.name) : -1;
    // The shown file keeps its text here: Monaco applies its part below, so the cursor stays put.
    const next = shown && index >= 0 ? setFileText(formatted, index, shown.model.getValue()) : formatted;
    if (next !== tab.source) store.getState().setSource(tabId, next);
    if (!shown || index < 0) return [];
    const text = fileText(formatted, index);
    return text === shown.model.getValue() ? [] : [{ range: shown.model.getFullModelRange(), text }];
  };

  const provider = monaco.languages.registerDocumentFormattingEditProvider(GO, {
    displayName: 'gofmt',
    async provideDocumentFormattingEdits(model, _options, token) {
      const shown = models.infoOf(model);
      if (!shown) return [];
      const fetched = await store.getState().fetchFormat(shown.tabId);
      if (!fetched || token.isCancellationRequested || model.isDisposed()) return [];
      return apply(shown.tabId, fetched, shown);
    },
  });

  const formatTab = async (tabId: string) => {
    const model = editor.getModel();
    const shown = model ? models.infoOf(model) : undefined;
    const action = editor.getAction('editor.action.formatDocument');
    if (shown?.tabId === tabId && shown.name.endsWith('.go') && action?.isSupported()) {
      await action.run();
      return;
    }
    // Not in view (or a go.mod is): format the text; the models follow it.
    const fetched = await store.getState().fetchFormat(tabId);
    if (fetched) apply(tabId, fetched, null);
  };
  store.getState().setTabFormatter(formatTab);

  editor.addCommand(monaco.KeyMod.Shift | monaco.KeyMod.Alt | monaco.KeyCode.KeyF, () => {
    void store.getState().formatTab(store.getState().activeTabId);
  });

  return () => {
    if (store.getState().tabFormatter === formatTab) store.getState().setTabFormatter(null);
    provider.dispose();
  };
}
