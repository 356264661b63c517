// The WASM sandbox, main-thread side: check and patch the module, run it in a fresh worker under
// our WASI host, stream its output, and end it — by its own exit, at the output cap, at the
// wall-clock limit or on cancel — always from outside the guest.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { OutputStream } from '../../../../shared/run';
import type { SpanRecorder } from '../../pipeline/spans';
import { createOutputBuffer, OutputReader } from './output-buffer';
import type { RunMessage, WorkerMessage } from './protocol';
import { patchMemoryMaximum, validateWasiImports, WasmMemoryError, WasmValidationError } from './wasm-binary';

export type WasmOutcomeKind = 'exit' | 'timeout' | 'output-limit' | 'canceled' | 'trap' | 'memory-limit' | 'invalid';

export interface WasmOutcome {
  kind: WasmOutcomeKind;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  truncated: boolean;
  /** For trap, memory-limit and invalid: what went wrong. */
  detail?: string;
  /** Runs with a `dir`: its files as the guest left them at exit (none when it did not exit). */
  files?: { name: string; bytes: Uint8Array }[];
  /** The directory's byte cap was reached: a write was refused or cut. */
  filesTruncated?: boolean;
}

export interface WasmRunOptions {
  wasm: Uint8Array;
  timeoutMs: number;
  memoryBytes: number;
  outputBytes: number;
  args?: string[];
  env?: string[];
  signal?: AbortSignal;
  spans: SpanRecorder;
  onOutput?: (stream: OutputStream, text: string) => void;
  /** sha256 of `wasm` when known: the compiled module is kept for the next run of the same artifact. */
  artifact?: string;
  /** The artifact's module from `compiled()`: used as is, and `wasm` may then be empty. */
  compiled?: WebAssembly.Module;
  /** Traced and test runs only: one writable in-memory directory for the guest (/trace, /tmp), capped in bytes. */
  dir?: { path: string; capBytes: number };
  /** The guest's stdin: these bytes, then EOF. Absent: EOF at once. */
  stdin?: Uint8Array;
}

export const TRUNCATION_NOTE = '\n... [truncated]\n';
const DRAIN_INTERVAL_MS = 15;

export function wasiWorkerPath(): string {
  if (process.env.GOPHERLAB_WASI_WORKER) return process.env.GOPHERLAB_WASI_WORKER;
  if (process.env.GOPHERLAB_BUNDLED === '1') return join(__dirname, 'wasi-worker.cjs');
  // Running from source (tests, tsx): use the built bundle of the repo this file lives in.
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'dist', 'node', 'wasi-worker.cjs');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error('dist/node/wasi-worker.cjs not found: run `npm run build` first');
}

/** Keeps one worker started ahead of time so a run does not wait for a thread to boot. */
export class WorkerPool {
  private spare: Promise<Worker> | null = null;
  private readonly live = new Set<Worker>();
  private disposed = false;

  /** keepSpare: start the next worker as soon as one is taken (a long-lived process). */
  constructor(private readonly options: { keepSpare: boolean } = { keepSpare: true }) {}

  take(): Promise<Worker> {
    const next = this.spare ?? this.spawn();
    this.spare = null;
    if (this.options.keepSpare) {
      // Start the next one while this run goes on.
      queueMicrotask(() => {
        if (!this.disposed && !this.spare) this.spare = this.spawn();
      });
    }
    return next;
  }

  /** Starts the spare worker now (e.g. while a build runs). */
  warm(): void {
    if (!this.disposed && !this.spare) this.spare = this.spawn();
  }

  release(worker: Worker): Promise<void> {
    this.live.delete(worker);
    return terminate(worker);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const spare = this.spare;
    this.spare = null;
    if (spare) this.live.add(await spare.catch(() => null as never));
    await Promise.all([...this.live].filter(Boolean).map((w) => terminate(w)));
    this.live.clear();
  }

  private spawn(): Promise<Worker> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(wasiWorkerPath(), {
        // Node heap limits for the worker's own JS; WebAssembly memory is bounded by the patch.
        resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 },
        stdout: true,
        stderr: true,
        // Inherit no flags from the host process (loaders, --inspect): the worker runs one file.
        execArgv: [],
      });
      worker.unref();
      this.live.add(worker);
      const onError = (err: Error) => {
        this.live.delete(worker);
        reject(err);
      };
      worker.once('error', onError);
      worker.once('message', (m: WorkerMessage) => {
        worker.off('error', onError);
        if (m.type === 'ready') resolve(worker);
        else reject(new Error(`unexpected first message from the WASI worker: ${m.type}`));
      });
    });
  }
}

async function terminate(worker: Worker): Promise<void> {
  // terminate() interrupts running wasm and Atomics.wait; bound the wait anyway.
  await Promise.race([worker.terminate().catch(() => undefined), new Promise((r) => setTimeout(r, 2000).unref())]);
}

/** Compiled modules kept for reruns; each holds its machine code (a few MB for a small program). */
const MODULE_CACHE_SIZE = 4;

export class WasmSandbox {
  /** By artifact hash and memory limit (the limit is patched into the module), least recently used first. */
  private readonly modules = new Map<string, WebAssembly.Module>();

  constructor(private readonly pool: WorkerPool) {}

  /** The module of an artifact that ran before with this memory limit, while it is kept. */
  compiled(artifact: string, memoryBytes: number): WebAssembly.Module | undefined {
    return this.modules.get(`${artifact}:${memoryBytes}`);
  }

  async run(o: WasmRunOptions): Promise<WasmOutcome> {
    const empty = { stdout: '', stderr: '', truncated: false, exitCode: null };

    let module: WebAssembly.Module;
    const moduleKey = o.artifact ? `${o.artifact}:${o.memoryBytes}` : null;
    // A module is checked and compiled once, then instantiated by each run (a fresh instance each time).
    const known = o.compiled ?? (moduleKey ? this.modules.get(moduleKey) : undefined);
    try {
      const patched = known ? null : o.spans.stageSync('validate', () => {
        validateWasiImports(o.wasm);
        return patchMemoryMaximum(o.wasm, o.memoryBytes);
      });
      module = await o.spans.stage('compile-wasm', () => known ?? WebAssembly.compile(patched!), known ? { cached: true } : undefined);
      if (moduleKey) {
        this.modules.delete(moduleKey);
        this.modules.set(moduleKey, module);
        for (const oldest of this.modules.keys()) if (this.modules.size > MODULE_CACHE_SIZE) this.modules.delete(oldest);
      }
    } catch (err) {
      if (err instanceof WasmMemoryError) return { ...empty, kind: 'memory-limit', detail: err.message };
      if (err instanceof WasmValidationError) return { ...empty, kind: 'invalid', detail: err.message };
      throw err;
    }
    if (o.signal?.aborted) return { ...empty, kind: 'canceled' };

    const output = createOutputBuffer(o.outputBytes);
    const reader = new OutputReader(output);
    const decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
    const text = { stdout: '', stderr: '' };
    let lastStream: OutputStream = 'stdout';
    const emit = (stream: OutputStream, s: string) => {
      if (s === '') return;
      text[stream] += s;
      lastStream = stream;
      o.onOutput?.(stream, s);
    };
    const drain = () => {
      for (const chunk of reader.drain()) {
        const stream = chunk.fd === 2 ? 'stderr' : 'stdout';
        emit(stream, decoders[stream].decode(chunk.bytes, { stream: true }));
      }
    };

    const worker = await o.spans.stage('start-worker', () => this.pool.take());
    const instantiateStart = performance.now();
    let executeStart = 0;

    type End = { kind: WasmOutcomeKind; exitCode: number | null; detail?: string };
    let files: Extract<WorkerMessage, { type: 'files' }> | null = null;
    const end = await new Promise<End>((resolve) => {
      let settled = false;
      const finish = (e: End) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearInterval(ticker);
        o.signal?.removeEventListener('abort', onAbort);
        worker.removeAllListeners('message');
        worker.removeAllListeners('error');
        worker.removeAllListeners('exit');
        resolve(e);
      };
      const timer = setTimeout(() => finish({ kind: 'timeout', exitCode: null }), o.timeoutMs);
      const ticker = setInterval(drain, DRAIN_INTERVAL_MS);
      const onAbort = () => finish({ kind: 'canceled', exitCode: null });
      o.signal?.addEventListener('abort', onAbort, { once: true });

      worker.on('message', (m: WorkerMessage) => {
        switch (m.type) {
          case 'started':
            executeStart = performance.now();
            o.spans.record('instantiate', instantiateStart, executeStart);
            break;
          case 'files':
            files = m;
            break;
          case 'exit':
            finish({ kind: 'exit', exitCode: m.code });
            break;
          case 'output-limit':
            finish({ kind: 'output-limit', exitCode: null });
            break;
          case 'trap':
            finish({ kind: isOutOfMemory(m.message) ? 'memory-limit' : 'trap', exitCode: null, detail: m.message });
            break;
          case 'instantiate-error':
            finish({
              kind: isOutOfMemory(m.message) ? 'memory-limit' : 'invalid',
              exitCode: null,
              detail: m.message,
            });
            break;
          default:
            break;
        }
      });
      worker.on('error', (err) =>
        finish({ kind: isOutOfMemory(err.message) ? 'memory-limit' : 'trap', exitCode: null, detail: err.message }),
      );
      worker.on('exit', () => finish({ kind: 'trap', exitCode: null, detail: 'the sandbox worker stopped unexpectedly' }));

      const message: RunMessage = {
        type: 'run',
        module,
        output,
        args: o.args ?? ['prog.wasm'],
        env: o.env ?? [],
        ...(o.dir ? { dir: o.dir } : {}),
        ...(o.stdin ? { stdin: o.stdin } : {}),
      };
      worker.postMessage(message);
    });

    const ended = performance.now();
    if (executeStart === 0) o.spans.record('instantiate', instantiateStart, ended);
    else o.spans.record('execute', executeStart, ended);

    // The worker may still be running (timeout, cancel): stop it before the last drain.
    await o.spans.stage('teardown', async () => {
      await this.pool.release(worker);
      drain();
      emit('stdout', decoders.stdout.decode());
      emit('stderr', decoders.stderr.decode());
    });

    const truncated = reader.truncated;
    if (truncated) {
      // Say so where the cut happened, so the last visible line is not mistaken for the end.
      emit(lastStream, TRUNCATION_NOTE);
    }
    const kind: WasmOutcomeKind = truncated && end.kind !== 'timeout' && end.kind !== 'canceled' ? 'output-limit' : end.kind;
    const collected = files as Extract<WorkerMessage, { type: 'files' }> | null;
    return {
      kind,
      exitCode: end.exitCode,
      stdout: text.stdout,
      stderr: text.stderr,
      truncated,
      ...(end.detail ? { detail: end.detail } : {}),
      ...(collected ? { files: collected.files, filesTruncated: collected.truncated } : {}),
    };
  }
}

function isOutOfMemory(message: string): boolean {
  return /out of memory|Cannot allocate Wasm memory|Array buffer allocation failed/i.test(message);
}
