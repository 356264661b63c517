// The Chrome trace-event export, checked against what Perfetto and chrome://tracing require of
// the JSON object format: known phases, µs times, metadata naming every process and thread used,
// complete events that nest on each thread, async begin/end pairs that match.
import { describe, expect, it } from 'vitest';
import type { Span } from './run';
import type { TraceTimeline } from './trace';
import { GO_PID, PIPELINE_PID, toChromeTrace, type ChromeTrace, type ChromeTraceEvent } from './trace-export';

const spans: Span[] = [
  { name: 'sdk-resolve', startMs: 0, durationMs: 1.5 },
  { name: 'compile', startMs: 1.5, durationMs: 200.25, attrs: { builder: 'direct' } },
  // Overlaps compile: a stage that really ran beside it.
  { name: 'start-worker', startMs: 201.5, durationMs: 2 },
  { name: 'execute', startMs: 204, durationMs: 50 },
  // Rounding made this one start a µs before the previous ended.
  { name: 'trace-capture', startMs: 253.999, durationMs: 1 },
];

const timeline: TraceTimeline = {
  format: 'go 1.23',
  durationNs: 40_000_000,
  procs: [
    { id: 0, slices: [{ g: 1, startNs: 0, endNs: 1_000_000 }, { g: 7, startNs: 1_000_000, endNs: 5_000_000 }] },
    { id: 1, slices: [{ g: 8, startNs: 2_000_000, endNs: 3_000_500 }] },
  ],
  goroutines: [
    { id: 1, name: 'main.main', system: false, parent: null, createdNs: null, endNs: null, creationStack: [], states: [{ state: 'running', startNs: 0, endNs: 1_000_000 }, { state: 'waiting', startNs: 1_000_000, endNs: 40_000_000, reason: 'sync' }] },
    { id: 3, name: 'runtime.bgsweep', system: true, parent: null, createdNs: null, endNs: null, creationStack: [], states: [{ state: 'waiting', startNs: 0, endNs: 40_000_000, reason: 'GC sweep wait' }] },
    {
      id: 7,
      name: 'main.worker',
      system: false,
      parent: 1,
      createdNs: 900_000,
      endNs: 5_000_000,
      creationStack: [{ fn: 'main.main', file: 'play/prog.go', line: 24 }],
      states: [{ state: 'runnable', startNs: 900_000, endNs: 1_000_000 }, { state: 'running', startNs: 1_000_000, endNs: 5_000_000 }],
    },
    { id: 8, name: 'main.worker', system: false, parent: 1, createdNs: 950_000, endNs: 3_000_500, creationStack: [], states: [{ state: 'running', startNs: 2_000_000, endNs: 3_000_500 }] },
  ],
  gc: [{ name: 'GC', startNs: 6_000_000, endNs: 9_000_000 }],
  stw: [{ name: 'GC sweep termination', startNs: 6_000_000, endNs: 6_010_000 }],
  tasks: [
    { id: 1, parent: null, name: 'compute', startNs: 100, endNs: 39_000_000 },
    { id: 2, parent: 1, name: 'step', startNs: 200, endNs: null },
  ],
  regions: [
    { g: 1, task: 1, name: 'outer', startNs: 200, endNs: 900_000 },
    { g: 1, task: 1, name: 'inner', startNs: 300, endNs: 800_000 },
  ],
  logs: [
    { g: 1, task: 1, timeNs: 950_000, category: 'result', message: 'done' },
    { g: -1, task: null, timeNs: 960_000, category: '', message: 'no goroutine' },
  ],
  heap: [{ timeNs: 0, bytes: 1 << 20 }, { timeNs: 9_000_000, bytes: 1 << 19 }],
  truncated: false,
};

/** The structural rules a trace viewer applies on import; returns every violation found. */
function violations(trace: ChromeTrace): string[] {
  const problems: string[] = [];
  const named = new Set<string>();
  const processes = new Set<number>();
  for (const e of trace.traceEvents) {
    if (e.ph !== 'M') continue;
    if (e.name === 'thread_name') named.add(`${e.pid}/${e.tid}`);
    if (e.name === 'process_name') processes.add(e.pid);
    if (!['thread_name', 'thread_sort_index', 'process_name', 'process_sort_index'].includes(e.name)) problems.push(`unknown metadata ${e.name}`);
  }
  const byThread = new Map<string, ChromeTraceEvent[]>();
  const open = new Map<string, number>();
  for (const e of trace.traceEvents) {
    if (typeof e.name !== 'string' || !Number.isInteger(e.pid) || !Number.isInteger(e.tid)) problems.push(`bad identity: ${JSON.stringify(e)}`);
    if (!['X', 'i', 'C', 'b', 'e', 'M'].includes(e.ph)) problems.push(`unknown phase ${e.ph}`);
    if (!Number.isFinite(e.ts) || e.ts < 0) problems.push(`bad ts in ${e.name}: ${e.ts}`);
    if (e.ph === 'M') continue;
    if (!processes.has(e.pid)) problems.push(`pid ${e.pid} has no process_name`);
    if (!named.has(`${e.pid}/${e.tid}`)) problems.push(`thread ${e.pid}/${e.tid} of ${e.name} has no thread_name`);
    if (e.ph === 'X') {
      if (typeof e.dur !== 'number' || !(e.dur >= 0)) problems.push(`X event ${e.name} without a duration`);
      const key = `${e.pid}/${e.tid}`;
      byThread.set(key, [...(byThread.get(key) ?? []), e]);
    }
    if (e.ph === 'i' && e.s !== 't') problems.push(`instant ${e.name} without thread scope`);
    if (e.ph === 'C' && (typeof e.args !== 'object' || Object.values(e.args ?? {}).some((v) => typeof v !== 'number'))) problems.push(`counter ${e.name} with non-numeric args`);
    if (e.ph === 'b' || e.ph === 'e') {
      if (!e.id || !e.cat) problems.push(`async ${e.name} without id/cat`);
      const key = `${e.cat}/${e.id}`;
      if (e.ph === 'b') open.set(key, e.ts);
      else if (!open.has(key) || open.get(key)! > e.ts) problems.push(`async end ${key} without an earlier begin`);
      else open.delete(key);
    }
  }
  if (open.size > 0) problems.push(`async events never ended: ${[...open.keys()].join(', ')}`);
  // Complete events on one thread must nest: each either inside the enclosing one or after it.
  for (const [key, list] of byThread) {
    const sorted = [...list].sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    const stack: number[] = [];
    for (const e of sorted) {
      while (stack.length > 0 && stack[stack.length - 1]! <= e.ts + 1e-9) stack.pop();
      const end = e.ts + e.dur!;
      if (stack.length > 0 && end > stack[stack.length - 1]! + 1e-6) problems.push(`${key}: ${e.name} overlaps its enclosing event`);
      stack.push(end);
    }
  }
  return problems;
}

describe('toChromeTrace', () => {
  it('writes a trace Perfetto can import: named processes and threads, nested complete events', () => {
    const trace = toChromeTrace(spans, timeline);
    expect(trace.displayTimeUnit).toBe('ns');
    expect(violations(trace)).toEqual([]);
    // A JSON round trip keeps it whole (no undefined, no NaN).
    expect(JSON.parse(JSON.stringify(trace))).toEqual(trace);
  });

  it('puts the pipeline stages in µs in the pipeline process, on a second lane where they overlap', () => {
    const trace = toChromeTrace(spans, null);
    const stages = trace.traceEvents.filter((e) => e.ph === 'X' && e.pid === PIPELINE_PID);
    expect(stages.map((e) => e.name)).toEqual(spans.map((s) => s.name));
    const compile = stages.find((e) => e.name === 'compile')!;
    expect(compile).toMatchObject({ ts: 1500, dur: 200250, args: { builder: 'direct' } });
    expect(stages.find((e) => e.name === 'start-worker')!.tid).not.toBe(compile.tid);
    // A µs of rounding does not make a lane: the stage starts where the last one ended.
    expect(stages.find((e) => e.name === 'trace-capture')).toMatchObject({ tid: compile.tid, ts: 254_000, dur: 999 });
    expect(trace.traceEvents.some((e) => e.pid === GO_PID)).toBe(false);
    expect(violations(trace)).toEqual([]);
  });

  it('places the Go trace at the execute span, with a thread per P, GC, STW and goroutine', () => {
    const trace = toChromeTrace(spans, timeline);
    const execUs = 204 * 1000;
    const threadName = (tid: number) => trace.traceEvents.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === GO_PID && e.tid === tid)?.args?.name;
    const go = trace.traceEvents.filter((e) => e.pid === GO_PID && e.ph !== 'M');

    const pSlices = go.filter((e) => e.cat === 'proc');
    expect(pSlices).toHaveLength(3);
    const worker = pSlices.find((e) => e.args?.g === 7)!;
    expect(worker).toMatchObject({ name: 'G7 main.worker', ts: execUs + 1000, dur: 4000 });
    expect(threadName(worker.tid)).toBe('P0');
    expect(pSlices.find((e) => e.args?.g === 8)!.dur).toBe(1000.5);

    const gc = go.filter((e) => e.cat === 'gc');
    expect(gc).toEqual([expect.objectContaining({ name: 'GC', ts: execUs + 6000, dur: 3000 })]);
    expect(threadName(gc[0]!.tid)).toBe('GC');
    const stw = go.filter((e) => e.cat === 'stw');
    expect(stw[0]).toMatchObject({ name: 'STW: GC sweep termination', dur: 10 });
    expect(threadName(stw[0]!.tid)).toBe('STW');

    const waiting = go.find((e) => e.cat === 'goroutine' && e.name === 'waiting (sync)')!;
    expect(threadName(waiting.tid)).toBe('G1 main.main');
    expect(go.filter((e) => e.cat === 'goroutine' && threadName(e.tid) === 'G3 runtime.bgsweep (runtime)')).toHaveLength(1);

    const log = go.find((e) => e.ph === 'i' && e.cat === 'log')!;
    expect(log).toMatchObject({ name: 'result: done', ts: execUs + 950, s: 't' });
    expect(go.filter((e) => e.cat === 'region').map((e) => e.name)).toEqual(['outer', 'inner']);
    // An open task ends where the trace does.
    const stepEnd = go.find((e) => e.cat === 'task' && e.ph === 'e' && e.name === 'step')!;
    expect(stepEnd.ts).toBe(execUs + 40_000);
    expect(go.filter((e) => e.ph === 'C').map((e) => e.args?.bytes)).toEqual([1 << 20, 1 << 19]);
  });

  it('names the Go process with the trace format and says when the trace was truncated', () => {
    const trace = toChromeTrace(spans, { ...timeline, truncated: true });
    const name = trace.traceEvents.find((e) => e.ph === 'M' && e.name === 'process_name' && e.pid === GO_PID)?.args?.name;
    expect(name).toBe('Go runtime (go 1.23, truncated)');
  });

  it('the checker itself catches overlapping complete events and missing thread names', () => {
    const bad: ChromeTrace = {
      displayTimeUnit: 'ns',
      traceEvents: [
        { name: 'process_name', ph: 'M', ts: 0, pid: 1, tid: 0, args: { name: 'p' } },
        { name: 'thread_name', ph: 'M', ts: 0, pid: 1, tid: 1, args: { name: 't' } },
        { name: 'a', ph: 'X', ts: 0, dur: 10, pid: 1, tid: 1 },
        { name: 'b', ph: 'X', ts: 5, dur: 10, pid: 1, tid: 1 },
        { name: 'c', ph: 'X', ts: 0, dur: 1, pid: 1, tid: 2 },
      ],
    };
    expect(violations(bad)).toEqual(['thread 1/2 of c has no thread_name', '1/1: b overlaps its enclosing event']);
  });
});
