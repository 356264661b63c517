// Monaco's language features for Go, answered by gopls through the contract: completion (on `.`
// and Ctrl+Space), hover, signature help (on `(` and `,`) and go-to-definition, which jumps within
// the snippet (another file of a txtar snippet is that file's model, or another part of the same text).
import type { LspLocation } from '../../shared/lsp';
import type { CompletionItem, CompletionList, Hover, SignatureHelp } from 'vscode-languageserver-types';
import { monaco } from '../editor/monaco';
import { completionList, definitionRanges, hoverContents, signatureHelp, type CompletionSpec } from './convert';
import type { LspSession } from './lsp-session';
import { fileSpans, singleFileSpans, toEditorRange, toFilePosition, type FileSpan } from './positions';

/** What a model shows of a tab. */
export interface ModelView {
  tabId: string;
  go: string;
  /** The tab's whole text (what gopls is told), when the model shows one file of it. */
  source?: string;
  /** The one file the model shows; absent: the model holds the tab's whole text. */
  file?: string;
  /** The model of another file of the tab, for a jump to a definition there. */
  fileModel?: (file: string) => monaco.editor.ITextModel | undefined;
}

/** The tab a model shows, or null for models that are not a tab's. */
export type TabOfModel = (model: monaco.editor.ITextModel) => ModelView | null;

/** The files a model's lines belong to. */
export function spansOf(view: Pick<ModelView, 'file'>, model: monaco.editor.ITextModel): FileSpan[] {
  const text = model.getValue();
  return view.file ? singleFileSpans(view.file, text) : fileSpans(text);
}

interface At {
  tabId: string;
  file: string;
  spans: FileSpan[];
  view: ModelView;
  position: { line: number; character: number };
}

export function registerGoplsProviders(language: string, session: LspSession, tabOf: TabOfModel): monaco.IDisposable {
  /** The tab and file position under the cursor; the session is told the model's text first. */
  const locate = (model: monaco.editor.ITextModel, position: monaco.Position): At | null => {
    if (!session.enabled) return null;
    const view = tabOf(model);
    if (!view) return null;
    session.changed(view.tabId, view.go, view.source ?? model.getValue());
    const spans = spansOf(view, model);
    const at = toFilePosition(spans, position.lineNumber, position.column);
    if (!at || !at.file.endsWith('.go')) return null;
    return { tabId: view.tabId, file: at.file, spans, view, position: at.position };
  };
  const ask = async <T>(at: At, method: Parameters<LspSession['request']>[1], trigger?: string): Promise<T | null> => {
    try {
      return await session.request<T>(at.tabId, method, at.file, at.position, trigger);
    } catch {
      // A failed or superseded answer shows nothing; the editor keeps working.
      return null;
    }
  };

  const disposables = [
    monaco.languages.registerCompletionItemProvider(language, {
      triggerCharacters: ['.'],
      async provideCompletionItems(model, position, context) {
        const at = locate(model, position);
        if (!at) return undefined;
        const result = await ask<CompletionList | CompletionItem[]>(at, 'textDocument/completion', context.triggerCharacter);
        if (!result || model.isDisposed()) return undefined;
        const word = model.getWordUntilPosition(position);
        const defaultRange = { startLineNumber: position.lineNumber, startColumn: word.startColumn, endLineNumber: position.lineNumber, endColumn: position.column };
        const { suggestions, incomplete } = completionList(result, (r) => toEditorRange(at.spans, at.file, r), defaultRange);
        return { suggestions: suggestions.map(toMonacoCompletion), incomplete };
      },
    }),
    monaco.languages.registerHoverProvider(language, {
      async provideHover(model, position) {
        const at = locate(model, position);
        if (!at) return undefined;
        const hover = hoverContents(await ask<Hover>(at, 'textDocument/hover'), (r) => toEditorRange(at.spans, at.file, r));
        if (!hover) return undefined;
        return { contents: hover.contents, ...(hover.range ? { range: new monaco.Range(hover.range.startLineNumber, hover.range.startColumn, hover.range.endLineNumber, hover.range.endColumn) } : {}) };
      },
    }),
    monaco.languages.registerSignatureHelpProvider(language, {
      signatureHelpTriggerCharacters: ['(', ','],
      signatureHelpRetriggerCharacters: [')'],
      async provideSignatureHelp(model, position, _token, context) {
        const at = locate(model, position);
        if (!at) return undefined;
        const help = signatureHelp(await ask<SignatureHelp>(at, 'textDocument/signatureHelp', context.triggerCharacter));
        if (!help) return undefined;
        return { value: help, dispose: () => undefined };
      },
    }),
    monaco.languages.registerDefinitionProvider(language, {
      async provideDefinition(model, position) {
        const at = locate(model, position);
        if (!at) return undefined;
        const locations = await ask<LspLocation[]>(at, 'textDocument/definition');
        return (locations ?? []).flatMap((l) => {
          // In this model, or (a model per file) in the model of the file it names.
          const other = at.view.file && l.file !== null && l.file !== at.file ? at.view.fileModel?.(l.file) : undefined;
          const target = other ? { model: other, spans: singleFileSpans(l.file!, other.getValue()) } : { model, spans: at.spans };
          return definitionRanges([l], (file, r) => toEditorRange(target.spans, file, r)).map((r) => ({
            uri: target.model.uri,
            range: new monaco.Range(r.startLineNumber, r.startColumn, r.endLineNumber, r.endColumn),
          }));
        });
      },
    }),
  ];
  return { dispose: () => disposables.forEach((d) => d.dispose()) };
}

function toMonacoCompletion(s: CompletionSpec): monaco.languages.CompletionItem {
  const Kind = monaco.languages.CompletionItemKind;
  return {
    label: s.label,
    kind: Kind[s.kind],
    insertText: s.insertText,
    range: s.range,
    ...(s.snippet ? { insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet } : {}),
    ...(s.detail ? { detail: s.detail } : {}),
    ...(s.documentation ? { documentation: s.documentation } : {}),
    ...(s.sortText ? { sortText: s.sortText } : {}),
    ...(s.filterText ? { filterText: s.filterText } : {}),
    ...(s.additionalTextEdits ? { additionalTextEdits: s.additionalTextEdits } : {}),
    ...(s.deprecated ? { tags: [monaco.languages.CompletionItemTag.Deprecated] } : {}),
  };
}
