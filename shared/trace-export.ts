// A run as Chrome trace-event JSON (what Perfetto and chrome://tracing open): the pipeline's
// stages in one process, the parsed Go execution trace in another, placed where the program ran.
// Pure: the renderer's export button and the CLI both call it.
import type { Span } from './run';
import type { TraceTimeline } from './trace';

/** One trace event (the JSON Object Format of the Trace Event Format). Times are in µs. */
export interface ChromeTraceEvent {
  name: string;
  /** X: complete (ts+dur), i: instant, C: counter, b/e: async begin/end, M: metadata. */
  ph: 'X' | 'i' | 'C' | 'b' | 'e' | 'M';
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  cat?: string;
  /** Instant events: the scope they are drawn across (thread). */
  s?: 't';
  /** Async events: which begin an end belongs to. */
  id?: string;
  args?: Record<string, unknown>;
}

export interface ChromeTrace {
  traceEvents: ChromeTraceEvent[];
  displayTimeUnit: 'ns';
}

export const PIPELINE_PID = 1;
export const GO_PID = 2;

// Thread ids of the Go runtime process: P lanes first, then the global lanes, then goroutines.
const P_TID = 1;
const GC_TID = 10_000;
const STW_TID = 10_001;
const HEAP_TID = 10_002;
const TASK_TID = 10_003;
const G_TID = 100_000;
const REGION_TID = 1_000_000;
/** Span times are rounded to µs on their own: neighbours may overlap by this much. */
const ROUNDING_US = 5;

/**
 * The run's pipeline spans (ms from the run's start) and, when there is one, its Go trace (ns
 * from the trace's first event, which is placed at the start of the `execute` span).
 */
export function toChromeTrace(spans: Span[], timeline: TraceTimeline | null): ChromeTrace {
  const events: ChromeTraceEvent[] = [];
  const meta = (pid: number, tid: number, name: string, sort: number) => {
    events.push({ name: 'thread_name', ph: 'M', ts: 0, pid, tid, args: { name } });
    events.push({ name: 'thread_sort_index', ph: 'M', ts: 0, pid, tid, args: { sort_index: sort } });
  };
  const process = (pid: number, name: string) => {
    events.push({ name: 'process_name', ph: 'M', ts: 0, pid, tid: 0, args: { name } });
    events.push({ name: 'process_sort_index', ph: 'M', ts: 0, pid, tid: 0, args: { sort_index: pid } });
  };

  process(PIPELINE_PID, 'pipeline');
  // Stages are back to back, but rounding makes neighbours overlap by a µs or so: such a stage
  // starts where the last one ended; one that really overlaps goes to another lane, so every lane
  // nests properly.
  const lanes: number[] = [];
  for (const s of [...spans].sort((a, b) => a.startMs - b.startMs)) {
    const end = us((s.startMs + Math.max(0, s.durationMs)) * 1000);
    let start = us(s.startMs * 1000);
    let lane = lanes.findIndex((laneEnd) => laneEnd <= start + ROUNDING_US);
    if (lane < 0) lane = lanes.push(0) - 1;
    start = Math.min(end, Math.max(start, lanes[lane]!));
    lanes[lane] = end;
    events.push({ name: s.name, cat: 'stage', ph: 'X', ts: start, dur: end - start, pid: PIPELINE_PID, tid: lane + 1, ...(s.attrs ? { args: { ...s.attrs } } : {}) });
  }
  lanes.forEach((_, i) => meta(PIPELINE_PID, i + 1, i === 0 ? 'stages' : `stages (${i + 1})`, i));

  if (!timeline) return { traceEvents: events, displayTimeUnit: 'ns' };

  const execute = spans.find((s) => s.name === 'execute');
  const originUs = execute ? execute.startMs * 1000 : 0;
  const at = (ns: number) => us(originUs + ns / 1000);
  const complete = (name: string, cat: string, tid: number, startNs: number, endNs: number, args?: Record<string, unknown>) => {
    const ts = at(startNs);
    events.push({ name, cat, ph: 'X', ts, dur: Math.max(0, at(Math.max(startNs, endNs)) - ts), pid: GO_PID, tid, ...(args ? { args } : {}) });
  };

  process(GO_PID, `Go runtime (${timeline.format}${timeline.truncated ? ', truncated' : ''})`);
  const names = new Map(timeline.goroutines.map((g) => [g.id, g.name]));
  const gLabel = (id: number) => `G${id}${names.get(id) ? ` ${names.get(id)}` : ''}`;

  for (const p of timeline.procs) {
    meta(GO_PID, P_TID + p.id, `P${p.id}`, p.id);
    for (const s of p.slices) complete(gLabel(s.g), 'proc', P_TID + p.id, s.startNs, s.endNs, { g: s.g });
  }
  meta(GO_PID, GC_TID, 'GC', GC_TID);
  for (const r of timeline.gc) complete(r.name, 'gc', GC_TID, r.startNs, r.endNs);
  meta(GO_PID, STW_TID, 'STW', STW_TID);
  for (const r of timeline.stw) complete(`STW: ${r.name}`, 'stw', STW_TID, r.startNs, r.endNs, { reason: r.name });
  if (timeline.heap.length > 0) {
    meta(GO_PID, HEAP_TID, 'heap', HEAP_TID);
    for (const h of timeline.heap) events.push({ name: 'heap', cat: 'heap', ph: 'C', ts: at(h.timeNs), pid: GO_PID, tid: HEAP_TID, args: { bytes: h.bytes } });
  }
  if (timeline.tasks.length > 0) {
    // Tasks may overlap without nesting: async events, one track per task.
    meta(GO_PID, TASK_TID, 'tasks', TASK_TID);
    for (const t of timeline.tasks) {
      const id = String(t.id);
      const args = { task: t.id, parent: t.parent };
      events.push({ name: t.name || `task ${t.id}`, cat: 'task', ph: 'b', id, ts: at(t.startNs), pid: GO_PID, tid: TASK_TID, args });
      events.push({ name: t.name || `task ${t.id}`, cat: 'task', ph: 'e', id, ts: at(Math.max(t.startNs, t.endNs ?? timeline.durationNs)), pid: GO_PID, tid: TASK_TID, args });
    }
  }

  // User goroutines first, then the runtime's own.
  const goroutines = [...timeline.goroutines].sort((a, b) => Number(a.system) - Number(b.system) || a.id - b.id);
  goroutines.forEach((g, i) => {
    const tid = G_TID + g.id;
    meta(GO_PID, tid, `${gLabel(g.id)}${g.system ? ' (runtime)' : ''}`, G_TID + i);
    for (const s of g.states) complete(s.reason ? `${s.state} (${s.reason})` : s.state, 'goroutine', tid, s.startNs, s.endNs, s.reason ? { reason: s.reason } : undefined);
  });
  const regionTids = new Set<number>();
  for (const r of timeline.regions) {
    const tid = REGION_TID + r.g;
    if (!regionTids.has(tid)) {
      regionTids.add(tid);
      meta(GO_PID, tid, `${gLabel(r.g)} regions`, G_TID + goroutines.findIndex((g) => g.id === r.g) + 0.5);
    }
    complete(r.name, 'region', tid, r.startNs, r.endNs, { g: r.g, task: r.task });
  }
  const declared = new Set(timeline.goroutines.map((g) => G_TID + g.id));
  for (const l of timeline.logs) {
    const tid = G_TID + l.g;
    if (!declared.has(tid)) {
      declared.add(tid);
      meta(GO_PID, tid, gLabel(l.g), G_TID + timeline.goroutines.length);
    }
    events.push({
      name: l.category ? `${l.category}: ${l.message}` : l.message,
      cat: 'log',
      ph: 'i',
      s: 't',
      ts: at(l.timeNs),
      pid: GO_PID,
      tid,
      args: { category: l.category, message: l.message, task: l.task },
    });
  }
  return { traceEvents: events, displayTimeUnit: 'ns' };
}

/** µs with ns precision (three decimals), so the JSON stays exact and short. */
function us(x: number): number {
  return Math.round(x * 1000) / 1000;
}
