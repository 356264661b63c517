// After a traced run: keep the trace the program wrote, or say in one sentence why there is none.
import type { RunStatus, TraceRef } from '../../../shared/run';
import { TRACE_DONE_CONTENT, TRACE_DONE_FILE, TRACE_FILE, type Instrumented } from './instrument';
import { traceFormat, type TraceStore } from './trace-store';

/** The most a traced run may write into its trace (both sandboxes). */
export const TRACE_CAP_BYTES = 64 * 1024 * 1024;

export interface TraceCaptureInput {
  runId: string;
  via: Instrumented['via'];
  /** What the sandbox collected from the guest's trace directory (absent when it did not exit). */
  files?: { name: string; bytes: Uint8Array }[];
  filesTruncated?: boolean;
  status: RunStatus;
}

export async function captureTrace(store: TraceStore, o: TraceCaptureInput): Promise<TraceRef> {
  const none = (error: string): TraceRef => ({ id: o.runId, bytes: 0, format: '', error });
  if (o.via === 'none') return none('there is no package main to trace: a traced run needs a program with func main, or tests');
  const trace = o.files?.find((f) => f.name === TRACE_FILE)?.bytes;
  const done = o.files?.find((f) => f.name === TRACE_DONE_FILE)?.bytes;
  const complete = o.via === 'test-flag' ? (trace?.length ?? 0) > 0 : done !== undefined && new TextDecoder().decode(done) === TRACE_DONE_CONTENT;
  if (!trace || !complete) return none(whyMissing(o));
  const format = traceFormat(trace);
  if (!format) return none('the trace file the program left is not a Go execution trace (did the program write to it?)');
  await store.save(o.runId, trace);
  return { id: o.runId, bytes: trace.length, format };
}

function whyMissing(o: TraceCaptureInput): string {
  switch (o.status) {
    case 'timeout':
    case 'canceled':
    case 'output-limit':
    case 'memory-limit':
      return `the program was stopped (${o.status}) before the trace was written; the trace is flushed when main returns`;
    case 'runtime-panic':
      return 'the program crashed before the trace was written (a panic outside main or a fatal error skips the trace.Stop that flushes it)';
    default:
      if (o.via === 'test-flag') return 'the test binary exited before writing the trace (os.Exit in a test or TestMain, or a crash); let the tests return instead';
      return 'the program exited via os.Exit before the trace was written; return from main instead';
  }
}
