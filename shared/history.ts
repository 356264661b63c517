// The latency history: one entry per finished run, persisted by the core across restarts, from
// which the latency panel computes p50/p95 per stage and per mode.
import { z } from 'zod';
import { RunIdSchema, RunStatusSchema, SandboxModeSchema } from './run';

export const HistoryEntrySchema = z.object({
  runId: RunIdSchema,
  /** When the run finished (Unix ms). */
  at: z.number(),
  mode: SandboxModeSchema,
  /** The Go release that ran it; empty when the run never resolved one. */
  go: z.string(),
  status: RunStatusSchema,
  totalMs: z.number(),
  /** Whether the compile cache had the artifact; absent when the run never reached the build. */
  cacheHit: z.boolean().optional(),
  traced: z.boolean().optional(),
  /** The run's stage durations, in pipeline order (a stage that ran twice appears twice). */
  stages: z.array(z.object({ name: z.string(), durationMs: z.number() })),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** How many entries the core keeps; older ones are dropped. */
export const HISTORY_LIMIT = 1000;
