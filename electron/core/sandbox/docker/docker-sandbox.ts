// The Docker sandbox: a fresh, hardened container per run. Containers are created ahead of time
// (one spare per set of limits) so a run pays only for start and wait; the program's binary is
// put into the spare's private folder, mounted read-only at /app. Output is demultiplexed and
// counted here, and the container is killed with SIGKILL at the output cap, at the wall-clock
// limit or on cancel — we record who killed, so an OOM kill is told apart from ours.
import type Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, copyFile, mkdir, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OutputStream } from '../../../../shared/run';
import type { SpanRecorder } from '../../pipeline/spans';
import { TRUNCATION_NOTE } from '../wasm/wasm-sandbox';
import { FaketimeDecoder, type ReplayEvent } from './faketime';
import { DOCKER_DEFAULTS, type DockerLimits } from './docker-limits';
import { RUNNER_IMAGE } from './runner-image';
import { isAlive } from '../../util/process';

export const CONTAINER_LABEL = 'dev.gopherlab.sandbox';
export const OWNER_LABEL = 'dev.gopherlab.owner-pid';

export { DOCKER_DEFAULTS, type DockerLimits } from './docker-limits';

export type DockerOutcomeKind = 'exit' | 'timeout' | 'output-limit' | 'memory-limit' | 'canceled' | 'error';

export interface DockerOutcome {
  kind: DockerOutcomeKind;
  exitCode: number | null;
  /** The signal that ended the program when it was not our kill (e.g. SIGKILL from kill(-1)). */
  signal?: string;
  stdout: string;
  stderr: string;
  truncated: boolean;
  detail?: string;
  /** faketime runs: the output as timed events for replay. */
  events?: ReplayEvent[];
  /** Traced runs: the files the program wrote in /trace (see DockerTraceFiles). */
  files?: { name: string; bytes: Uint8Array }[];
  /** A file reached the cap (the fsize limit cut it). */
  filesTruncated?: boolean;
}

/**
 * Traced runs: each of these names is a host file bind-mounted writable at <mount>/<name>, and
 * nothing else of the host is writable. Single files, not a folder: the program cannot create
 * files (or links) on the host, and the fsize limit bounds each one.
 */
export interface DockerTraceFiles {
  /** The folder they appear in, in the container (e.g. /trace). */
  mount: string;
  names: string[];
  capBytes: number;
}

export interface DockerRunOptions {
  binary: string;
  /** Arguments for the program (a test binary's flags); a run with arguments gets its own container. */
  args?: string[];
  limits: DockerLimits;
  faketime?: boolean;
  signal?: AbortSignal;
  spans: SpanRecorder;
  onOutput?: (stream: OutputStream, text: string) => void;
  /** Traced runs get a container of their own with these writable files; never a spare. */
  trace?: DockerTraceFiles;
  /** The program's stdin, then EOF. A run with stdin gets its own container (spares have stdin closed). */
  stdin?: Uint8Array;
}

interface Spare {
  container: Docker.Container;
  dir: string;
  key: string;
  /** The host folder of a traced run's writable files. */
  traceDir?: string;
}

const SIGNALS: Record<number, string> = { 1: 'SIGHUP', 2: 'SIGINT', 3: 'SIGQUIT', 4: 'SIGILL', 5: 'SIGTRAP', 6: 'SIGABRT', 7: 'SIGBUS', 8: 'SIGFPE', 9: 'SIGKILL', 11: 'SIGSEGV', 13: 'SIGPIPE', 14: 'SIGALRM', 15: 'SIGTERM', 25: 'SIGXFSZ', 31: 'SIGSYS' };

export class DockerSandbox {
  private readonly spares = new Map<string, Promise<Spare>>();
  private readonly live = new Set<string>();
  private disposed = false;

  constructor(private readonly docker: Docker) {}

  /** Creates the spare container for these limits now (e.g. while the build runs). */
  warm(limits: DockerLimits): void {
    const key = limitsKey(limits);
    if (!this.disposed && !this.spares.has(key)) {
      const spare = this.create(limits);
      spare.catch(() => this.spares.delete(key));
      this.spares.set(key, spare);
    }
  }

  async run(o: DockerRunOptions): Promise<DockerOutcome> {
    const key = limitsKey(o.limits);
    const spare = await o.spans.stage('container-create', async () => {
      const dedicated = (o.args?.length ?? 0) > 0 || o.trace !== undefined || o.stdin !== undefined;
      const s = (!dedicated && this.spares.get(key)) || this.create(o.limits, o.args ?? [], o.trace, o.stdin !== undefined);
      if (!dedicated) this.spares.delete(key);
      const taken = await s;
      await copyFile(o.binary, join(taken.dir, 'prog'));
      await chmod(join(taken.dir, 'prog'), 0o755);
      return taken;
    });
    this.warm(o.limits); // the next run's container, created while this one runs
    const { container } = spare;

    const text = { stdout: '', stderr: '' };
    const decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
    const faketime = o.faketime ? new FaketimeDecoder() : null;
    let lastStream: OutputStream = 'stdout';
    const emit = (stream: OutputStream, s: string) => {
      if (s === '') return;
      text[stream] += s;
      lastStream = stream;
      o.onOutput?.(stream, s);
    };
    let outputBytes = 0;
    let truncated = false;
    let killedFor: 'timeout' | 'output-limit' | 'canceled' | null = null;

    const kill = (why: 'timeout' | 'output-limit' | 'canceled') => {
      if (killedFor) return;
      killedFor = why;
      container.kill({ signal: 'SIGKILL' }).catch(() => undefined);
    };

    const deliver = (stream: OutputStream, bytes: Uint8Array) => {
      if (faketime) {
        for (const ev of faketime.push(stream, bytes)) emit(ev.stream, ev.data);
      } else {
        emit(stream, decoders[stream].decode(bytes, { stream: true }));
      }
    };

    const withStdin = o.stdin !== undefined;
    const attach = (await container.attach({ stream: true, stdout: true, stderr: true, hijack: true, ...(withStdin ? { stdin: true } : {}) })) as NodeJS.ReadWriteStream;
    const demux = new Demuxer((stream, payload) => {
      if (truncated) return;
      const room = o.limits.outputBytes - outputBytes;
      const take = payload.length <= room ? payload : payload.subarray(0, Math.max(0, room));
      outputBytes += take.length;
      if (take.length > 0) deliver(stream, take);
      if (take.length < payload.length) {
        truncated = true;
        kill('output-limit');
      }
    });
    const streamEnded = new Promise<void>((resolve) => {
      attach.on('data', (chunk: Buffer) => demux.push(chunk));
      attach.on('end', () => resolve());
      attach.on('close', () => resolve());
      attach.on('error', () => resolve());
    });

    // 'next-exit', asked before start: the default ('not-running') answers at once for a created container.
    const waited = container.wait({ condition: 'next-exit' });
    await o.spans.stage('container-start', () => container.start());
    const executeStart = performance.now();
    if (o.stdin) {
      // Ending our side of the hijacked connection is EOF for the program (StdinOnce); a program
      // that exits without reading it all makes the write fail, which is no error of the run.
      attach.on('error', () => undefined);
      attach.end(o.stdin);
    }
    const timer = setTimeout(() => kill('timeout'), o.limits.timeoutMs);
    const onAbort = () => kill('canceled');
    o.signal?.addEventListener('abort', onAbort, { once: true });
    let waitError: string | undefined;
    try {
      await waited;
    } catch (err) {
      waitError = err instanceof Error ? err.message : String(err);
    } finally {
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
    }
    // Output written just before the end is still in the pipe: read it to the end (bounded).
    await Promise.race([streamEnded, new Promise((r) => setTimeout(r, 2000))]);
    o.spans.record('execute', executeStart, performance.now());

    const state = await o.spans.stage('teardown', async () => {
      let info = await container.inspect().catch(() => null);
      if (info?.State?.ExitCode === 137 && !info.State.OOMKilled && !killedFor) {
        // The engine may record an OOM kill a moment after the exit event.
        await new Promise((r) => setTimeout(r, 150));
        info = (await container.inspect().catch(() => null)) ?? info;
      }
      if (faketime) for (const ev of faketime.flush()) emit(ev.stream, ev.data);
      else {
        emit('stdout', decoders.stdout.decode());
        emit('stderr', decoders.stderr.decode());
      }
      return info?.State ?? null;
    });
    const collected = o.trace && spare.traceDir ? await o.spans.stage('trace-read', () => readTraceFiles(spare.traceDir!, o.trace!)) : null;
    // Removal is off the critical path; the sweep catches anything a crash leaves.
    void this.discard(spare);

    if (truncated) emit(lastStream, TRUNCATION_NOTE);
    const exitCode = typeof state?.ExitCode === 'number' ? state.ExitCode : null;
    const base = {
      stdout: text.stdout,
      stderr: text.stderr,
      truncated,
      ...(faketime ? { events: faketime.events } : {}),
      ...(collected ? { files: collected.files, filesTruncated: collected.truncated } : {}),
    };
    if (killedFor === 'canceled') return { ...base, kind: 'canceled', exitCode: null };
    if (killedFor === 'timeout') return { ...base, kind: 'timeout', exitCode: null };
    if (killedFor === 'output-limit') return { ...base, kind: 'output-limit', exitCode: null };
    if (state?.OOMKilled) return { ...base, kind: 'memory-limit', exitCode };
    if (waitError || exitCode === null) return { ...base, kind: 'error', exitCode: null, detail: waitError ?? 'the container vanished' };
    // 128+N is how a shell reports signal N; only statuses that match a real signal read as one.
    const signal = exitCode > 128 ? SIGNALS[exitCode - 128] : undefined;
    return { ...base, kind: 'exit', exitCode, ...(signal ? { signal } : {}) };
  }

  private async create(limits: DockerLimits, args: string[] = [], trace?: DockerTraceFiles, stdin = false): Promise<Spare> {
    const dir = join(tmpdir(), `gopherlab-docker-${process.pid}-${randomBytes(4).toString('hex')}`);
    await mkdir(dir, { mode: 0o755 });
    await chmod(dir, 0o755);
    try {
      const traceDir = trace ? join(dir, 'trace') : undefined;
      const traceBinds: string[] = [];
      if (trace && traceDir) {
        await mkdir(traceDir, { mode: 0o755 });
        for (const name of trace.names) {
          // Empty and writable by the container's user (nobody); ours, so it cannot be a link.
          await writeFile(join(traceDir, name), '', { mode: 0o666, flag: 'wx' });
          await chmod(join(traceDir, name), 0o666);
          traceBinds.push(`${join(traceDir, name)}:${trace.mount}/${name}:rw`);
        }
      }
      const fsize = trace ? Math.max(DOCKER_DEFAULTS.fsizeBytes, trace.capBytes) : DOCKER_DEFAULTS.fsizeBytes;
      const container = await this.docker.createContainer({
        Image: RUNNER_IMAGE,
        Cmd: ['/app/prog', ...args],
        User: '65534:65534',
        WorkingDir: '/tmp',
        Env: ['HOME=/tmp', 'PATH=/app', 'USER=nobody'],
        Labels: { [CONTAINER_LABEL]: '1', [OWNER_LABEL]: String(process.pid) },
        AttachStdout: true,
        AttachStderr: true,
        // Without stdin the program reads EOF at once; with it, EOF once the run's bytes are read.
        AttachStdin: stdin,
        OpenStdin: stdin,
        StdinOnce: stdin,
        Tty: false,
        NetworkDisabled: true,
        HostConfig: {
          NetworkMode: 'none',
          Memory: limits.memoryBytes,
          MemorySwap: limits.memoryBytes,
          NanoCpus: Math.round(limits.cpus * 1e9),
          PidsLimit: limits.pids,
          ReadonlyRootfs: true,
          CapDrop: ['ALL'],
          SecurityOpt: ['no-new-privileges:true'],
          Tmpfs: { '/tmp': `rw,noexec,nosuid,nodev,size=${DOCKER_DEFAULTS.tmpfsBytes}` },
          Ulimits: [
            { Name: 'nofile', Soft: DOCKER_DEFAULTS.nofile, Hard: DOCKER_DEFAULTS.nofile },
            { Name: 'fsize', Soft: fsize, Hard: fsize },
          ],
          LogConfig: { Type: 'none', Config: {} },
          Binds: [`${dir}:/app:ro`, ...traceBinds],
          AutoRemove: false,
          Privileged: false,
          IpcMode: 'private',
          Init: false,
        },
      });
      this.live.add(container.id);
      return { container, dir, key: limitsKey(limits), ...(traceDir ? { traceDir } : {}) };
    } catch (err) {
      await rm(dir, { recursive: true, force: true });
      throw err;
    }
  }

  private async discard(spare: Spare): Promise<void> {
    await spare.container.remove({ force: true, v: true }).catch(() => undefined);
    this.live.delete(spare.container.id);
    await rm(spare.dir, { recursive: true, force: true }).catch(() => undefined);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const spares = [...this.spares.values()];
    this.spares.clear();
    await Promise.all(spares.map((s) => s.then((x) => this.discard(x), () => undefined)));
    await Promise.all([...this.live].map((id) => this.docker.getContainer(id).remove({ force: true }).catch(() => undefined)));
    this.live.clear();
  }
}

/** Reads what the program left in its writable files: regular files only, at most the cap each. */
async function readTraceFiles(dir: string, trace: DockerTraceFiles): Promise<{ files: { name: string; bytes: Uint8Array }[]; truncated: boolean }> {
  const files: { name: string; bytes: Uint8Array }[] = [];
  let truncated = false;
  for (const name of trace.names) {
    let handle;
    try {
      handle = await open(join(dir, name), constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch {
      continue;
    }
    try {
      const st = await handle.stat();
      if (!st.isFile()) continue;
      const size = Math.min(st.size, trace.capBytes);
      if (st.size >= trace.capBytes) truncated = true;
      const bytes = new Uint8Array(size);
      let at = 0;
      while (at < size) {
        const { bytesRead } = await handle.read(bytes, at, size - at, at);
        if (bytesRead === 0) break;
        at += bytesRead;
      }
      files.push({ name, bytes: bytes.subarray(0, at) });
    } finally {
      await handle.close();
    }
  }
  return { files, truncated };
}

function limitsKey(l: DockerLimits): string {
  return `${l.memoryBytes}/${l.cpus}/${l.pids}`;
}

/** Docker's multiplexed attach stream: 8-byte headers [stream, 0, 0, 0, size (BE u32)], then the payload. */
export class Demuxer {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly onFrame: (stream: OutputStream, payload: Uint8Array) => void) {}

  push(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 8) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + size) break;
      const type = this.pending[0];
      const payload = this.pending.subarray(8, 8 + size);
      this.pending = this.pending.subarray(8 + size);
      if (type === 1 || type === 2) this.onFrame(type === 2 ? 'stderr' : 'stdout', payload);
    }
  }
}

/** Removes containers and folders of Gopherlab processes that are gone (a crash, a kill -9). */
export async function sweepContainers(docker: Docker): Promise<number> {
  const list = await docker.listContainers({ all: true, filters: { label: [CONTAINER_LABEL] } });
  let removed = 0;
  for (const c of list) {
    const pid = Number(c.Labels?.[OWNER_LABEL]);
    if (pid === process.pid || (pid > 0 && isAlive(pid))) continue;
    await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
    removed++;
  }
  return removed;
}

