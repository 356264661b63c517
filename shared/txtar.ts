// The Go Playground's multi-file form (golang.org/x/tools/txtar): text before the first
// `-- name --` line is prog.go, each marker starts a file. Pure: used by the core to write the
// work dir and by the renderer to map a diagnostic in file F back to a line of the editor.

export interface SnippetFile {
  name: string;
  content: string;
  /** 1-based line of the whole text where this file's content begins. */
  startLine: number;
}

export interface Snippet {
  files: SnippetFile[];
}

/** The name the Go Playground gives to text before the first marker. */
export const DEFAULT_FILE_NAME = 'prog.go';
export const MAX_FILES = 100;

const MARKER = /^-- (.+) --$/;

/** Splits text into files. Never throws: naming problems are reported by validateFileName. */
export function parseTxtar(text: string): Snippet {
  const lines = text.split('\n');
  const files: SnippetFile[] = [];
  let current: { name: string; startLine: number; lines: string[] } | null = null;
  const preamble: string[] = [];

  const flush = () => {
    if (current) files.push({ name: current.name, startLine: current.startLine, content: joinLines(current.lines) });
  };

  lines.forEach((line, index) => {
    const m = MARKER.exec(line.replace(/\r$/, ''));
    if (m && m[1] !== undefined && m[1].trim() !== '') {
      flush();
      current = { name: m[1].trim(), startLine: index + 2, lines: [] };
    } else if (current) {
      current.lines.push(line);
    } else {
      preamble.push(line);
    }
  });
  flush();

  const pre = joinLines(preamble);
  if (files.length === 0 || pre.trim() !== '') {
    files.unshift({ name: DEFAULT_FILE_NAME, startLine: 1, content: pre });
  }
  return { files };
}

/** Lines collected from a split keep the text's own final newline semantics. */
function joinLines(lines: string[]): string {
  if (lines.length === 0) return '';
  const text = lines.join('\n');
  return text.endsWith('\n') || text === '' ? text : text + '\n';
}

/** Joins files back into one text; a lone prog.go stays plain Go. */
export function formatTxtar(files: ReadonlyArray<Pick<SnippetFile, 'name' | 'content'>>): string {
  let out = '';
  files.forEach((f, i) => {
    const body = f.content === '' || f.content.endsWith('\n') ? f.content : f.content + '\n';
    if (i === 0 && f.name === DEFAULT_FILE_NAME) out += body;
    else out += `-- ${f.name} --\n${body}`;
  });
  return out;
}

/**
 * Why a file name may not be written into a run's work dir, or null when it may.
 * Names are relative, slash-separated, and stay inside the work dir.
 */
export function validateFileName(name: string): string | null {
  if (name.length === 0) return 'a file name is empty';
  if (name.length > 255) return `the file name "${name.slice(0, 40)}…" is longer than 255 characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return `the file name ${JSON.stringify(name)} contains control characters`;
  if (name.includes('\\')) return `the file name "${name}" contains a backslash; use / between folders`;
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return `the file name "${name}" is absolute; names are relative to the snippet`;
  const parts = name.split('/');
  for (const part of parts) {
    if (part === '') return `the file name "${name}" has an empty folder name`;
    if (part === '.' || part === '..') return `the file name "${name}" points outside the snippet ("${part}" is not allowed)`;
  }
  return null;
}

/** Line in the whole text for a line of a file, for editor markers. */
export function toSnippetLine(snippet: Snippet, fileName: string, line: number): number | null {
  const normalized = fileName.replace(/^\.\//, '');
  const file = snippet.files.find((f) => f.name === normalized);
  if (!file) return null;
  return file.startLine + line - 1;
}
