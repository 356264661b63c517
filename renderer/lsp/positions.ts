// The editor shows a snippet as one model per file (or, for a model of the whole text, plain Go or
// txtar with `-- name --` lines); gopls sees files. These map an editor position to a file position and back. Monaco counts lines and columns
// from 1, LSP from 0; both count characters in UTF-16 units, so a column maps to character - 1.
import { parseTxtar } from '../../shared/txtar';
import type { LspPosition, LspRange } from '../../shared/lsp';

export interface FileSpan {
  name: string;
  /** The editor line (1-based) of the file's first line. */
  startLine: number;
  /** The editor line of its last line (inclusive): the line before the next marker, or the last. */
  endLine: number;
}

export interface EditorRange {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

export function fileSpans(source: string): FileSpan[] {
  const total = source.split('\n').length;
  const files = parseTxtar(source).files;
  return files.map((f, i) => {
    const next = files[i + 1];
    return { name: f.name, startLine: f.startLine, endLine: next ? next.startLine - 2 : total };
  });
}

/** The span of a model that shows one file of the snippet (the editor's file tabs): all of it. */
export function singleFileSpans(file: string, text: string): FileSpan[] {
  return [{ name: file, startLine: 1, endLine: text.split('\n').length }];
}

/** The file and LSP position under an editor position; null on a `-- name --` line. */
export function toFilePosition(spans: ReadonlyArray<FileSpan>, lineNumber: number, column: number): { file: string; position: LspPosition } | null {
  const span = spans.find((s) => lineNumber >= s.startLine && lineNumber <= s.endLine);
  if (!span) return null;
  return { file: span.name, position: { line: lineNumber - span.startLine, character: Math.max(0, column - 1) } };
}

/** An LSP range in a file as an editor range; null when the file is not in the text. */
export function toEditorRange(spans: ReadonlyArray<FileSpan>, file: string, range: LspRange): EditorRange | null {
  const span = spans.find((s) => s.name === file);
  if (!span) return null;
  const clampLine = (line: number) => Math.min(span.endLine, Math.max(span.startLine, span.startLine + line));
  return {
    startLineNumber: clampLine(range.start.line),
    startColumn: range.start.character + 1,
    endLineNumber: clampLine(range.end.line),
    endColumn: range.end.character + 1,
  };
}
