// A snippet as a standalone .txtar file, and back. To txtar tools the text before the first
// `-- name --` line is a comment, not a file, so a plain one-file snippet is written with a
// `-- prog.go --` header; a snippet that already has file markers is written as it is. Import
// undoes exactly that, so export → import → export gives the same bytes.
import { DEFAULT_FILE_NAME, parseTxtar, validateFileName } from '../../shared/txtar';
import { TabSchema } from '../../shared/workspace';

export const PROG_HEADER = `-- ${DEFAULT_FILE_NAME} --\n`;
const MAX_SOURCE_CHARS = TabSchema.shape.source.maxLength ?? 4 * 1024 * 1024;
const MARKER = /^-- (.+) --$/;

/** True when some line is a file marker, the way the runner reads them. */
export function hasFileMarkers(text: string): boolean {
  return text.split('\n').some((line) => {
    const m = MARKER.exec(line.replace(/\r$/, ''));
    return m?.[1] !== undefined && m[1].trim() !== '';
  });
}

export function toTxtarFile(source: string): string {
  return hasFileMarkers(source) ? source : PROG_HEADER + source;
}

export function fromTxtarFile(text: string): string {
  if (text.startsWith(PROG_HEADER)) {
    const rest = text.slice(PROG_HEADER.length);
    if (!hasFileMarkers(rest)) return rest;
  }
  return text;
}

/** Why a file cannot become a snippet (said so the user knows what to do), or null. */
export function importProblem(fileName: string, text: string): string | null {
  if (text.length === 0) return `${fileName} is empty; there is nothing to import`;
  if (text.length > MAX_SOURCE_CHARS) return `${fileName} is larger than 4 MiB, the most a snippet holds; split it and import the parts`;
  if (text.includes('\u0000')) return `${fileName} is not a text file; import a .txtar or .go file`;
  for (const file of parseTxtar(fromTxtarFile(text)).files) {
    const problem = validateFileName(file.name);
    if (problem) return `${fileName}: ${problem}; fix its "-- ${file.name} --" line and import it again`;
  }
  return null;
}

/** "hello world.go" → "hello-world.txtar" */
export function txtarFileName(title: string): string {
  const base = title
    .trim()
    .replace(/\.(go|txtar|txt)$/i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '');
  return `${base || 'snippet'}.txtar`;
}

/** The snippet title an imported file gets: its name without the extension. */
export function titleFromFileName(name: string): string {
  return name.replace(/\.(txtar|txt)$/i, '').slice(0, 200) || 'imported';
}
