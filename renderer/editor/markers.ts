// Diagnostics → editor ranges. Diagnostics name a file of the snippet (prog.go, util/util.go) and a
// line of that file; the editor shows each file as its own model, so markers go to the file's model
// at the file's own line. The Problems list still counts lines of the whole text (snippetLineOf);
// fileLineAt maps such a line back to its file.
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

/** The line (1-based) of the whole text a diagnostic points at, or null when its file is not in it. */
export function snippetLineOf(source: string, diagnostic: Pick<Diagnostic, 'file' | 'line'>): number | null {
  const line = toSnippetLine(parseTxtar(source), diagnostic.file, Math.max(1, diagnostic.line));
  if (line === null) return null;
  const total = source.split('\n').length;
  return Math.min(Math.max(1, line), total);
}

/** The file and its line under a line of the whole text; a `-- name --` line belongs to the file it starts. */
export function fileLineAt(source: string, line: number): { file: string; line: number } | null {
  const files = parseTxtar(source).files;
  for (let i = files.length - 1; i >= 0; i--) {
    const f = files[i]!;
    if (line >= f.startLine - 1) return { file: f.name, line: Math.max(1, line - f.startLine + 1) };
  }
  return files[0] ? { file: files[0].name, line: Math.max(1, line) } : null;
}

/** Markers per file name, at lines of that file; diagnostics for files the text does not hold are skipped. */
export function markersByFile(source: string, diagnostics: ReadonlyArray<Diagnostic>): Map<string, MarkerSpec[]> {
  const out = new Map<string, MarkerSpec[]>();
  if (diagnostics.length === 0) return out;
  const files = new Map(parseTxtar(source).files.map((f) => [f.name, f.content.split('\n')] as const));
  for (const d of diagnostics) {
    const name = d.file.replace(/^\.\//, '');
    const lines = files.get(name);
    if (!lines) continue;
    const line = Math.max(1, d.line);
    if (line > lines.length) continue;
    const text = (lines[line - 1] ?? '').replace(/\r$/, '');
    const { start, end } = columnRange(text, d.column);
    const list = out.get(name) ?? [];
    list.push({ startLineNumber: line, startColumn: start, endLineNumber: line, endColumn: end, message: d.message, severity: d.severity, file: name });
    out.set(name, list);
  }
  return out;
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
