// What the trace timeline draws, as lanes of time items on one clock: nanoseconds from the start of
// the run. The pipeline's spans come first; a Go execution trace is placed at the start of the
// `execute` span (its own clock starts at its first event, inside the running program).
import type { Span } from '../../shared/run';
import type { GoState, TraceGoroutine, TraceTimeline } from '../../shared/trace';

export type LaneKind = 'pipeline' | 'proc' | 'gc' | 'stw' | 'task' | 'region' | 'log' | 'goroutine';

export interface TimeItem {
  startNs: number;
  /** Equal to startNs for an instant (a log message). */
  endNs: number;
  /** Drawn on the item when it is wide enough, and the tooltip's title. */
  name: string;
  color: string;
  /** The goroutine the item belongs to: hover and click select it. */
  g?: number;
  state?: GoState;
  reason?: string;
  /** More lines for the tooltip (a span's attributes, a log's category). */
  detail?: string;
}

export interface Lane {
  id: string;
  label: string;
  kind: LaneKind;
  /** Sorted by start. */
  items: TimeItem[];
  /** The longest item: culling searches back this far for items reaching into the window. */
  maxDurNs: number;
  /** Ends are in order too (no item inside another, as on a P lane): culling finds the window's first item by its end. */
  endsSorted: boolean;
  /** Goroutine lanes: whose. */
  g?: number;
}

export interface TimelineModel {
  lanes: Lane[];
  /** Where the Go trace starts on the run's clock (the execute span's start); null without a trace. */
  traceOffsetNs: number | null;
  endNs: number;
  goroutines: Map<number, TraceGoroutine>;
  /** Goroutines left without a lane (beyond maxGoroutineLanes). */
  hiddenGoroutines: number;
}

/** One colour per stage position, the latency bar's palette (renderer/app/app.css .c0–.c9). */
export const STAGE_COLORS = ['#58a6ff', '#3fb950', '#e3b341', '#c792ea', '#00add8', '#ff9e64', '#f778ba', '#7ee0c3', '#f07178', '#b5cea8'];

/** Goroutines by id: consecutive ids (a loop's workers) get different colours. */
const GOROUTINE_COLORS = ['#4e9ef5', '#e0a84a', '#57b86a', '#c98bdf', '#3fc1d9', '#ef8c5d', '#e57aa8', '#8fd4b0', '#e06c75', '#a9c47f', '#7f8cf0', '#d6c35c'];

export const STATE_COLORS: Record<GoState, string> = {
  running: '#3fb950',
  runnable: '#e3b341',
  waiting: '#55627d',
  syscall: '#c792ea',
};

const GC_COLOR = '#ff9e64';
const STW_COLOR = '#ff6b6b';
const TASK_COLOR = '#00add8';
const REGION_COLOR = '#58a6ff';
const LOG_COLOR = '#f778ba';

/** Overlapping tasks or regions are spread over at most this many rows; the rest share the last. */
const MAX_ROWS = 6;

export function goroutineColor(g: number): string {
  return GOROUTINE_COLORS[((g % GOROUTINE_COLORS.length) + GOROUTINE_COLORS.length) % GOROUTINE_COLORS.length]!;
}

export function goroutineLabel(g: TraceGoroutine | undefined, id: number): string {
  return g && g.name ? `G${id} ${g.name}` : `G${id}`;
}

export const MS = 1_000_000;

export interface ModelOptions {
  /** Add one lane per goroutine with its states. */
  goroutineLanes: boolean;
  /** With goroutineLanes: the runtime's own goroutines too. */
  systemGoroutines: boolean;
  /** A program that starts 100k goroutines would be 100k labels: lanes for the first this many. */
  maxGoroutineLanes?: number;
}

export const MAX_GOROUTINE_LANES = 500;

export function buildModel(spans: ReadonlyArray<Span>, totalMs: number | null, trace: TraceTimeline | null, options: ModelOptions): TimelineModel {
  const lanes: Lane[] = [];
  const ordered = [...spans].sort((a, b) => a.startMs - b.startMs);
  lanes.push(
    lane(
      'pipeline',
      'Pipeline',
      'pipeline',
      ordered.map((s, i) => ({
        startNs: s.startMs * MS,
        endNs: (s.startMs + s.durationMs) * MS,
        name: s.name,
        color: STAGE_COLORS[i % STAGE_COLORS.length]!,
        ...(s.attrs && Object.keys(s.attrs).length > 0 ? { detail: Object.entries(s.attrs).map(([k, v]) => `${k}: ${String(v)}`).join('\n') } : {}),
      })),
    ),
  );
  let endNs = Math.max(totalMs !== null && Number.isFinite(totalMs) ? totalMs * MS : 0, ...ordered.map((s) => (s.startMs + s.durationMs) * MS));
  const goroutines = new Map<number, TraceGoroutine>();
  let traceOffsetNs: number | null = null;
  let hiddenGoroutines = 0;

  if (trace) {
    const execute = ordered.find((s) => s.name === 'execute');
    const offset = execute ? execute.startMs * MS : 0;
    traceOffsetNs = offset;
    for (const g of trace.goroutines) goroutines.set(g.id, g);
    const at = (ns: number) => offset + ns;

    for (const p of [...trace.procs].sort((a, b) => a.id - b.id)) {
      lanes.push(
        lane(
          `proc-${p.id}`,
          `P${p.id}`,
          'proc',
          p.slices.map((s) => ({ startNs: at(s.startNs), endNs: at(s.endNs), name: goroutineLabel(goroutines.get(s.g), s.g), color: goroutineColor(s.g), g: s.g, state: 'running' as const })),
        ),
      );
    }
    if (trace.gc.length > 0) {
      lanes.push(lane('gc', 'GC', 'gc', trace.gc.map((r) => ({ startNs: at(r.startNs), endNs: at(r.endNs), name: r.name || 'GC', color: GC_COLOR }))));
    }
    if (trace.stw.length > 0) {
      lanes.push(lane('stw', 'STW', 'stw', trace.stw.map((r) => ({ startNs: at(r.startNs), endNs: at(r.endNs), name: r.name || 'stop the world', color: STW_COLOR }))));
    }
    const traceEnd = at(trace.durationNs);
    if (trace.tasks.length > 0) {
      const items = trace.tasks.map((t) => ({ startNs: at(t.startNs), endNs: t.endNs === null ? traceEnd : at(t.endNs), name: t.name, color: TASK_COLOR, detail: `task ${t.id}${t.endNs === null ? ' (not ended)' : ''}` }));
      packRows(items).forEach((row, i) => lanes.push(lane(`task-${i}`, i === 0 ? 'Tasks' : '', 'task', row)));
    }
    if (trace.regions.length > 0) {
      const items = trace.regions.map((r) => ({
        startNs: at(r.startNs),
        endNs: at(r.endNs),
        name: r.name,
        color: REGION_COLOR,
        g: r.g,
        detail: `${goroutineLabel(goroutines.get(r.g), r.g)}${r.task !== null ? `, task ${r.task}` : ''}`,
      }));
      packRows(items).forEach((row, i) => lanes.push(lane(`region-${i}`, i === 0 ? 'Regions' : '', 'region', row)));
    }
    if (trace.logs.length > 0) {
      lanes.push(
        lane(
          'logs',
          'Logs',
          'log',
          trace.logs.map((l) => ({
            startNs: at(l.timeNs),
            endNs: at(l.timeNs),
            name: l.message,
            color: LOG_COLOR,
            g: l.g,
            detail: `${l.category ? `category ${l.category}, ` : ''}${goroutineLabel(goroutines.get(l.g), l.g)}`,
          })),
        ),
      );
    }
    if (options.goroutineLanes) {
      const all = [...goroutines.values()].filter((g) => (options.systemGoroutines || !g.system) && g.states.length > 0).sort((a, b) => a.id - b.id);
      const shown = all.slice(0, options.maxGoroutineLanes ?? MAX_GOROUTINE_LANES);
      hiddenGoroutines = all.length - shown.length;
      for (const g of shown) {
        const label = goroutineLabel(g, g.id);
        lanes.push({
          ...lane(
            `g-${g.id}`,
            label,
            'goroutine',
            g.states.map((s) => ({
              startNs: at(s.startNs),
              endNs: at(s.endNs),
              name: label,
              color: STATE_COLORS[s.state],
              g: g.id,
              state: s.state,
              ...(s.reason ? { reason: s.reason } : {}),
            })),
          ),
          g: g.id,
        });
      }
    }
    endNs = Math.max(endNs, traceEnd);
  }
  return { lanes, traceOffsetNs, endNs, goroutines, hiddenGoroutines };
}

function lane(id: string, label: string, kind: LaneKind, items: TimeItem[]): Lane {
  const sorted = items.filter((i) => Number.isFinite(i.startNs) && Number.isFinite(i.endNs)).sort((a, b) => a.startNs - b.startNs);
  let maxDurNs = 0;
  let endsSorted = true;
  sorted.forEach((item, i) => {
    maxDurNs = Math.max(maxDurNs, item.endNs - item.startNs);
    if (i > 0 && item.endNs < sorted[i - 1]!.endNs) endsSorted = false;
  });
  return { id, label, kind, items: sorted, maxDurNs, endsSorted };
}

/** Greedy rows for items that may overlap (nested regions, concurrent tasks): first row with room. */
export function packRows(items: ReadonlyArray<TimeItem>, maxRows = MAX_ROWS): TimeItem[][] {
  const rows: TimeItem[][] = [];
  const ends: number[] = [];
  for (const item of [...items].sort((a, b) => a.startNs - b.startNs || b.endNs - a.endNs)) {
    let row = ends.findIndex((end) => end <= item.startNs);
    if (row < 0) {
      if (rows.length < maxRows) {
        row = rows.length;
        rows.push([]);
        ends.push(-Infinity);
      } else {
        row = rows.length - 1;
      }
    }
    rows[row]!.push(item);
    ends[row] = Math.max(ends[row]!, item.endNs);
  }
  return rows;
}

/** The creation stack of a goroutine, innermost frame first, as the side box lists it. */
export function creationStack(g: TraceGoroutine | undefined): string[] {
  return g ? g.creationStack.map((f) => `${f.fn} ${f.file}:${f.line}`) : [];
}
