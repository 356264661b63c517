// One run of a Go tool (go build, gofmt, go vet) on the host: input on stdin, output collected up to a cap,
// killed with its whole process group at the time limit or when the caller gives up.
import { spawn } from 'node:child_process';
import { limitedCommand } from '../pipeline/build-limits';

export interface ToolRun {
  bin: string;
  args: string[];
  cwd?: string;
  env: NodeJS.ProcessEnv;
  stdin?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface ToolOutcome {
  /** Null when the tool was killed. */
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  canceled: boolean;
}

const MAX_OUTPUT = 8 * 1024 * 1024;

export function runTool(o: ToolRun): Promise<ToolOutcome> {
  return new Promise((resolve, reject) => {
    // The tools parse snippet text on the host: the build's memory limit bounds them too.
    const cmd = limitedCommand(o.bin, o.args);
    const child = spawn(cmd.bin, cmd.args, {
      cwd: o.cwd,
      env: o.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let bytes = 0;
    const collect = (into: Buffer[]) => (b: Buffer) => {
      if (bytes >= MAX_OUTPUT) return;
      into.push(b);
      bytes += b.length;
    };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
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
    if (o.signal?.aborted) onAbort();
    else o.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => {
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), timedOut, canceled });
    });
    // A tool that exits before reading all of stdin closes the pipe: not an error of ours.
    child.stdin.on('error', () => undefined);
    child.stdin.end(o.stdin ?? '');
  });
}
