import { describe, expect, it } from 'vitest';
import type { Span } from '../../shared/run';
import type { TraceGoroutine, TraceTimeline } from '../../shared/trace';
import { buildModel, creationStack, goroutineColor, packRows, STATE_COLORS, type TimeItem } from './lanes';

const spans: Span[] = [
  { name: 'sdk-resolve', startMs: 0, durationMs: 2 },
  { name: 'compile', startMs: 2, durationMs: 100, attrs: { builder: 'direct' } },
  { name: 'execute', startMs: 110, durationMs: 40 },
];

function goroutine(id: number, name: string, system = false, extra: Partial<TraceGoroutine> = {}): TraceGoroutine {
  return {
    id,
    name,
    system,
    parent: 1,
    createdNs: 0,
    endNs: null,
    creationStack: [],
    states: [
      { state: 'running', startNs: 0, endNs: 1000 },
      { state: 'waiting', startNs: 1000, endNs: 5000, reason: 'chan receive' },
    ],
    ...extra,
  };
}

const trace: TraceTimeline = {
  format: 'go 1.22',
  durationNs: 30_000_000,
  procs: [
    { id: 1, slices: [{ g: 7, startNs: 100, endNs: 900 }] },
    { id: 0, slices: [{ g: 1, startNs: 0, endNs: 500 }, { g: 6, startNs: 600, endNs: 800 }] },
  ],
  goroutines: [
    goroutine(1, 'main.main'),
    goroutine(6, 'main.worker', false, { creationStack: [{ fn: 'main.main', file: '/tmp/x/prog.go', line: 14 }] }),
    goroutine(7, 'main.worker'),
    goroutine(2, 'runtime.bgsweep', true),
  ],
  gc: [{ name: 'GC 1', startNs: 2000, endNs: 4000 }],
  stw: [],
  tasks: [{ id: 1, parent: null, name: 'work', startNs: 10, endNs: null }],
  regions: [
    { g: 6, task: 1, name: 'outer', startNs: 100, endNs: 900 },
    { g: 6, task: 1, name: 'inner', startNs: 200, endNs: 300 },
  ],
  logs: [{ g: 6, task: 1, timeNs: 250, category: 'step', message: 'half way' }],
  heap: [],
  truncated: false,
};

describe('buildModel', () => {
  it('without a trace is the pipeline lane alone, in ns on the run clock', () => {
    const model = buildModel(spans, 160, null, { goroutineLanes: false, systemGoroutines: false });
    expect(model.lanes.map((l) => l.id)).toEqual(['pipeline']);
    expect(model.lanes[0]!.items.map((i) => [i.name, i.startNs, i.endNs])).toEqual([
      ['sdk-resolve', 0, 2e6],
      ['compile', 2e6, 102e6],
      ['execute', 110e6, 150e6],
    ]);
    expect(model.lanes[0]!.items[1]!.detail).toBe('builder: direct');
    expect(model.endNs).toBe(160e6);
    expect(model.traceOffsetNs).toBeNull();
  });

  it('places the Go trace at the execute span and gives a lane per P, GC, task rows, regions and logs', () => {
    const model = buildModel(spans, 160, trace, { goroutineLanes: false, systemGoroutines: false });
    expect(model.traceOffsetNs).toBe(110e6);
    expect(model.lanes.map((l) => l.label)).toEqual(['Pipeline', 'P0', 'P1', 'GC', 'Tasks', 'Regions', '', 'Logs']);
    const p0 = model.lanes.find((l) => l.id === 'proc-0')!;
    expect(p0.items.map((i) => [i.name, i.startNs, i.g])).toEqual([
      ['G1 main.main', 110e6, 1],
      ['G6 main.worker', 110e6 + 600, 6],
    ]);
    expect(p0.items[1]!.color).toBe(goroutineColor(6));
    // A task that never ended runs to the end of the trace.
    expect(model.lanes.find((l) => l.kind === 'task')!.items[0]!.endNs).toBe(110e6 + 30e6);
    // Nested regions go on two rows.
    expect(model.lanes.filter((l) => l.kind === 'region').map((l) => l.items.map((i) => i.name))).toEqual([['outer'], ['inner']]);
    expect(model.lanes.find((l) => l.kind === 'log')!.items[0]).toMatchObject({ startNs: 110e6 + 250, endNs: 110e6 + 250, name: 'half way' });
    expect(model.endNs).toBe(160e6);
  });

  it('adds one lane per user goroutine with state colours when asked, runtime ones on request', () => {
    const user = buildModel(spans, 160, trace, { goroutineLanes: true, systemGoroutines: false });
    const lanes = user.lanes.filter((l) => l.kind === 'goroutine');
    expect(lanes.map((l) => [l.label, l.g])).toEqual([
      ['G1 main.main', 1],
      ['G6 main.worker', 6],
      ['G7 main.worker', 7],
    ]);
    expect(lanes[1]!.items.map((i) => [i.state, i.color, i.reason])).toEqual([
      ['running', STATE_COLORS.running, undefined],
      ['waiting', STATE_COLORS.waiting, 'chan receive'],
    ]);
    expect(user.hiddenGoroutines).toBe(0);
    const all = buildModel(spans, 160, trace, { goroutineLanes: true, systemGoroutines: true });
    expect(all.lanes.filter((l) => l.kind === 'goroutine')).toHaveLength(4);
    const capped = buildModel(spans, 160, trace, { goroutineLanes: true, systemGoroutines: true, maxGoroutineLanes: 2 });
    expect(capped.lanes.filter((l) => l.kind === 'goroutine').map((l) => l.g)).toEqual([1, 2]);
    expect(capped.hiddenGoroutines).toBe(2);
  });

  it('without an execute span starts the trace at 0 and stretches the timeline to its end', () => {
    const model = buildModel([{ name: 'compile', startMs: 0, durationMs: 5 }], 5, trace, { goroutineLanes: false, systemGoroutines: false });
    expect(model.traceOffsetNs).toBe(0);
    expect(model.endNs).toBe(30e6);
  });
});

describe('packRows', () => {
  const it_ = (startNs: number, endNs: number): TimeItem => ({ startNs, endNs, name: `${startNs}`, color: 'x' });

  it('puts overlapping items on separate rows and reuses a row once it is free', () => {
    const rows = packRows([it_(0, 10), it_(5, 15), it_(10, 20), it_(16, 30)]);
    expect(rows.map((r) => r.map((i) => i.name))).toEqual([
      ['0', '10'],
      ['5', '16'],
    ]);
  });

  it('shares the last row beyond the row limit', () => {
    const rows = packRows([it_(0, 10), it_(1, 10), it_(2, 10)], 2);
    expect(rows.map((r) => r.length)).toEqual([1, 2]);
  });
});

describe('creationStack', () => {
  it('lists fn file:line, and nothing for an unknown goroutine', () => {
    expect(creationStack(trace.goroutines[1])).toEqual(['main.main /tmp/x/prog.go:14']);
    expect(creationStack(undefined)).toEqual([]);
  });
});
