// What a snippet may not hold before anything is built: more files than allowed, names that escape
// the work dir or collide, a go.mod `replace` to the host's file system. Pure, so the runner
// (electron/core/pipeline/guards.ts), gopls' workspace and the editor's file actions apply the
// same rules and say the same thing.
import { MAX_FILES, validateFileName, type Snippet } from './txtar';

export interface SnippetProblem {
  message: string;
  /** The file at fault, when one is. */
  file?: string;
  /** The line of the whole text (0-based marker line for names) or of go.mod, when known. */
  line?: number;
}

/** The first reason the snippet may not be written into a work dir, or null when it may. */
export function snippetProblem(snippet: Snippet): SnippetProblem | null {
  if (snippet.files.length > MAX_FILES) {
    return { message: `the snippet has ${snippet.files.length} files; at most ${MAX_FILES} are allowed` };
  }
  const seen = new Set<string>();
  for (const file of snippet.files) {
    const problem = validateFileName(file.name);
    if (problem) return { message: `${problem}. Rename the file in its "-- name --" line.`, file: file.name, line: file.startLine - 1 };
    // Case-insensitive: on macOS and Windows both names would be the same file.
    const key = file.name.toLowerCase();
    if (seen.has(key)) return { message: `two files are named "${file.name}"; each file needs its own name`, file: file.name };
    seen.add(key);
  }
  const goMod = snippet.files.find((f) => f.name === 'go.mod');
  return goMod ? goModProblem(goMod.content) : null;
}

/**
 * Why `name` cannot be given to a new (or renamed) file next to `others`, or null when it can:
 * the runner's rules, plus what the `-- name --` line itself cannot hold.
 */
export function newFileNameProblem(name: string, others: ReadonlyArray<string>): string | null {
  if (name !== name.trim()) return `the file name "${name}" starts or ends with a space; remove it`;
  const problem = validateFileName(name);
  if (problem) return problem;
  const key = name.toLowerCase();
  const clash = others.find((o) => o.toLowerCase() === key);
  if (clash !== undefined) return clash === name ? `a file named "${name}" is already in the snippet` : `"${name}" differs from "${clash}" only in case; pick another name`;
  if (others.length + 1 > MAX_FILES) return `a snippet holds at most ${MAX_FILES} files`;
  return null;
}

/** A `replace` whose target is a local path (./x, ../x, /x, C:\x, ~/x), or null. */
export function goModProblem(content: string): SnippetProblem | null {
  const lines = content.split('\n');
  let inReplaceBlock = false;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').replace(/\/\/.*$/, '').trim();
    let spec: string | null = null;
    if (inReplaceBlock) {
      if (line === ')') {
        inReplaceBlock = false;
        continue;
      }
      spec = line;
    } else {
      const m = /^replace\s*(.*)$/.exec(line);
      if (!m) continue;
      const rest = (m[1] ?? '').trim();
      if (rest === '(') inReplaceBlock = true;
      else spec = rest;
    }
    const target = spec === null ? null : localReplaceTarget(spec);
    if (target !== null) {
      return {
        message: `go.mod line ${i + 1}: replace to the local path "${target}" is not allowed in the sandbox; replace with a module version instead, or put the code in the snippet as another file`,
        file: 'go.mod',
        line: i + 1,
      };
    }
  }
  return null;
}

function localReplaceTarget(spec: string): string | null {
  const arrow = spec.indexOf('=>');
  if (arrow < 0) return null;
  const target = spec.slice(arrow + 2).trim().replace(/^"(.*)"$/, '$1').split(/\s+/)[0] ?? '';
  return /^(\.{1,2}([\\/]|$)|[\\/]|[A-Za-z]:[\\/]|~)/.test(target) ? target : null;
}
