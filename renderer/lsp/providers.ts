// Monaco's language features for Go, answered by gopls through the contract: completion (on `.`
// and Ctrl+Space), hover, signature help (on `(` and `,`) and go-to-definition, which jumps within
// the snippet (another file of a txtar snippet is another part of the same text).
import type { LspLocation } from '../../shared/lsp';
import type { CompletionItem, CompletionList, Hover, SignatureHelp } from 'vscode-languageserver-types';
import { monaco } from '../editor/monaco';
import { completionList, definitionRanges, hoverContents, signatureHelp, type CompletionSpec } from './convert';
import type { LspSession } from './lsp-session';
import { fileSpans, toEditorRange, toFilePosition, type FileSpan } from './positions';

/** The tab a model shows (its id and Go), or null for models that are not a tab's. */
export type TabOfModel = (model: monaco.editor.ITextModel) => { tabId: string; go: string } | null;

interface At {
  tabId: string;
  file: string;
  spans: FileSpan[];
  position: { line: number; character: number };
}

export function registerGoplsProviders(language: string, session: LspSession, tabOf: TabOfModel): monaco.IDisposable {
  /** The tab and file position under the cursor; the session is told the model's text first. */
  const locate = (model: monaco.editor.ITextModel, position: monaco.Position): At | null => {
    if (!session.enabled) return null;
    const tab = tabOf(model);
    if (!tab) return null;
    const source = model.getValue();
    session.changed(tab.tabId, tab.go, source);
    const spans = fileSpans(source);
    const at = toFilePosition(spans, position.lineNumber, position.column);
    if (!at || !at.file.endsWith('.go')) return null;
    return { tabId: tab.tabId, file: at.file, spans, position: at.position };
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
        const ranges = definitionRanges(await ask<LspLocation[]>(at, 'textDocument/definition'), (file, r) => toEditorRange(at.spans, file, r));
        return ranges.map((r) => ({ uri: model.uri, range: new monaco.Range(r.startLineNumber, r.startColumn, r.endLineNumber, r.endColumn) }));
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
