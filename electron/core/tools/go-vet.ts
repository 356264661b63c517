// `go vet` on a run's work dir, before the build: its findings become warning diagnostics. Asked
// for as JSON so a finding is never confused with the go command's own errors (a package that does
// not compile, a module that cannot be found): those are the build's to report.
import { isAbsolute, relative, sep } from 'node:path';
import type { Diagnostic } from '../../../shared/run';
import { runTool } from './run-tool';

export interface GoVetOptions {
  goBin: string;
  /** The module root holding the snippet's files. */
  cwd: string;
  /** The build's environment (target, GOFLAGS, GOPROXY…): vet sees the program as the build will. */
  env: NodeJS.ProcessEnv;
  /** Build flags the build uses too (-tags=faketime). */
  flags?: string[];
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface GoVetResult {
  /** False when vet could not check every package (a compile error, a missing module). */
  checked: boolean;
  findings: Diagnostic[];
  /** What vet printed besides its findings, work dir removed. */
  log: string;
  timedOut: boolean;
  canceled: boolean;
}

export async function goVet(o: GoVetOptions): Promise<GoVetResult> {
  const r = await runTool({
    bin: o.goBin,
    args: ['vet', '-json', ...(o.flags ?? []), './...'],
    cwd: o.cwd,
    env: o.env,
    timeoutMs: o.timeoutMs,
    ...(o.signal ? { signal: o.signal } : {}),
  });
  const { findings, rest } = parseVetJson(`${r.stdout}\n${r.stderr}`, o.cwd);
  return {
    checked: r.code === 0 && !r.timedOut && !r.canceled,
    findings,
    log: rest.split(o.cwd + sep).join('').split(o.cwd).join('.').trim(),
    timedOut: r.timedOut,
    canceled: r.canceled,
  };
}

interface VetEntry {
  posn?: string;
  message?: string;
}

/**
 * `go vet -json` prints one indented JSON object per package (`{pkg: {analyzer: [{posn, message}]}}`)
 * between its other lines. Positions are absolute paths: made relative to the snippet.
 */
export function parseVetJson(output: string, cwd: string): { findings: Diagnostic[]; rest: string } {
  const findings: Diagnostic[] = [];
  const seen = new Set<string>();
  const rest: string[] = [];
  let block: string[] | null = null;
  for (const line of output.split('\n')) {
    if (block === null && line === '{') {
      block = [line];
      continue;
    }
    if (block === null) {
      if (line.trim() !== '') rest.push(line);
      continue;
    }
    block.push(line);
    if (line !== '}') continue;
    let tree: Record<string, Record<string, VetEntry[] | { error?: string }>>;
    try {
      tree = JSON.parse(block.join('\n'));
    } catch {
      rest.push(...block);
      block = null;
      continue;
    }
    block = null;
    for (const analyzers of Object.values(tree)) {
      for (const [analyzer, entries] of Object.entries(analyzers)) {
        if (!Array.isArray(entries)) {
          if (entries?.error) rest.push(`vet: ${analyzer}: ${entries.error}`);
          continue;
        }
        for (const e of entries) {
          const d = toDiagnostic(e, analyzer, cwd);
          if (!d) continue;
          // A package's test variant reports the same finding again.
          const key = `${d.file}:${d.line}:${d.column}:${d.message}`;
          if (seen.has(key)) continue;
          seen.add(key);
          findings.push(d);
        }
      }
    }
  }
  if (block) rest.push(...block);
  return { findings, rest: rest.join('\n') };
}

function toDiagnostic(e: VetEntry, analyzer: string, cwd: string): Diagnostic | null {
  const m = e.posn ? /^(.*):(\d+):(\d+)$/.exec(e.posn) : null;
  if (!m || !e.message) return null;
  const path = m[1]!;
  const file = (isAbsolute(path) ? relative(cwd, path) : path).split(sep).join('/').replace(/^\.\//, '');
  return { file, line: Number(m[2]), column: Number(m[3]), message: `${e.message} (go vet ${analyzer})`, severity: 'warning' };
}
