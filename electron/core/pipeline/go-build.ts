// Runs `go build` for a target in a work dir and turns its output into diagnostics.
import { spawn } from 'node:child_process';
import type { Diagnostic } from '../../../shared/run';
import { limitedCommand } from './build-limits';

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

export function goBuild(o: GoBuildOptions): Promise<GoBuildResult> {
  return new Promise((resolve, reject) => {
    const head = o.command === 'test' ? ['test', '-c'] : ['build'];
    const vcs = o.buildVcsFlag === false ? [] : ['-buildvcs=false'];
    const args = [...head, '-trimpath', ...vcs, ...(o.extraArgs ?? []), '-o', o.output, '.'];
    const cmd = limitedCommand(o.goBin, args);
    const child = spawn(cmd.bin, cmd.args, {
      cwd: o.cwd,
      env: o.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a kill reaches the compiler and linker too.
      detached: process.platform !== 'win32',
    });
    let log = '';
    const collect = (b: Buffer) => {
      if (log.length < MAX_LOG) log += b.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);

    let timedOut = false;
    let canceled = false;
    const kill = () => {
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, o.timeoutMs);
    const onAbort = () => {
      canceled = true;
      kill();
    };
    o.signal?.addEventListener('abort', onAbort, { once: true });

    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      resolve({ ok: code === 0 && !timedOut && !canceled, log: cleanLog(log, o.cwd), timedOut, canceled });
    });
  });
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
