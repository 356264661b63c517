// Version drift: matrix runs and bisects, as the contract carries them.
import { z } from 'zod';
import { RunLimitsSchema, RunResultSchema, RunStatusSchema, SandboxModeSchema } from './run';

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const Version = z.string().regex(/^(go)?\d+\.\d+(\.\d+)?((rc|beta)\d+)?$/, 'a Go release looks like go1.22.3');
const ModeOrAuto = z.union([SandboxModeSchema, z.literal('auto')]);

export const MatrixAxisSchema = z.enum(['toolchain', 'language']);
export type MatrixAxis = z.infer<typeof MatrixAxisSchema>;

export const MatrixRequestSchema = z.object({
  matrixId: Id,
  source: z.string().max(4 * 1024 * 1024),
  /** toolchain axis: releases (go1.22.3); language axis: go lines (1.21, 1.22). */
  values: z.array(z.string().regex(/^(go)?\d+\.\d+(\.\d+)?((rc|beta)\d+)?$/)).min(1).max(64),
  axis: MatrixAxisSchema,
  /** language axis: the toolchain that stays fixed (default: the default toolchain). */
  toolchain: z.string().max(4096).optional(),
  /** 'auto': WASM where the release has wasip1 (Go ≥ 1.21), Docker otherwise. */
  mode: ModeOrAuto.optional(),
  limits: RunLimitsSchema.partial().optional(),
  /** Install releases that are not installed yet (progress comes as sdk.progress). */
  install: z.boolean().optional(),
});
export type MatrixRequest = z.infer<typeof MatrixRequestSchema>;

export const BehaviourSchema = z.object({
  status: RunStatusSchema,
  exitCode: z.number().nullable(),
  stdout: z.string(),
  stderr: z.string(),
  compile: z.string(),
});

export const BehaviourClassSchema = z.object({
  id: z.string(),
  key: z.string(),
  behaviour: BehaviourSchema,
  members: z.array(z.string()),
  label: z.string(),
});
export type BehaviourClassInfo = z.infer<typeof BehaviourClassSchema>;

export const MatrixCellSchema = z.object({
  value: z.string(),
  toolchain: z.string().nullable(),
  goLine: z.string().nullable(),
  mode: SandboxModeSchema,
  result: RunResultSchema,
  classId: z.string(),
  note: z.string().optional(),
});
export type MatrixCellInfo = z.infer<typeof MatrixCellSchema>;

export const MatrixResultSchema = z.object({
  matrixId: Id,
  axis: MatrixAxisSchema,
  cells: z.array(MatrixCellSchema),
  classes: z.array(BehaviourClassSchema),
  wallMs: z.number(),
});
export type MatrixResultInfo = z.infer<typeof MatrixResultSchema>;

export const ExpectationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('stdout-equals'), value: z.string() }),
  z.object({ kind: z.literal('stdout-contains'), value: z.string() }),
  z.object({ kind: z.literal('stdout-matches'), pattern: z.string().max(1000) }),
  z.object({ kind: z.literal('exit-code'), code: z.number().int() }),
  z.object({ kind: z.literal('compiles'), compiles: z.boolean() }),
  z.object({ kind: z.literal('same-as'), version: Version }),
  z.object({
    kind: z.literal('bench'),
    name: z.string().regex(/^Benchmark\w*$/),
    metric: z.enum(['ns/op', 'B/op', 'allocs/op']),
    above: z.number().optional(),
    below: z.number().optional(),
  }),
]);
export type ExpectationInfo = z.infer<typeof ExpectationSchema>;

export const BisectRequestSchema = z.object({
  bisectId: Id,
  source: z.string().max(4 * 1024 * 1024),
  good: Version,
  bad: Version,
  expect: ExpectationSchema,
  stableOnly: z.boolean().optional(),
  minor: z.string().regex(/^\d+\.\d+$/).optional(),
  mode: ModeOrAuto.optional(),
  limits: RunLimitsSchema.partial().optional(),
  benchCount: z.number().int().min(1).max(20).optional(),
});
export type BisectRequestInfo = z.infer<typeof BisectRequestSchema>;

export const BisectStepSchema = z.object({
  index: z.number(),
  version: z.string(),
  mode: SandboxModeSchema,
  verdict: z.enum(['new', 'old', 'skip']),
  result: z.string(),
  ms: z.number(),
  note: z.string().optional(),
});
export type BisectStepInfo = z.infer<typeof BisectStepSchema>;

export const BisectReportSchema = z.object({
  bisectId: Id,
  first: z.string().nullable(),
  last: z.string().nullable(),
  candidates: z.array(z.string()).optional(),
  steps: z.array(BisectStepSchema),
  builds: z.number(),
  releases: z.number(),
  notes: z.string().nullable(),
  error: z.string().optional(),
  wallMs: z.number(),
});
export type BisectReportInfo = z.infer<typeof BisectReportSchema>;

/** A curated snippet that shows a real change between releases. */
export const DriftExampleSchema = z.object({
  id: z.string(),
  title: z.string(),
  source: z.string(),
  /** The first release with the new behaviour. */
  changesIn: z.string(),
  /** The axis the change lives on: a toolchain/library change, or a language (go line) change. */
  axis: MatrixAxisSchema,
  why: z.string(),
  /** A release before the change and one after, to bisect between. */
  good: z.string(),
  bad: z.string(),
  expect: ExpectationSchema,
});
export type DriftExample = z.infer<typeof DriftExampleSchema>;

/** Performance drift: benchmarks on each release, several runs each. */
export const BenchDriftRequestSchema = z.object({
  id: Id,
  source: z.string().max(4 * 1024 * 1024),
  versions: z.array(Version).min(1).max(32),
  /** Which benchmarks (a -test.bench pattern); default: all. */
  bench: z.string().max(200).optional(),
  /** Runs per release (-test.count); the median is reported. */
  count: z.number().int().min(1).max(20).optional(),
  benchtime: z.string().regex(/^\d+(\.\d+)?(x|ns|us|µs|ms|s)$/).optional(),
  mode: ModeOrAuto.optional(),
  timeoutMs: z.number().int().min(1000).max(600_000).optional(),
});
export type BenchDriftRequest = z.infer<typeof BenchDriftRequestSchema>;

const Stat = z.object({ median: z.number(), spread: z.number() }).nullable();
export const BenchStatsSchema = z.object({ name: z.string(), runs: z.number(), nsPerOp: Stat, bytesPerOp: Stat, allocsPerOp: Stat });
export type BenchStats = z.infer<typeof BenchStatsSchema>;

export const BenchDriftResultSchema = z.object({
  id: Id,
  releases: z.array(z.object({ version: z.string(), mode: SandboxModeSchema, stats: z.array(BenchStatsSchema), error: z.string().optional() })),
  /** From one release to the next: relative change of the median, the noise it is judged against. */
  changes: z.array(
    z.object({ name: z.string(), from: z.string(), to: z.string(), metric: z.literal('ns/op'), delta: z.number(), noise: z.number(), significant: z.boolean() }),
  ),
  wallMs: z.number(),
});
export type BenchDriftResult = z.infer<typeof BenchDriftResultSchema>;
