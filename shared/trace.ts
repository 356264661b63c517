// A Go execution trace, parsed: what the trace timeline draws. Times are nanoseconds from the
// trace's first event. Produced by the core's trace parser for every trace format (Go 1.11 on).
import { z } from 'zod';

export const TraceFrameSchema = z.object({ fn: z.string(), file: z.string(), line: z.number().int() });
export type TraceFrame = z.infer<typeof TraceFrameSchema>;

/** What a goroutine was doing: on a P, ready for one, blocked (waiting, with a reason), or in a syscall. */
export const GoStateSchema = z.enum(['running', 'runnable', 'waiting', 'syscall']);
export type GoState = z.infer<typeof GoStateSchema>;

export const GoroutineSchema = z.object({
  id: z.number().int(),
  /** The goroutine's start function (e.g. "main.worker"), or "" when the trace does not say. */
  name: z.string(),
  /** Runtime-internal goroutines (GC workers, the finalizer…), as `go tool trace` tells them apart. */
  system: z.boolean(),
  parent: z.number().int().nullable(),
  createdNs: z.number().nullable(),
  endNs: z.number().nullable(),
  /** Where it was created (`go` statement), innermost frame first; empty when the trace lacks it. */
  creationStack: z.array(TraceFrameSchema),
  states: z.array(
    z.object({
      state: GoStateSchema,
      startNs: z.number(),
      endNs: z.number(),
      /** Why it waited: "chan receive", "sleep", "sync", "GC assist"… */
      reason: z.string().optional(),
    }),
  ),
});
export type TraceGoroutine = z.infer<typeof GoroutineSchema>;

export const TraceRangeSchema = z.object({ name: z.string(), startNs: z.number(), endNs: z.number() });
export type TraceRange = z.infer<typeof TraceRangeSchema>;

export const TraceTimelineSchema = z.object({
  /** The trace's header version, e.g. "go 1.21" or "go 1.23". */
  format: z.string(),
  durationNs: z.number(),
  /** One lane per P: which goroutine ran on it, when. */
  procs: z.array(
    z.object({
      id: z.number().int(),
      slices: z.array(z.object({ g: z.number().int(), startNs: z.number(), endNs: z.number() })),
    }),
  ),
  goroutines: z.array(GoroutineSchema),
  /** Garbage collections (whole cycles). */
  gc: z.array(TraceRangeSchema),
  /** Stop-the-world pauses, named by their reason. */
  stw: z.array(TraceRangeSchema),
  /** runtime/trace user annotations. */
  tasks: z.array(z.object({ id: z.number(), parent: z.number().nullable(), name: z.string(), startNs: z.number(), endNs: z.number().nullable() })),
  regions: z.array(z.object({ g: z.number().int(), task: z.number().nullable(), name: z.string(), startNs: z.number(), endNs: z.number() })),
  logs: z.array(z.object({ g: z.number().int(), task: z.number().nullable(), timeNs: z.number(), category: z.string(), message: z.string() })),
  /** Heap in use over time, when the trace records it. */
  heap: z.array(z.object({ timeNs: z.number(), bytes: z.number() })),
  /** True when the trace was too large and the parser kept only its start. */
  truncated: z.boolean(),
});
export type TraceTimeline = z.infer<typeof TraceTimelineSchema>;
