// gofmt for a snippet: each .go file through the tab's own gofmt (stdin → stdout), spliced back
// into the text so go.mod, other files and the txtar markers stay byte for byte.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FormatResult } from '../../../shared/format';
import type { Diagnostic } from '../../../shared/run';
import { fileSegments, fileText, setFileText } from '../../../shared/txtar-edit';
import { runTool } from './run-tool';

export interface GofmtOptions {
  goroot: string;
  /** Per file; gofmt takes milliseconds, so this only stops a stuck process. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export function gofmtBinary(goroot: string): string {
  return join(goroot, 'bin', process.platform === 'win32' ? 'gofmt.exe' : 'gofmt');
}

/** Files with syntax errors stay as they are and come back as diagnostics; the others are formatted. */
export async function formatSnippet(source: string, o: GofmtOptions): Promise<FormatResult> {
  const bin = gofmtBinary(o.goroot);
  if (!existsSync(bin)) {
    throw new Error(`this Go has no gofmt (looked for ${bin}); reinstall the SDK, or pick another Go version for the tab`);
  }
  const goFiles = fileSegments(source)
    .map((s, index) => ({ name: s.name, index, text: fileText(source, index) }))
    .filter((f) => f.name.endsWith('.go'));
  const results = await mapLimited(goFiles, 4, async (f) => ({ ...f, ...(await gofmt(bin, f.name, f.text, o)) }));
  let next = source;
  const diagnostics: Diagnostic[] = [];
  for (const r of results) {
    if (r.formatted !== null && r.formatted !== r.text) next = setFileText(next, r.index, r.formatted);
    diagnostics.push(...r.diagnostics);
  }
  return { source: next, changed: next !== source, diagnostics };
}

async function gofmt(bin: string, file: string, text: string, o: GofmtOptions): Promise<{ formatted: string | null; diagnostics: Diagnostic[] }> {
  const timeoutMs = o.timeoutMs ?? 10_000;
  const r = await runTool({
    bin,
    args: [],
    env: { PATH: process.env.PATH ?? '', GOROOT: o.goroot },
    stdin: text,
    timeoutMs,
    ...(o.signal ? { signal: o.signal } : {}),
  });
  if (r.canceled) throw new Error('formatting was canceled');
  if (r.timedOut) throw new Error(`gofmt took longer than ${Math.round(timeoutMs / 1000)} s on ${file} and was stopped; try again`);
  if (r.code === 0) return { formatted: r.stdout, diagnostics: [] };
  const diagnostics = parseGofmtErrors(r.stderr, file);
  if (diagnostics.length === 0) throw new Error(`gofmt failed on ${file}: ${r.stderr.trim() || `exit status ${r.code}`}`);
  return { formatted: null, diagnostics };
}

/** `<standard input>:3:5: expected ';', found x` → a diagnostic in `file`. */
export function parseGofmtErrors(stderr: string, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const line of stderr.split('\n')) {
    const m = /^<standard input>:(\d+):(?:(\d+):)? (.+)$/.exec(line.trimEnd());
    if (m) out.push({ file, line: Number(m[1]), column: m[2] ? Number(m[2]) : 1, message: m[3]!, severity: 'error' });
  }
  return out;
}

async function mapLimited<T, R>(items: T[], limit: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
