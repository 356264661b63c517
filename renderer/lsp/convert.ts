// gopls' answers (LSP shapes) → what Monaco's providers return, as plain data: enum members are
// named (Monaco's enums are applied by the caller), ranges are mapped from a file of the snippet to
// the editor text. Pure, so the mapping is unit-tested without an editor.
import type {
  CompletionItem,
  CompletionList,
  Hover,
  InsertReplaceEdit,
  MarkedString,
  MarkupContent,
  SignatureHelp,
  TextEdit,
} from 'vscode-languageserver-types';
import type { LspDiagnostic, LspLocation, LspRange } from '../../shared/lsp';
import type { EditorRange } from './positions';

/** Maps a range in the requested file to the editor, or null when it falls outside it. */
export type RangeMapper = (range: LspRange) => EditorRange | null;

/** LSP's CompletionItemKind (1-based) by the name Monaco's languages.CompletionItemKind uses. */
const COMPLETION_KINDS = [
  'Text',
  'Method',
  'Function',
  'Constructor',
  'Field',
  'Variable',
  'Class',
  'Interface',
  'Module',
  'Property',
  'Unit',
  'Value',
  'Enum',
  'Keyword',
  'Snippet',
  'Color',
  'File',
  'Reference',
  'Folder',
  'EnumMember',
  'Constant',
  'Struct',
  'Event',
  'Operator',
  'TypeParameter',
] as const;
export type CompletionKindName = (typeof COMPLETION_KINDS)[number];

export function completionKindName(kind: number | undefined): CompletionKindName {
  return (kind !== undefined ? COMPLETION_KINDS[kind - 1] : undefined) ?? 'Text';
}

export interface MonacoMarkdown {
  value: string;
}

export interface CompletionSpec {
  label: string | { label: string; detail?: string; description?: string };
  kind: CompletionKindName;
  detail?: string;
  documentation?: MonacoMarkdown | string;
  insertText: string;
  /** The insert text is a snippet (tab stops like `${1:a ...any}`). */
  snippet: boolean;
  /** Where the item goes: insert (typed part replaced) and replace (the whole word replaced). */
  range: EditorRange | { insert: EditorRange; replace: EditorRange };
  sortText?: string;
  filterText?: string;
  additionalTextEdits?: Array<{ range: EditorRange; text: string }>;
  deprecated: boolean;
}

export function completionList(
  result: CompletionList | CompletionItem[] | null | undefined,
  mapRange: RangeMapper,
  defaultRange: EditorRange,
): { suggestions: CompletionSpec[]; incomplete: boolean } {
  if (!result) return { suggestions: [], incomplete: false };
  const items = Array.isArray(result) ? result : result.items;
  const suggestions: CompletionSpec[] = [];
  for (const item of items) {
    const spec = completionItem(item, mapRange, defaultRange);
    if (spec) suggestions.push(spec);
  }
  return { suggestions, incomplete: !Array.isArray(result) && result.isIncomplete };
}

function completionItem(item: CompletionItem, mapRange: RangeMapper, defaultRange: EditorRange): CompletionSpec | null {
  let range: CompletionSpec['range'] = defaultRange;
  let insertText = item.insertText ?? item.label;
  const edit = item.textEdit;
  if (edit) {
    insertText = edit.newText;
    if (isInsertReplace(edit)) {
      const insert = mapRange(edit.insert);
      const replace = mapRange(edit.replace);
      if (!insert || !replace) return null;
      range = { insert, replace };
    } else {
      const mapped = mapRange(edit.range);
      if (!mapped) return null;
      range = mapped;
    }
  }
  const additionalTextEdits: Array<{ range: EditorRange; text: string }> = [];
  for (const e of item.additionalTextEdits ?? []) {
    const mapped = mapRange(e.range);
    if (mapped) additionalTextEdits.push({ range: mapped, text: e.newText });
  }
  const documentation = markupToMonaco(item.documentation);
  const details = item.labelDetails;
  return {
    label: details?.detail || details?.description ? { label: item.label, ...(details.detail ? { detail: details.detail } : {}), ...(details.description ? { description: details.description } : {}) } : item.label,
    kind: completionKindName(item.kind),
    ...(item.detail ? { detail: item.detail } : {}),
    ...(documentation ? { documentation } : {}),
    insertText,
    snippet: item.insertTextFormat === 2,
    range,
    ...(item.sortText ? { sortText: item.sortText } : {}),
    ...(item.filterText ? { filterText: item.filterText } : {}),
    ...(additionalTextEdits.length > 0 ? { additionalTextEdits } : {}),
    deprecated: item.deprecated === true || (item.tags ?? []).includes(1),
  };
}

function isInsertReplace(edit: TextEdit | InsertReplaceEdit): edit is InsertReplaceEdit {
  return 'insert' in edit && 'replace' in edit;
}

export function markupToMonaco(doc: string | MarkupContent | undefined): MonacoMarkdown | string | undefined {
  if (doc === undefined || doc === '') return undefined;
  if (typeof doc === 'string') return doc;
  if (doc.value === '') return undefined;
  return doc.kind === 'markdown' ? { value: doc.value } : { value: escapeMarkdown(doc.value) };
}

function markedToMarkdown(m: MarkedString): string {
  return typeof m === 'string' ? m : `\`\`\`${m.language}\n${m.value}\n\`\`\``;
}

export function hoverContents(result: Hover | null | undefined, mapRange: RangeMapper): { contents: MonacoMarkdown[]; range?: EditorRange } | null {
  if (!result) return null;
  const c = result.contents;
  let values: string[];
  if (Array.isArray(c)) values = c.map(markedToMarkdown);
  else if (typeof c === 'string' || 'language' in c) values = [markedToMarkdown(c)];
  else values = [c.kind === 'markdown' ? c.value : escapeMarkdown(c.value)];
  values = values.filter((v) => v.trim() !== '');
  if (values.length === 0) return null;
  const range = result.range ? mapRange(result.range) : null;
  return { contents: values.map((value) => ({ value })), ...(range ? { range } : {}) };
}

export interface SignatureHelpSpec {
  signatures: Array<{
    label: string;
    documentation?: MonacoMarkdown | string;
    parameters: Array<{ label: string | [number, number]; documentation?: MonacoMarkdown | string }>;
    activeParameter?: number;
  }>;
  activeSignature: number;
  activeParameter: number;
}

export function signatureHelp(result: SignatureHelp | null | undefined): SignatureHelpSpec | null {
  if (!result || result.signatures.length === 0) return null;
  return {
    signatures: result.signatures.map((s) => {
      const documentation = markupToMonaco(s.documentation);
      return {
        label: s.label,
        ...(documentation ? { documentation } : {}),
        parameters: (s.parameters ?? []).map((p) => {
          const doc = markupToMonaco(p.documentation);
          return { label: p.label, ...(doc ? { documentation: doc } : {}) };
        }),
        ...(typeof s.activeParameter === 'number' ? { activeParameter: s.activeParameter } : {}),
      };
    }),
    activeSignature: result.activeSignature ?? 0,
    activeParameter: typeof result.activeParameter === 'number' ? result.activeParameter : 0,
  };
}

/** Places in the snippet, as editor ranges; places outside it (the standard library) are dropped. */
export function definitionRanges(locations: ReadonlyArray<LspLocation> | null | undefined, mapFileRange: (file: string, range: LspRange) => EditorRange | null): EditorRange[] {
  const out: EditorRange[] = [];
  for (const l of locations ?? []) {
    if (l.file === null) continue;
    const r = mapFileRange(l.file, l.range);
    if (r) out.push(r);
  }
  return out;
}

export type MarkerSeverityName = 'Error' | 'Warning' | 'Info' | 'Hint';

export interface GoplsMarkerSpec extends EditorRange {
  message: string;
  severity: MarkerSeverityName;
  source?: string;
  code?: string;
}

const SEVERITIES: Record<number, MarkerSeverityName> = { 1: 'Error', 2: 'Warning', 3: 'Info', 4: 'Hint' };

export function diagnosticMarkers(diagnostics: ReadonlyArray<LspDiagnostic>, mapRange: RangeMapper): GoplsMarkerSpec[] {
  const out: GoplsMarkerSpec[] = [];
  for (const d of diagnostics) {
    const r = mapRange(d.range);
    if (!r) continue;
    // An empty range would draw nothing: underline at least one character.
    const empty = r.startLineNumber === r.endLineNumber && r.endColumn <= r.startColumn;
    out.push({
      ...r,
      ...(empty ? { endColumn: r.startColumn + 1 } : {}),
      message: d.message,
      severity: SEVERITIES[d.severity ?? 1] ?? 'Error',
      source: d.source ?? 'gopls',
      ...(d.code !== undefined ? { code: String(d.code) } : {}),
    });
  }
  return out;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');
}
