// Edits to one file of a snippet's txtar text that leave every other byte as it was: the editor
// (one model per file, add/rename/delete) and gofmt (each Go file formatted) both splice the text
// instead of re-serialising it, so what the user did not touch stays byte for byte.
import { DEFAULT_FILE_NAME, parseTxtar } from './txtar';

export interface FileSegment {
  name: string;
  /** Offsets of the `-- name --` line, its line break included; null for the text before the first marker. */
  header: { start: number; end: number } | null;
  /** Offsets of the file's text: after its marker line up to the next marker (or the end). */
  start: number;
  end: number;
}

/** Where each file of parseTxtar(source) lies in the text, in the same order. */
export function fileSegments(source: string): FileSegment[] {
  const lineStarts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const offset = (line: number) => (line - 1 < lineStarts.length ? lineStarts[line - 1]! : source.length);
  const files = parseTxtar(source).files;
  const segments = files.map((f) => ({
    name: f.name,
    // parseTxtar starts a marked file on the line after its marker; only the preamble starts on line 1.
    header: f.startLine === 1 ? null : { start: offset(f.startLine - 1), end: offset(f.startLine) },
    start: offset(f.startLine),
    end: source.length,
  }));
  segments.forEach((s, i) => {
    const next = segments[i + 1];
    if (next?.header) s.end = next.header.start;
  });
  return segments;
}

/** The text of file `index` exactly as it stands in the source (parseTxtar adds a final newline). */
export function fileText(source: string, index: number): string {
  const s = segment(fileSegments(source), index);
  return source.slice(s.start, s.end);
}

/** Replaces the text of file `index`. */
export function setFileText(source: string, index: number, text: string): string {
  const segments = fileSegments(source);
  const s = segment(segments, index);
  let body = text;
  // A file followed by a marker must end its last line, or the marker would join it.
  if (index < segments.length - 1 && body !== '' && !body.endsWith('\n')) body += '\n';
  // Text before the first marker that is only blank is no file at all: name the file so it stays.
  const name = s.header === null && segments.length > 1 && body.trim() === '' ? marker(s.name) : '';
  return source.slice(0, s.start) + name + body + source.slice(s.end);
}

/**
 * Appends a file. A plain one-file snippet becomes txtar with its file named (`-- prog.go --`), so
 * the text reads the same in the Go Playground.
 */
export function addFile(source: string, name: string, text: string): string {
  const segments = fileSegments(source);
  const only = segments.length === 1 ? segments[0]! : null;
  let base = only && only.header === null ? marker(only.name) + source : source;
  if (base !== '' && !base.endsWith('\n')) base += '\n';
  return base + marker(name) + text;
}

/** Renames file `index`; a lone prog.go goes back to plain Go. */
export function renameFile(source: string, index: number, name: string): string {
  const s = segment(fileSegments(source), index);
  const next = s.header
    ? source.slice(0, s.header.start) + marker(name, lineBreak(source.slice(s.header.start, s.header.end))) + source.slice(s.header.end)
    : source.slice(0, s.start) + marker(name) + source.slice(s.start);
  return plainForm(next);
}

/** Removes file `index` with its marker; a lone prog.go left behind goes back to plain Go. */
export function deleteFile(source: string, index: number): string {
  const s = segment(fileSegments(source), index);
  return plainForm(source.slice(0, s.header?.start ?? s.start) + source.slice(s.end));
}

/** `-- prog.go --` alone at the top is the plain form's long spelling (formatTxtar writes the short one). */
export function plainForm(source: string): string {
  const segments = fileSegments(source);
  const only = segments.length === 1 ? segments[0]! : null;
  if (!only?.header || only.header.start !== 0 || only.name !== DEFAULT_FILE_NAME) return source;
  return source.slice(only.header.end);
}

function marker(name: string, br = '\n'): string {
  return `-- ${name} --${br}`;
}

function lineBreak(line: string): string {
  return line.endsWith('\r\n') ? '\r\n' : line.endsWith('\n') ? '\n' : '';
}

function segment(segments: FileSegment[], index: number): FileSegment {
  const s = segments[index];
  if (!s) throw new RangeError(`the snippet has no file ${index + 1} (it has ${segments.length})`);
  return s;
}
