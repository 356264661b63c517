// Runs `go build` for a target in a work dir and turns its output into diagnostics.
import type { Diagnostic } from '../../../shared/run';
import { runTool } from '../tools/run-tool';

export interface GoBuildOptions {
  goBin: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  output: string;
  extraArgs?: string[];
  /** 'test' builds the package's test binary (`go test -c`). */
  command?: 'build' | 'test';
  timeoutMs: number;
  signal?: AbortSignal;
  /** False for go commands older than 1.18, which have no -buildvcs flag. */
  buildVcsFlag?: boolean;
}

export interface GoBuildResult {
  ok: boolean;
  /** What go build printed, with the work dir's path removed. */
  log: string;
  timedOut: boolean;
  canceled: boolean;
}

const MAX_LOG = 256 * 1024;

export async function goBuild(o: GoBuildOptions): Promise<GoBuildResult> {
  const head = o.command === 'test' ? ['test', '-c'] : ['build'];
  const vcs = o.buildVcsFlag === false ? [] : ['-buildvcs=false'];
  const args = [...head, '-trimpath', ...vcs, ...(o.extraArgs ?? []), '-o', o.output, '.'];
  // Under the build's memory limit, in its own process group so a kill reaches the compiler and linker too.
  const r = await runTool({ bin: o.goBin, args, cwd: o.cwd, env: o.env, timeoutMs: o.timeoutMs, ...(o.signal ? { signal: o.signal } : {}) });
  const log = (r.stdout + r.stderr).slice(0, MAX_LOG);
  return { ok: r.code === 0 && !r.timedOut && !r.canceled, log: cleanLog(log, o.cwd), timedOut: r.timedOut, canceled: r.canceled };
}

function cleanLog(log: string, cwd: string): string {
  const withSlash = cwd.endsWith('/') ? cwd : cwd + '/';
  return log.split(withSlash).join('').split(cwd).join('.');
}

const DIAG_RE = /^(?:\.\/)?([^\s:][^:\n]*?\.(?:go|mod|sum|s)):(\d+)(?::(\d+))?: (.+)$/;

/** Parses `file:line[:col]: message` lines; other lines (`# play`, notes) are skipped. */
export function parseDiagnostics(log: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const line of log.split('\n')) {
    const m = DIAG_RE.exec(line.trimEnd());
    if (!m) continue;
    out.push({
      file: m[1]!,
      line: Number(m[2]),
      column: m[3] ? Number(m[3]) : 1,
      message: m[4]!,
      severity: 'error',
    });
  }
  return out;
}
