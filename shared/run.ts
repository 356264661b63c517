// Domain types of a run: what the renderer asks for and what the core answers.
import { z } from 'zod';

/** The closed set of run outcomes. Each has its own colour in the UI and its own CLI exit code. */
export const RUN_STATUSES = [
  'ok',
  'exit',
  'compile-error',
  'vet-error',
  'runtime-panic',
  'timeout',
  'memory-limit',
  'output-limit',
  'canceled',
  'rejected',
  'sandbox-unavailable',
  'sdk-missing',
  'internal-error',
] as const;
export const RunStatusSchema = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof RunStatusSchema>;

export const SANDBOX_MODES = ['wasm', 'docker'] as const;
export const SandboxModeSchema = z.enum(SANDBOX_MODES);
export type SandboxMode = z.infer<typeof SandboxModeSchema>;

export const DEFAULT_LIMITS = {
  timeoutMs: 10_000,
  memoryBytes: 256 * 1024 * 1024,
  outputBytes: 1024 * 1024,
} as const;

/** Upper bounds a request may ask for; anything larger is refused by the schema. */
export const MAX_LIMITS = {
  timeoutMs: 10 * 60_000,
  memoryBytes: 4 * 1024 * 1024 * 1024 - 64 * 1024,
  outputBytes: 64 * 1024 * 1024,
} as const;

export const RunLimitsSchema = z.object({
  timeoutMs: z.number().int().min(100).max(MAX_LIMITS.timeoutMs),
  memoryBytes: z.number().int().min(16 * 1024 * 1024).max(MAX_LIMITS.memoryBytes),
  outputBytes: z.number().int().min(1024).max(MAX_LIMITS.outputBytes),
  /** Docker: CPUs the container may use (default 1). */
  cpus: z.number().min(0.1).max(16).optional(),
  /** Docker: processes and threads the container may have (default 64). */
  pids: z.number().int().min(8).max(4096).optional(),
});
export type RunLimits = z.infer<typeof RunLimitsSchema>;

/** The most standard input a run takes (the CLI's --stdin; the UI's box holds less, see workspace). */
export const MAX_STDIN_CHARS = 8 * 1024 * 1024;

export const RunIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a run id is 1-64 letters, digits, _ or -');

export const RunRequestSchema = z.object({
  /** Chosen by the caller so it can listen for the run's events before the run starts. */
  runId: RunIdSchema,
  /** One Go file, or several in the Go Playground's txtar form. */
  source: z.string().max(4 * 1024 * 1024, 'the snippet is larger than 4 MiB'),
  /** A toolchain id, a version ("1.22.3", "go1.22.3"), a GOROOT or a path to a go binary. Empty: the default. */
  go: z.string().max(4096).optional(),
  mode: SandboxModeSchema.default('wasm'),
  limits: RunLimitsSchema.partial().optional(),
  /** Docker: build with -tags=faketime; sleeps are instant and the output comes with replay delays. */
  faketime: z.boolean().optional(),
  /** Overrides the go line of the snippet's go.mod (the language version), e.g. "1.21". */
  goLine: z.string().regex(/^\d+\.\d+(\.\d+)?$/).optional(),
  /**
   * Run as `go test`: tests, examples and benchmarks. Snippets with _test.go files run this way
   * on their own; this sets which ones run.
   */
  test: z
    .object({
      run: z.string().max(500).optional(),
      bench: z.string().max(500).optional(),
      count: z.number().int().min(1).max(50).optional(),
      benchtime: z.string().regex(/^\d+(\.\d+)?(x|ns|us|µs|ms|s)$/).optional(),
    })
    .optional(),
  /**
   * When the snippet runs as `go test` and `test` does not say which benchmarks: run them all too
   * (-bench=. -benchmem). The app's Run sets it; drift runs leave it off (timings split behaviours).
   */
  runBenchmarks: z.boolean().optional(),
  /**
   * Capture a Go execution trace of the program (runtime/trace): the result's `trace` names it and
   * `trace.get` returns its parsed timeline. Uses the real clock, so not with faketime.
   */
  trace: z.boolean().optional(),
  /**
   * The program's standard input: read to its end, then EOF. Absent: stdin is at EOF from the start.
   * Not part of the build (the compile cache ignores it).
   */
  stdin: z.string().max(MAX_STDIN_CHARS, 'stdin is larger than 8 MiB; give the program less input, or have it generate the data').optional(),
  /**
   * `go vet` before the build: 'warn' adds its findings as warning diagnostics and runs anyway,
   * 'block' stops the run with status vet-error. Absent: no vet.
   */
  vet: z.enum(['off', 'warn', 'block']).optional(),
});
export type RunRequest = z.input<typeof RunRequestSchema>;
export type ParsedRunRequest = z.output<typeof RunRequestSchema>;

export const SpanSchema = z.object({
  name: z.string(),
  startMs: z.number(),
  durationMs: z.number(),
  attrs: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type Span = z.infer<typeof SpanSchema>;

export const DiagnosticSchema = z.object({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
});
export type Diagnostic = z.infer<typeof DiagnosticSchema>;

export const GoInfoSchema = z.object({ version: z.string(), goroot: z.string() });
export type GoInfo = z.infer<typeof GoInfoSchema>;

/** The compile cache's verdict for a run: a hit skipped the build. */
export const CacheInfoSchema = z.object({
  hit: z.boolean(),
  /** The cache key: sha256 (hex) of the inputs below. */
  key: z.string(),
  /** What went into the key, for the run's details (e.g. sources hash, toolchain, target, flags). */
  inputs: z.record(z.string(), z.string()),
});
export type CacheInfo = z.infer<typeof CacheInfoSchema>;

/** A traced run's Go execution trace, stored by the core under this id (the run id). */
export const TraceRefSchema = z.object({
  id: RunIdSchema,
  /** Size of the raw trace file. 0 when no trace was written (see `error`). */
  bytes: z.number().int().min(0),
  /** The trace's header version, e.g. "go 1.22". */
  format: z.string(),
  /** Why there is no trace (e.g. the program called os.Exit, which ends it before the trace is flushed). */
  error: z.string().optional(),
});
export type TraceRef = z.infer<typeof TraceRefSchema>;

export const RunResultSchema = z.object({
  runId: RunIdSchema,
  status: RunStatusSchema,
  /** The program's exit code when it ran to an exit; null when it never started or was killed. */
  exitCode: z.number().int().nullable(),
  stdout: z.string(),
  stderr: z.string(),
  /** True when output was cut at the output limit. */
  truncated: z.boolean(),
  /** One sentence for the user: what happened and what to do next. Empty for a plain success. */
  message: z.string(),
  /** The compiler's own words, as `go build` printed them. */
  buildOutput: z.string(),
  diagnostics: z.array(DiagnosticSchema),
  panic: z.object({ message: z.string() }).optional(),
  /** The signal that ended the program when the sandbox did not (e.g. SIGKILL from kill(-1)). */
  signal: z.string().optional(),
  /** `go test` runs: each test's outcome, and each benchmark measurement. */
  tests: z.array(z.object({ name: z.string(), outcome: z.enum(['pass', 'fail', 'skip']), seconds: z.number() })).optional(),
  benchmarks: z
    .array(
      z.object({
        name: z.string(),
        procs: z.number(),
        iterations: z.number(),
        nsPerOp: z.number(),
        bytesPerOp: z.number().optional(),
        allocsPerOp: z.number().optional(),
      }),
    )
    .optional(),
  /** faketime runs: the output as timed writes, for a replay with the program's own delays. */
  replay: z.array(z.object({ stream: z.enum(['stdout', 'stderr']), data: z.string(), delayMs: z.number() })).optional(),
  /** Runs that reached the build: whether the compile cache had the artifact, and its key. */
  cache: CacheInfoSchema.optional(),
  /** Traced runs: the captured Go execution trace. */
  trace: TraceRefSchema.optional(),
  go: GoInfoSchema.nullable(),
  mode: SandboxModeSchema,
  spans: z.array(SpanSchema),
  totalMs: z.number(),
});
export type RunResult = z.infer<typeof RunResultSchema>;

export const OutputStreamSchema = z.enum(['stdout', 'stderr']);
export type OutputStream = z.infer<typeof OutputStreamSchema>;
