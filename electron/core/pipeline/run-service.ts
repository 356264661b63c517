// The run pipeline: resolve SDK → write files → compile → validate → sandbox → result. Every stage
// is a span; every way a run can end maps to one status from the closed set and a message that
// says what to do next.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DEFAULT_LIMITS,
  RunRequestSchema,
  type CacheInfo,
  type Diagnostic,
  type OutputStream,
  type ParsedRunRequest,
  type RunLimits,
  type RunRequest,
  type RunResult,
  type RunStatus,
  type Span,
  type TraceRef,
} from '../../../shared/run';
import type { Toolchain } from '../../../shared/toolchain';
import { parseTxtar, type SnippetFile } from '../../../shared/txtar';
import { buildEnv, goBinary, moduleProxy, type BuildEnvOptions, type Target } from '../sdk/go-env';
import { goVet } from '../tools/go-vet';
import { hostPlatform } from '../sdk/proxy';
import type { DockerOutcome, DockerSandbox } from '../sandbox/docker/docker-sandbox';
import { DOCKER_DEFAULTS, type DockerLimits } from '../sandbox/docker/docker-limits';
import type { DockerService } from '../sandbox/docker/docker-service';
import { SdkMissingError, type ToolchainRegistry } from '../sdk/registry';
import { languageVersion, supportsBuildVcsFlag, supportsWasip1 } from '../sdk/version';
import { WasmSandbox, WorkerPool, type WasmOutcome } from '../sandbox/wasm/wasm-sandbox';
import { directBuild, planDirectBuild, readImports, StdIndexCache, type StdIndex } from './direct-build';
import { BUILD_MEMORY_BYTES, buildRanOutOfMemory } from './build-limits';
import { goBuild, parseDiagnostics, type GoBuildResult } from './go-build';
import { parseTestOutput, testBinaryArgs, type BenchmarkRun, type TestOutcome } from './test-output';
import { asTestProgram, declaresBenchmarks, unrenameFiles } from './test-detect';
import { parseSnippet, RejectedInputError } from './guards';
import { SpanRecorder } from './spans';
import { createWorkDir, writeSnippet, type WorkDir } from './workdir';
import { cacheKey, type CacheKey } from '../cache/cache-key';
import type { CacheHit, CompileCache } from '../cache/compile-cache';
import { captureTrace, TRACE_CAP_BYTES } from '../trace/capture';
import { instrumentForTrace, traceTestArgs, TRACE_DIR, TRACE_DONE_FILE, TRACE_FILE, type Instrumented } from '../trace/instrument';
import { TraceStore } from '../trace/trace-store';

export interface RunListeners {
  onOutput?: (stream: OutputStream, data: string) => void;
  onStage?: (span: Span) => void;
}

export interface RunServiceOptions {
  toolchains: ToolchainRegistry;
  /** Wall-clock limit of a build; a compile bomb ends here. */
  buildTimeoutMs?: number;
  /**
   * A one-shot process (the CLI) runs once and exits: it keeps no spare worker and starts no
   * background work; when the standard-library index is missing it says so through
   * `onStdIndexMissing` (the CLI prepares it in a detached process for next time).
   */
  oneShot?: boolean;
  /** Where to look for a container engine (DOCKER_HOST…); defaults to the process environment. */
  dockerEnv?: NodeJS.ProcessEnv;
  onStdIndexMissing?: (toolchain: Toolchain) => void;
  /** Successful builds are kept here by their inputs; a rerun of the same inputs skips the compile. */
  cache?: CompileCache;
  /**
   * Whether builds may download modules, read at each run: the proxy to use (null: only what the
   * module cache already holds), or null when downloads are off (GOPROXY=off).
   */
  modules?: () => { proxy: string | null } | null;
}

const WASM_TARGET: Target = { goos: 'wasip1', goarch: 'wasm' };

function dockerLimits(l: RunLimits): DockerLimits {
  return {
    timeoutMs: l.timeoutMs,
    memoryBytes: l.memoryBytes,
    outputBytes: l.outputBytes,
    cpus: l.cpus ?? DOCKER_DEFAULTS.cpus,
    pids: l.pids ?? DOCKER_DEFAULTS.pids,
  };
}

/** The guest's own view of the world: a name and a tiny environment, nothing of the host's. */
const GUEST_ARGS = ['prog'];
const GUEST_ENV = ['HOME=/home/gopher', 'USER=gopher', 'PATH=/usr/local/go/bin:/usr/bin:/bin'];

export class RunService {
  private readonly pool: WorkerPool;
  private readonly sandbox: WasmSandbox;
  private readonly active = new Map<string, AbortController>();
  private readonly stdIndex = new StdIndexCache();
  /** Runs whose ids match one of these are canceled as they start (a canceled matrix or bisect). */
  private readonly cancelMatchers = new Set<(runId: string) => boolean>();
  /** The Docker client is loaded on first use: a WASM-only process (the CLI) never pays for it. */
  private dockerService: Promise<DockerService> | null = null;
  private readonly buildTimeoutMs: number;
  /** The compile cache's verdict for each run that reached the build, for its result. */
  private readonly cacheInfo = new WeakMap<ParsedRunRequest, CacheInfo>();
  /** go vet's findings for each run that asked for them as warnings, for its result. */
  private readonly vetFindings = new WeakMap<ParsedRunRequest, Diagnostic[]>();
  private traces: TraceStore | null = null;

  constructor(private readonly options: RunServiceOptions) {
    this.buildTimeoutMs = options.buildTimeoutMs ?? 120_000;
    this.pool = new WorkerPool({ keepSpare: !options.oneShot });

    this.sandbox = new WasmSandbox(this.pool);
  }

  /**
   * Readies a toolchain for fast runs: its standard library compiled for the sandbox target and
   * indexed for the direct build. A long-lived process calls this at start, in the background.
   */
  async prepare(tc: Toolchain, target: Target = WASM_TARGET, opts: { background?: boolean } = {}): Promise<void> {
    if (target.goos === 'wasip1' && !supportsWasip1(tc.version)) return;
    await mkdir(this.options.toolchains.dataDir, { recursive: true });
    await this.options.toolchains.prewarm(tc, target, opts);
    if (this.options.toolchains.isRetired(tc.goroot)) return;
    await this.stdIndex.get(this.indexRequest(tc, target));
  }

  /** Sandbox availability, for the UI. */
  async sandboxStatus(refresh = false) {
    return (await this.docker()).status(refresh);
  }

  private docker(): Promise<DockerService> {
    this.dockerService ??= import('../sandbox/docker/docker-service').then((m) => new m.DockerService(this.options.dockerEnv));
    return this.dockerService;
  }

  private indexRequest(tc: Toolchain, target: Target) {
    const goCache = this.options.toolchains.goCacheFor(tc);
    const dataDir = this.options.toolchains.dataDir;
    return { toolchain: tc, target, goCache, env: buildEnv({ toolchain: tc, goCache, dataDir, target }), cwd: dataDir };
  }

  /** When `signal` aborts, cancels every run (now or later) whose id matches; returns a stopper. */
  cancelWhere(match: (runId: string) => boolean, signal: AbortSignal): () => void {
    const onAbort = () => {
      for (const [id, c] of this.active) if (match(id)) c.abort();
      this.cancelMatchers.add(match);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    return () => {
      signal.removeEventListener('abort', onAbort);
      this.cancelMatchers.delete(match);
    };
  }

  /** Whether a run with this id is going on. */
  isActive(runId: string): boolean {
    return this.active.has(runId);
  }

  cancel(runId: string): boolean {
    const controller = this.active.get(runId);
    if (!controller) return false;
    controller.abort();
    return true;
  }

  async dispose(): Promise<void> {
    for (const c of this.active.values()) c.abort();
    await Promise.all([this.pool.dispose(), this.dockerService?.then((d) => d.dispose())]);
  }

  /** Runs one request to its end. Never throws: every failure is a status. */
  async run(input: RunRequest, listeners: RunListeners = {}, origin = performance.now()): Promise<RunResult> {
    const spans = new SpanRecorder(origin, listeners.onStage);
    const parsed = RunRequestSchema.safeParse(input);
    if (!parsed.success) {
      const why = parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
      const runId = typeof (input as { runId?: unknown })?.runId === 'string' ? String((input as { runId: string }).runId).slice(0, 64) : 'invalid';
      return this.result({ runId, source: '', mode: 'wasm' } as ParsedRunRequest, spans, null, { status: 'rejected', message: `the run request is invalid (${why})` });
    }
    const request: ParsedRunRequest = parsed.data;
    if (request.trace && request.faketime) {
      return this.result(request, spans, null, {
        status: 'rejected',
        message: 'a trace needs the real clock and faketime replaces it: turn off faketime to trace, or tracing to use faketime',
      });
    }
    const limits: RunLimits = { ...DEFAULT_LIMITS, ...request.limits };
    const controller = new AbortController();
    if (this.active.has(request.runId)) {
      return this.result(request, spans, null, {
        status: 'rejected',
        message: `a run with id ${request.runId} is already going; use a new id for each run`,
      });
    }
    this.active.set(request.runId, controller);
    for (const match of this.cancelMatchers) if (match(request.runId)) controller.abort();
    if (controller.signal.aborted) {
      this.active.delete(request.runId);
      return this.result(request, spans, null, { status: 'canceled', message: 'the run was stopped' });
    }
    let workDir: WorkDir | null = null;
    let toolchain: Toolchain | null = null;
    try {
      // No version chosen for the run: a `toolchain` line in the snippet's go.mod pins one.
      const pinned = request.go ? null : pinnedToolchain(request.source);
      try {
        toolchain = await spans.stage('sdk-resolve', () => this.options.toolchains.resolve(request.go || pinned || undefined));
      } catch (err) {
        if (err instanceof SdkMissingError) {
          const message = pinned
            ? `the snippet's go.mod pins toolchain ${pinned}, which is not installed: install it, pick a version for the tab, or remove the toolchain line`
            : err.message;
          return this.result(request, spans, null, { status: 'sdk-missing', message });
        }
        throw err;
      }
      const tc = toolchain;
      const inDocker = request.mode === 'docker';
      let dockerSandbox: DockerSandbox | null = null;
      let target: Target = WASM_TARGET;
      if (inDocker) {
        const ready = await spans.stage('engine', async () => (await this.docker()).get());
        if (!ready.sandbox) {
          return this.result(request, spans, tc, { status: 'sandbox-unavailable', message: ready.status.error ?? 'no container engine answers' });
        }
        dockerSandbox = ready.sandbox;
        target = { goos: 'linux', goarch: ready.status.arch ?? hostPlatform().goarch };
        // The container for this run is created while the build runs.
        dockerSandbox.warm(dockerLimits(limits));
      } else {
        if (!supportsWasip1(tc.version)) {
          return this.result(request, spans, tc, {
            status: 'sandbox-unavailable',
            message: `${tc.version} cannot build for the WASM sandbox (GOOS=wasip1 needs Go 1.21 or newer); pick Go 1.21 or newer, or run it in Docker mode`,
          });
        }
        if (request.faketime) {
          return this.result(request, spans, tc, {
            status: 'rejected',
            message: 'faketime runs in Docker mode (Go cannot sleep under faketime on WASM); switch the mode to Docker',
          });
        }
        // Boot the sandbox's worker while the build runs (off this tick, so no stage pays for it).
        setImmediate(() => this.pool.warm());
      }
      let snippet;
      try {
        snippet = await spans.stage('write-files', async () => {
          const parsed = parseSnippet(request.source);
          workDir = await createWorkDir();
          let files = parsed.files.map((f) => (f.name === 'go.mod' && request.goLine ? { ...f, content: withGoLine(f.content, request.goLine) } : f));
          if (!files.some((f) => f.name === 'go.mod')) {
            files.push({ name: 'go.mod', content: `module play\n\ngo ${request.goLine ?? languageVersion(tc.version)}\n`, startLine: 0 });
          }
          // A package main of tests and no main() runs as go test: its tests go in _test.go files.
          const asTests = asTestProgram(files);
          if (asTests) files = asTests.files;
          // Traced runs: the program as instrumented is what gets written, built and cached.
          const traced = request.trace ? instrumentForTrace(files, request.test !== undefined) : null;
          if (traced) files = traced.files;
          await writeSnippet(workDir.src, files);
          // What was written, go.mod included: the build plans from exactly these files.
          return { files, traced, renamed: asTests?.renamed ?? null };
        });
      } catch (err) {
        if (err instanceof RejectedInputError) {
          const diagnostics: Diagnostic[] = err.file
            ? [{ file: err.file, line: Math.max(1, err.line ?? 1), column: 1, message: err.message, severity: 'error' }]
            : [];
          return this.result(request, spans, tc, { status: 'rejected', message: err.message, diagnostics });
        }
        throw err;
      }
      const dir = workDir as unknown as WorkDir;

      const outPath = join(dir.root, inDocker ? 'prog' : 'prog.wasm');
      const files = snippet.files;
      const traced = snippet.traced;
      const tags = request.faketime ? ['-tags=faketime'] : [];
      // A snippet with tests runs as `go test`: the test binary, with -test.v and what was asked.
      const testMode = request.test !== undefined || files.some((f) => f.name.endsWith('_test.go'));
      // Asked to, a test run also runs the snippet's benchmarks (as go test -bench=.).
      const allBenchmarks = request.runBenchmarks === true && !request.test?.bench && testMode && declaresBenchmarks(files);
      const testOptions = { ...request.test, ...(allBenchmarks ? { bench: '.' } : {}) };
      const guestArgs = testMode ? testBinaryArgs(testOptions) : [];
      if (traced?.via === 'test-flag') guestArgs.push(...traceTestArgs());
      // Before the cache lookup: a cached artifact is no reason to skip vet's findings.
      const stopped = await this.vet(request, tc, dir, target, tags, controller.signal, spans, snippet.renamed);
      if (stopped) return this.result(request, spans, tc, stopped);
      const lookup = this.options.cache
        ? await spans.stage(
            'cache-lookup',
            async () => {
              // WASM: an artifact whose module is still compiled in memory is not read again (the
              // module is taken here, so another run cannot push it out of the sandbox's cache).
              let module: WebAssembly.Module | undefined;
              const held = inDocker ? undefined : (artifact: string) => (module = this.sandbox.compiled(artifact, limits.memoryBytes)) !== undefined;
              const found = await this.cacheLookup(request, { files, toolchain: tc, target, tags, test: testMode }, held);
              // Docker runs the binary from the run's folder (it is mounted into the container).
              if (found.hit && inDocker) await writeFile(outPath, found.hit.bytes!, { mode: 0o755 });
              return { ...found, module: found.hit && !found.hit.bytes ? module : undefined };
            },
            (l) => ({ hit: l.hit !== null, key: l.key.key.slice(0, 12) }),
          )
        : null;
      const cached = lookup?.hit ?? null;
      const built = cached ? null : await spans.stage(
        'compile',
        () => this.build(tc, files, dir, outPath, controller.signal, target, tags, testMode),
        (b) => ({ files: files.length, builder: b.builder, target: `${target.goos}/${target.goarch}`, ...(testMode ? { test: true } : {}) }),
      );
      // Errors name the files as the user wrote them, not as they were built.
      const renamed = snippet.renamed;
      const build = built && renamed ? { ...built, log: unrenameFiles(built.log, renamed) } : built;
      if (build?.canceled) return this.result(request, spans, tc, { status: 'canceled', message: 'the run was stopped', buildOutput: build.log });
      if (build?.timedOut) {
        return this.result(request, spans, tc, {
          status: 'timeout',
          message: `the build took longer than ${Math.round(this.buildTimeoutMs / 1000)} s and was stopped; is there a huge constant or generated code?`,
          buildOutput: build.log,
        });
      }
      if (build && !build.ok && buildRanOutOfMemory(build.log)) {
        return this.result(request, spans, tc, {
          status: 'memory-limit',
          message: `the build needed more than the ${mib(BUILD_MEMORY_BYTES)} the compiler may use; is there a huge constant or array?`,
          buildOutput: build.log,
        });
      }
      if (build && !build.ok) {
        const diagnostics = parseDiagnostics(build.log);
        return this.result(request, spans, tc, {
          status: 'compile-error',
          message: compileMessage(build.log, diagnostics),
          buildOutput: build.log,
          diagnostics,
        });
      }

      // The program's input, not the build's: it never reaches the cache key.
      const stdin = request.stdin ? new TextEncoder().encode(request.stdin) : undefined;
      let artifact = cached?.artifact;
      if (lookup && !cached && inDocker) artifact = await this.cacheStore(spans, lookup.key, () => readFile(outPath));

      if (dockerSandbox) {
        const outcome = await dockerSandbox.run({
          binary: outPath,
          args: guestArgs,
          ...(stdin ? { stdin } : {}),
          limits: dockerLimits(limits),
          faketime: request.faketime === true,
          signal: controller.signal,
          spans,
          ...(listeners.onOutput ? { onOutput: listeners.onOutput } : {}),
          ...(traced ? { trace: { mount: TRACE_DIR, names: [TRACE_FILE, TRACE_DONE_FILE], capBytes: TRACE_CAP_BYTES } } : {}),
        });
        const verdict = withTests(classifyDocker(outcome, limits), outcome, testMode);
        return this.result(request, spans, tc, await this.withTrace(verdict, request.runId, traced, outcome, spans), outcome);
      }

      const compiled = lookup?.module;
      const wasm = cached ? (cached.bytes ?? new Uint8Array(0)) : await spans.stage('read-artifact', () => readFile(outPath));
      if (lookup && !cached) artifact = await this.cacheStore(spans, lookup.key, wasm);
      // wasip1 has no pipes: a test binary captures each example's output in a temp file, so a
      // test run gets a small /tmp in memory (a traced one uses its trace folder as TMPDIR).
      const guestDir = traced ? { path: TRACE_DIR, capBytes: TRACE_CAP_BYTES } : testMode ? { path: '/tmp', capBytes: limits.outputBytes } : null;
      const outcome = await this.sandbox.run({
        wasm,
        timeoutMs: limits.timeoutMs,
        memoryBytes: limits.memoryBytes,
        outputBytes: limits.outputBytes,
        args: [...GUEST_ARGS, ...guestArgs],
        env: traced && testMode ? [...GUEST_ENV, `TMPDIR=${TRACE_DIR}`] : GUEST_ENV,
        ...(stdin ? { stdin } : {}),
        signal: controller.signal,
        spans,
        ...(listeners.onOutput ? { onOutput: listeners.onOutput } : {}),
        ...(artifact ? { artifact } : {}),
        ...(compiled ? { compiled } : {}),
        ...(guestDir ? { dir: guestDir } : {}),
      });
      const verdict = withTests(classify(outcome, limits), outcome, testMode);
      return this.result(request, spans, tc, await this.withTrace(verdict, request.runId, traced, outcome, spans), outcome);
    } catch (err) {
      return this.result(request, spans, toolchain, {
        status: 'internal-error',
        message: `Gopherlab failed: ${err instanceof Error ? err.message : String(err)}. The next run starts fresh; please report this if it repeats.`,
      });
    } finally {
      this.active.delete(request.runId);
      const dir = workDir as WorkDir | null;
      if (dir) void dir.dispose().catch(() => undefined);
    }
  }

  /** go vet, when the request asks: findings are kept for the result, or end the run when they block. */
  private async vet(
    request: ParsedRunRequest,
    tc: Toolchain,
    dir: WorkDir,
    target: Target,
    tags: string[],
    signal: AbortSignal,
    spans: SpanRecorder,
    renamed: ReadonlyMap<string, string> | null,
  ): Promise<Verdict | null> {
    const mode = request.vet ?? 'off';
    if (mode === 'off') return null;
    const env = buildEnv({ toolchain: tc, goCache: this.options.toolchains.goCacheFor(tc), dataDir: dir.root, target, ...this.moduleEnv() });
    const vet = await spans.stage(
      'vet',
      () => goVet({ goBin: goBinary(tc.goroot), cwd: dir.src, env, flags: tags, timeoutMs: this.buildTimeoutMs, signal }),
      (v) => ({ findings: v.findings.length, checked: v.checked }),
    );
    if (vet.canceled) return { status: 'canceled', message: 'the run was stopped' };
    // Vet that could not finish (a compile error, a timeout) leaves the verdict to the build.
    if (vet.findings.length === 0) return null;
    // Findings name the files as the user wrote them, not as they were built.
    const findings = vet.findings.map((d) => ({ ...d, file: renamed?.get(d.file) ?? d.file }));
    if (mode === 'warn') {
      this.vetFindings.set(request, findings);
      return null;
    }
    const first = findings[0]!;
    const n = findings.length;
    return {
      status: 'vet-error',
      message: `go vet found ${n} possible mistake${n > 1 ? 's' : ''}, first ${first.file}:${first.line}:${first.column}: ${first.message}; fix ${n > 1 ? 'them' : 'it'}, or let vet only warn (turn off "vet blocks the run")`,
      buildOutput: findings.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`).join('\n'),
      diagnostics: findings.map((d) => ({ ...d, severity: 'error' as const })),
    };
  }

  /** A kept module cache and a GOPROXY when the user turned module downloads on; nothing (GOPROXY=off) otherwise. */
  private moduleEnv(): Pick<BuildEnvOptions, 'goproxy' | 'goModCache'> {
    const modules = this.options.modules?.();
    if (!modules) return {};
    const goModCache = join(this.options.toolchains.dataDir, 'modcache');
    return { goproxy: moduleProxy(modules.proxy, goModCache), goModCache };
  }

  /** Traced runs: keeps the trace the program wrote (or says why there is none) in the verdict. */
  private async withTrace(
    verdict: Verdict,
    runId: string,
    traced: Instrumented | null,
    outcome: { files?: { name: string; bytes: Uint8Array }[]; filesTruncated?: boolean },
    spans: SpanRecorder,
  ): Promise<Verdict> {
    if (!traced) return verdict;
    this.traces ??= new TraceStore(this.options.toolchains.dataDir);
    const store = this.traces;
    const trace = await spans.stage(
      'trace-capture',
      () => captureTrace(store, { runId, via: traced.via, status: verdict.status, ...(outcome.files ? { files: outcome.files } : {}), ...(outcome.filesTruncated ? { filesTruncated: true } : {}) }),
      (t) => ({ bytes: t.bytes, ...(t.format ? { format: t.format } : {}) }),
    );
    return { ...verdict, trace };
  }

  /** The compile cache's key for this build, and its artifact when it has one. */
  private async cacheLookup(
    request: ParsedRunRequest,
    b: { files: SnippetFile[]; toolchain: Toolchain; target: Target; tags: string[]; test: boolean },
    held?: (artifact: string) => boolean,
  ): Promise<{ key: CacheKey; hit: CacheHit | null }> {
    const key = await cacheKey({
      ...b,
      mode: request.mode,
      trace: request.trace === true,
      flags: stripped(b.target) ? STRIP_FLAGS : [],
      ...(request.goLine ? { goLine: request.goLine } : {}),
    });
    const hit = await this.options.cache!.lookup(key.key, held ? { held } : {});
    this.cacheInfo.set(request, { hit: hit !== null, key: key.key, inputs: key.inputs });
    return { key, hit };
  }

  /** Keeps a successful build; returns the artifact's hash. A cache that cannot store never fails the run. */
  private async cacheStore(spans: SpanRecorder, key: CacheKey, bytes: Uint8Array | (() => Promise<Uint8Array>)): Promise<string | undefined> {
    const cache = this.options.cache!;
    const r = await spans.stage(
      'cache-store',
      async () => {
        try {
          return await cache.store(key.key, typeof bytes === 'function' ? await bytes() : bytes, key.inputs);
        } catch (err) {
          return { stored: false, artifact: undefined, reason: err instanceof Error ? err.message : String(err) };
        }
      },
      (r) => ({ stored: r.stored, ...(r.reason ? { reason: r.reason } : {}) }),
    );
    return r.artifact;
  }

  /** The direct compile+link fast path when it applies, `go build` otherwise. */
  private async build(
    tc: Toolchain,
    files: SnippetFile[],
    dir: WorkDir,
    output: string,
    signal: AbortSignal,
    target: Target,
    tags: string[],
    testMode = false,
  ): Promise<GoBuildResult & { builder: string }> {
    const indexRequest = this.indexRequest(tc, target);
    const { goCache } = indexRequest;
    // Native binaries link a third faster without the symbol table and DWARF (nobody debugs a
    // sandboxed run; panics and runtime.Caller use pclntab, which stays). WASM has neither.
    const strip = stripped(target);
    const env = buildEnv({ toolchain: tc, goCache, dataDir: dir.root, target, ...this.moduleEnv() });
    let std: StdIndex | null = null;
    if (tags.length === 0 && !testMode) {
      // Build tags change the standard library itself (faketime changes the runtime), and test
      // binaries need the go command's test main: those go to go build / go test. The index is
      // only read here, never computed: computing it builds the whole standard library, which
      // `prepare` does for the toolchains the user works with (not for every release a bisect visits).
      std = this.stdIndex.stored(indexRequest);
      if (!std && this.options.oneShot) this.options.onStdIndexMissing?.(tc);
    }
    const plan = std ? planDirectBuild(files, tc, std) : null;
    if (std && plan) {
      const direct = await directBuild({
        toolchain: tc,
        plan,
        std,
        src: dir.src,
        outDir: dir.root,
        output,
        target,
        env,
        timeoutMs: this.buildTimeoutMs,
        signal,
        ...(strip ? { linkFlags: STRIP_FLAGS } : {}),
      });
      if (direct.outcome !== 'fallback') {
        return {
          ok: direct.outcome === 'ok',
          log: direct.log,
          timedOut: direct.outcome === 'timeout',
          canceled: direct.outcome === 'canceled',
          builder: 'direct',
        };
      }
      this.stdIndex.invalidate(indexRequest);
    }
    const result = await goBuild({
      goBin: goBinary(tc.goroot),
      cwd: dir.src,
      env,
      output,
      timeoutMs: this.buildTimeoutMs,
      signal,
      extraArgs: [...tags, ...(strip ? [`-ldflags=${STRIP_FLAGS.join(' ')}`] : [])],
      command: testMode ? 'test' : 'build',
      buildVcsFlag: supportsBuildVcsFlag(tc.version),
    });
    if (result.ok && !testMode && tags.length === 0 && !this.options.oneShot) {
      // go build has just compiled what this snippet imports: index it for the next run.
      const imports = stdImportsOf(files);
      if (imports) void this.stdIndex.extend(indexRequest, imports);
    }
    return { ...result, builder: testMode ? 'go test -c' : 'go build' };
  }

  private result(
    request: ParsedRunRequest,
    spans: SpanRecorder,
    toolchain: Toolchain | null,
    verdict: Verdict,
    outcome?: WasmOutcome | DockerOutcome,
  ): RunResult {
    const totalMs = spans.finish();
    return {
      runId: request.runId,
      status: verdict.status,
      exitCode: verdict.exitCode ?? null,
      stdout: outcome?.stdout ?? '',
      stderr: outcome?.stderr ?? '',
      truncated: outcome?.truncated ?? false,
      message: verdict.message,
      buildOutput: verdict.buildOutput ?? '',
      diagnostics: [...(verdict.diagnostics ?? []), ...(this.vetFindings.get(request) ?? [])],
      ...(verdict.panic ? { panic: verdict.panic } : {}),
      ...(verdict.tests ? { tests: verdict.tests } : {}),
      ...(verdict.benchmarks ? { benchmarks: verdict.benchmarks } : {}),
      ...(outcome && 'signal' in outcome && outcome.signal ? { signal: outcome.signal } : {}),
      ...(outcome && 'events' in outcome && outcome.events ? { replay: outcome.events } : {}),
      ...(verdict.trace ? { trace: verdict.trace } : {}),
      ...(this.cacheInfo.has(request) ? { cache: this.cacheInfo.get(request)! } : {}),
      go: toolchain ? { version: toolchain.version, goroot: toolchain.goroot } : null,
      mode: request.mode,
      spans: spans.spans,
      totalMs,
    };
  }
}

interface Verdict {
  tests?: TestOutcome[];
  benchmarks?: BenchmarkRun[];
  status: RunStatus;
  message: string;
  exitCode?: number | null;
  buildOutput?: string;
  diagnostics?: Diagnostic[];
  panic?: { message: string };
  trace?: TraceRef;
}

const STRIP_FLAGS = ['-s', '-w'];

/** Native binaries are linked without symbol table and DWARF (see build). */
function stripped(target: Target): boolean {
  return target.goos !== 'wasip1';
}

function mib(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** Maps how the sandbox ended to a status; exported for tests. */
export function classify(o: WasmOutcome, limits: RunLimits): Verdict {
  switch (o.kind) {
    case 'timeout':
      return {
        status: 'timeout',
        message: `the program ran longer than the ${seconds(limits.timeoutMs)} time limit and was stopped; look for an endless loop, a long sleep or a blocked read, or raise the limit`,
      };
    case 'canceled':
      return { status: 'canceled', message: 'the run was stopped' };
    case 'output-limit':
      return {
        status: 'output-limit',
        message: `the program wrote more than the ${mib(limits.outputBytes)} output limit and was stopped; print less, or raise the limit`,
      };
    case 'memory-limit':
      return {
        status: 'memory-limit',
        message: `the program needed more than the ${mib(limits.memoryBytes)} memory limit${o.detail ? ` (${o.detail})` : ''}; use less memory, or raise the limit`,
      };
    case 'invalid':
      return { status: 'rejected', message: `the WASM sandbox refused the program: ${o.detail ?? 'invalid module'}` };
    case 'trap':
      return {
        status: 'runtime-panic',
        message: `the program crashed in the sandbox: ${o.detail ?? 'unknown trap'}`,
        panic: { message: `wasm trap: ${o.detail ?? 'unknown'}` },
      };
    case 'exit': {
      const code = o.exitCode ?? 0;
      if (code === 0) return { status: 'ok', exitCode: 0, message: '' };
      if (/^fatal error: out of memory|^runtime: out of memory/m.test(o.stderr)) {
        return {
          status: 'memory-limit',
          exitCode: code,
          message: `the program needed more than the ${mib(limits.memoryBytes)} memory limit; use less memory, or raise the limit`,
        };
      }
      const panic = panicMessage(o.stderr);
      if (code === 2 && panic) {
        return { status: 'runtime-panic', exitCode: code, message: `the program panicked: ${panic}`, panic: { message: panic } };
      }
      return { status: 'exit', exitCode: code, message: `the program exited with status ${code}` };
    }
  }
}

/** A test binary's run: its per-test outcomes and benchmarks, and failed tests named. */
function withTests(v: Verdict, o: { stdout: string }, testMode: boolean): Verdict {
  if (!testMode) return v;
  const { tests, benchmarks } = parseTestOutput(o.stdout);
  const failed = tests.filter((t) => t.outcome === 'fail').map((t) => t.name);
  const message = v.status === 'exit' && v.exitCode === 1 && failed.length > 0 ? `${failed.length} test${failed.length > 1 ? 's' : ''} failed: ${failed.join(', ')}` : v.message;
  return { ...v, message, tests, benchmarks };
}

/** Sets (or adds) the go line of a go.mod. */
export function withGoLine(goMod: string, goLine: string): string {
  if (/^\s*go\s+\S+/m.test(goMod)) return goMod.replace(/^(\s*)go\s+\S+/m, `$1go ${goLine}`);
  return `${goMod.replace(/\n*$/, '\n')}\ngo ${goLine}\n`;
}

/** Maps how a container ended to a status. */
export function classifyDocker(o: DockerOutcome, limits: RunLimits): Verdict {
  switch (o.kind) {
    case 'timeout':
    case 'canceled':
    case 'output-limit':
      return classify({ ...o, kind: o.kind }, limits);
    case 'memory-limit':
      return {
        status: 'memory-limit',
        exitCode: o.exitCode,
        message: `the program needed more than the ${mib(limits.memoryBytes)} memory limit and the kernel stopped it (out of memory); use less memory, or raise the limit`,
      };
    case 'error':
      return { status: 'internal-error', message: `the container failed: ${o.detail ?? 'unknown error'}; the next run starts fresh` };
    case 'exit': {
      if (o.signal) {
        return { status: 'exit', exitCode: o.exitCode, message: `the program was killed by ${o.signal} (exit status ${o.exitCode})` };
      }
      return classify({ ...o, kind: 'exit' }, limits);
    }
  }
}

/** The standard-library imports of a snippet's Go files, or null when one cannot be read. */
function stdImportsOf(files: SnippetFile[]): string[] | null {
  const out = new Set<string>();
  for (const f of files) {
    if (!f.name.endsWith('.go')) continue;
    const imports = readImports(f.content);
    if (!imports) return null;
    for (const i of imports) if (i !== 'C' && i !== 'unsafe' && !i.split('/')[0]!.includes('.')) out.add(i);
  }
  return [...out];
}

/** The toolchain a snippet's go.mod pins with a `toolchain goX.Y.Z` line, if any. */
export function pinnedToolchain(source: string): string | null {
  const goMod = parseTxtar(source).files.find((f) => f.name === 'go.mod');
  const m = goMod && /^\s*toolchain\s+(go\d+\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?)\s*(?:\/\/.*)?$/m.exec(goMod.content);
  return m?.[1] ?? null;
}

/** The first panic or fatal error Go's runtime printed, when it printed its goroutine dump. */
export function panicMessage(stderr: string): string | null {
  if (!/\ngoroutine \d+ \[|^goroutine \d+ \[|\[signal /m.test(stderr) && !/^fatal error: |^SIG[A-Z]+: .*\nPC=/m.test(stderr)) return null;
  const panic = /^panic: ([\s\S]*?)(?:\n\n|\ngoroutine \d+ \[|\n\[signal |$)/m.exec(stderr);
  if (panic?.[1]) return panic[1].replace(/ \[recovered\]$/, '').trim();
  const fatal = /^fatal error: (.*)$/m.exec(stderr);
  if (fatal?.[1]) return `fatal error: ${fatal[1].trim()}`;
  // A signal the runtime could not turn into a panic: "SIGSEGV: segmentation violation".
  const sig = /^(SIG[A-Z]+: .*)$/m.exec(stderr);
  if (sig?.[1]) return sig[1].trim();
  return null;
}

function compileMessage(log: string, diagnostics: Diagnostic[]): string {
  if (/GOPROXY=off|module lookup disabled/.test(log)) {
    return 'the program needs a module that is not in the standard library and module downloads are off: turn on module downloads in the settings, or use only the standard library';
  }
  if (diagnostics.length > 0) {
    const first = diagnostics[0]!;
    const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : '';
    return `the program did not compile: ${first.file}:${first.line}:${first.column}: ${first.message}${more}`;
  }
  const firstLine = log.split('\n').find((l) => l.trim() !== '' && !l.startsWith('#')) ?? 'go build failed';
  return `the program did not compile: ${firstLine.trim()}`;
}
