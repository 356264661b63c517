// Which snippets run as `go test`. Like go.dev/play, a package main with no main function that
// declares tests (Test, Benchmark, Fuzz or Example functions) is a test program; go test finds
// tests only in _test.go files, so the files that declare them are built under such names. Their
// text is unchanged, so line numbers hold; the build's output is mapped back to the user's names.
import type { SnippetFile } from '../../../shared/txtar';
import { GoTokenError, tokenizeGo } from '../cache/go-tokens';

export const TEST_PREFIXES = ['Test', 'Benchmark', 'Fuzz', 'Example'] as const;

/** Go's own rule (cmd/go, testing): the prefix, then nothing or anything but a lower-case letter. */
export function isTestFunc(name: string, prefix: string): boolean {
  if (!name.startsWith(prefix)) return false;
  return !/^\p{Ll}/u.test(name.slice(prefix.length));
}

export interface GoFileDecls {
  pkg: string | null;
  /** Top-level functions (not methods), in order. */
  funcs: string[];
}

/** A Go file's package name and top-level function names; null when it cannot be tokenized. */
export function goFileDecls(src: string): GoFileDecls | null {
  let tokens;
  try {
    tokens = tokenizeGo(src, { comments: false }).filter((t) => t.kind !== 'semicolon');
  } catch (err) {
    if (err instanceof GoTokenError) return null;
    throw err;
  }
  const pkg = tokens[0]?.text === 'package' && tokens[1]?.kind === 'ident' ? tokens[1].text : null;
  const funcs: string[] = [];
  let depth = 0;
  tokens.forEach((t, i) => {
    if (t.kind === 'operator') {
      if (t.text === '{' || t.text === '(' || t.text === '[') depth++;
      else if (t.text === '}' || t.text === ')' || t.text === ']') depth = Math.max(0, depth - 1);
      return;
    }
    // At depth 0, `func Name` declares a function; `func (r T) Name` is a method.
    const next = tokens[i + 1];
    if (depth === 0 && t.kind === 'keyword' && t.text === 'func' && next?.kind === 'ident') funcs.push(next.text);
  });
  return { pkg, funcs };
}

function isRootGoFile(name: string): boolean {
  return !name.includes('/') && name.endsWith('.go');
}

export interface TestProgram {
  files: SnippetFile[];
  /** Build name → the user's name, for each file built under a _test.go name. */
  renamed: Map<string, string>;
}

/**
 * A package main without main() whose root files declare tests: the files with the tests renamed
 * to _test.go. Null when the snippet is not such a program (it has a main, or no tests outside
 * _test.go files, or a file the tokenizer cannot read — the compiler says what is wrong then).
 */
export function asTestProgram(files: readonly SnippetFile[]): TestProgram | null {
  const root = files.filter((f) => isRootGoFile(f.name) && !f.name.endsWith('_test.go'));
  const candidates: string[] = [];
  for (const f of root) {
    const decls = goFileDecls(f.content);
    if (!decls || decls.pkg !== 'main') return null;
    if (decls.funcs.includes('main')) return null;
    if (decls.funcs.some((n) => TEST_PREFIXES.some((p) => isTestFunc(n, p)))) candidates.push(f.name);
  }
  const taken = new Set(files.map((f) => f.name));
  const renamed = new Map<string, string>();
  for (const name of candidates) {
    const to = name.replace(/\.go$/, '_test.go');
    if (!taken.has(to)) renamed.set(to, name);
  }
  if (renamed.size === 0) return null;
  const back = new Map([...renamed].map(([to, from]) => [from, to]));
  return { files: files.map((f) => (back.has(f.name) ? { ...f, name: back.get(f.name)! } : f)), renamed };
}

/** Whether a test program declares benchmarks (in its _test.go files, where go test runs them from). */
export function declaresBenchmarks(files: readonly SnippetFile[]): boolean {
  return files.some((f) => f.name.endsWith('_test.go') && (goFileDecls(f.content)?.funcs.some((n) => isTestFunc(n, 'Benchmark')) ?? false));
}

/** The build's output with files named as the user named them. */
export function unrenameFiles(text: string, renamed: ReadonlyMap<string, string>): string {
  let out = text;
  for (const [to, from] of renamed) out = out.replace(new RegExp(`(?<![\\w.-])${to.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w.-])`, 'g'), from);
  return out;
}
