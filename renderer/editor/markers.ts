// Compile diagnostics → editor ranges. Diagnostics name a file of the snippet (prog.go,
// util/util.go); the editor holds the whole txtar text, so each is mapped to a line of it.
import type { Diagnostic } from '../../shared/run';
import { parseTxtar, toSnippetLine } from '../../shared/txtar';

export interface MarkerSpec {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
  message: string;
  severity: Diagnostic['severity'];
  /** The file the compiler named, shown next to the message. */
  file: string;
}

/** The editor line (1-based) a diagnostic points at, or null when its file is not in the text. */
export function snippetLineOf(source: string, diagnostic: Pick<Diagnostic, 'file' | 'line'>): number | null {
  const line = toSnippetLine(parseTxtar(source), diagnostic.file, Math.max(1, diagnostic.line));
  if (line === null) return null;
  const total = source.split('\n').length;
  return Math.min(Math.max(1, line), total);
}

export function diagnosticsToMarkers(source: string, diagnostics: ReadonlyArray<Diagnostic>): MarkerSpec[] {
  if (diagnostics.length === 0) return [];
  const snippet = parseTxtar(source);
  const lines = source.split('\n');
  const markers: MarkerSpec[] = [];
  for (const d of diagnostics) {
    const line = toSnippetLine(snippet, d.file, Math.max(1, d.line));
    if (line === null || line < 1 || line > lines.length) continue;
    const text = (lines[line - 1] ?? '').replace(/\r$/, '');
    const { start, end } = columnRange(text, d.column);
    markers.push({
      startLineNumber: line,
      startColumn: start,
      endLineNumber: line,
      endColumn: end,
      message: d.message,
      severity: d.severity,
      file: d.file,
    });
  }
  return markers;
}

/** Underlines the word at the column, or the whole line when the compiler gave no column. */
function columnRange(text: string, column: number): { start: number; end: number } {
  const firstNonBlank = text.search(/\S/);
  if (column < 1 || column > text.length + 1) {
    return { start: firstNonBlank >= 0 ? firstNonBlank + 1 : 1, end: Math.max(text.length + 1, 2) };
  }
  const word = /^[\p{L}\p{N}_]+/u.exec(text.slice(column - 1));
  const length = word ? word[0].length : 1;
  return { start: column, end: column + length };
}
