// What a snippet may not do before anything is built: escape the work dir by file name, or point
// go.mod at the host's file system.
import { parseTxtar, validateFileName, MAX_FILES, type Snippet } from '../../../shared/txtar';

export class RejectedInputError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'RejectedInputError';
  }
}

export function parseSnippet(source: string): Snippet {
  const snippet = parseTxtar(source);
  if (snippet.files.length > MAX_FILES) {
    throw new RejectedInputError(`the snippet has ${snippet.files.length} files; at most ${MAX_FILES} are allowed`);
  }
  const seen = new Set<string>();
  for (const file of snippet.files) {
    const problem = validateFileName(file.name);
    if (problem) throw new RejectedInputError(`${problem}. Rename the file in its "-- name --" line.`, file.name, file.startLine - 1);
    const key = file.name.toLowerCase();
    if (seen.has(key)) throw new RejectedInputError(`two files are named "${file.name}"; each file needs its own name`, file.name);
    seen.add(key);
  }
  const goMod = snippet.files.find((f) => f.name === 'go.mod');
  if (goMod) checkGoMod(goMod.content);
  return snippet;
}

/** Refuses `replace` directives whose target is a local path (./x, ../x, /x, C:\x). */
export function checkGoMod(content: string): void {
  const lines = content.split('\n');
  let inReplaceBlock = false;
  lines.forEach((raw, i) => {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (inReplaceBlock) {
      if (line === ')') {
        inReplaceBlock = false;
        return;
      }
      checkReplaceSpec(line, i + 1);
      return;
    }
    const m = /^replace\s*(.*)$/.exec(line);
    if (!m) return;
    const rest = (m[1] ?? '').trim();
    if (rest === '(') inReplaceBlock = true;
    else checkReplaceSpec(rest, i + 1);
  });
}

function checkReplaceSpec(spec: string, line: number): void {
  const arrow = spec.indexOf('=>');
  if (arrow < 0) return;
  const target = spec.slice(arrow + 2).trim().replace(/^"(.*)"$/, '$1').split(/\s+/)[0] ?? '';
  if (/^(\.{1,2}([\\/]|$)|[\\/]|[A-Za-z]:[\\/]|~)/.test(target)) {
    throw new RejectedInputError(
      `go.mod line ${line}: replace to the local path "${target}" is not allowed in the sandbox; replace with a module version instead, or put the code in the snippet as another file`,
      'go.mod',
      line,
    );
  }
}
