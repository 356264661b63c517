import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../shared/history';
import { cacheHitRate, percentile, recentRuns, stageOrder, stageStats } from './stats';

let seq = 0;
function entry(overrides: Partial<HistoryEntry> & Pick<HistoryEntry, 'stages'>): HistoryEntry {
  seq += 1;
  return { runId: `run-${seq}`, at: seq, mode: 'wasm', go: 'go1.22.3', status: 'ok', totalMs: 100, ...overrides };
}

describe('percentile (nearest rank)', () => {
  it('picks the value at rank ceil(p·n), never interpolating', () => {
    const values = [15, 20, 35, 40, 50];
    expect(percentile(values, 50)).toBe(35);
    expect(percentile(values, 95)).toBe(50);
    expect(percentile(values, 40)).toBe(20);
    // 0 is the smallest value, not something below it.
    expect(percentile(values, 0)).toBe(15);
  });

  it('sorts its input and leaves the caller’s array alone', () => {
    const values = [9, 1, 5, 3];
    expect(percentile(values, 50)).toBe(3);
    expect(values).toEqual([9, 1, 5, 3]);
  });

  it('of one run is that run, of none is null', () => {
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it('p95 of 20 runs is the 19th fastest, so one outlier does not set it', () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    values[19] = 10_000;
    expect(percentile(values, 95)).toBe(19);
  });
});

describe('stageStats', () => {
  it('gives p50/p95 per stage and a total row, separately per mode', () => {
    const history = [
      entry({ mode: 'wasm', totalMs: 100, stages: [{ name: 'compile', durationMs: 80 }, { name: 'execute', durationMs: 10 }] }),
      entry({ mode: 'wasm', totalMs: 300, stages: [{ name: 'compile', durationMs: 280 }, { name: 'execute', durationMs: 12 }] }),
      entry({ mode: 'wasm', totalMs: 200, stages: [{ name: 'compile', durationMs: 180 }, { name: 'execute', durationMs: 11 }] }),
      entry({ mode: 'docker', totalMs: 900, stages: [{ name: 'engine', durationMs: 5 }, { name: 'execute', durationMs: 400 }] }),
    ];
    const stats = stageStats(history);
    expect(stats.map((m) => [m.mode, m.runs])).toEqual([
      ['docker', 1],
      ['wasm', 3],
    ]);
    const wasm = stats.find((m) => m.mode === 'wasm')!;
    expect(wasm.rows).toEqual([
      { stage: 'compile', count: 3, p50: 180, p95: 280 },
      { stage: 'execute', count: 3, p50: 11, p95: 12 },
      { stage: 'total', count: 3, p50: 200, p95: 300 },
    ]);
    const docker = stats.find((m) => m.mode === 'docker')!;
    expect(docker.rows.map((r) => r.stage)).toEqual(['engine', 'execute', 'total']);
  });

  it('adds a stage that ran twice in one run, and counts runs without it out of its row', () => {
    const history = [
      entry({ stages: [{ name: 'wait', durationMs: 2 }, { name: 'compile', durationMs: 50 }, { name: 'wait', durationMs: 3 }] }),
      entry({ stages: [{ name: 'compile', durationMs: 60 }] }),
    ];
    const rows = stageStats(history)[0]!.rows;
    expect(rows.find((r) => r.stage === 'wait')).toEqual({ stage: 'wait', count: 1, p50: 5, p95: 5 });
    expect(rows.find((r) => r.stage === 'compile')?.count).toBe(2);
  });

  it('is empty with no history', () => {
    expect(stageStats([])).toEqual([]);
  });
});

describe('stageOrder', () => {
  it('merges runs that took different paths into one pipeline order', () => {
    const order = stageOrder([
      // A cache hit: no compile.
      { stages: [{ name: 'sdk-resolve', durationMs: 1 }, { name: 'cache-lookup', durationMs: 1 }, { name: 'execute', durationMs: 1 }] },
      // A miss: compile and cache-store between lookup and execute.
      {
        stages: [
          { name: 'sdk-resolve', durationMs: 1 },
          { name: 'cache-lookup', durationMs: 1 },
          { name: 'compile', durationMs: 1 },
          { name: 'cache-store', durationMs: 1 },
          { name: 'execute', durationMs: 1 },
        ],
      },
    ]);
    expect(order).toEqual(['sdk-resolve', 'cache-lookup', 'compile', 'cache-store', 'execute']);
  });

  it('puts a stage that repeats within a run (the wait between stages) after the pipeline', () => {
    const order = stageOrder([
      { stages: [{ name: 'wait', durationMs: 1 }, { name: 'sdk-resolve', durationMs: 1 }, { name: 'execute', durationMs: 1 }] },
      {
        stages: [
          { name: 'sdk-resolve', durationMs: 1 },
          { name: 'wait', durationMs: 1 },
          { name: 'compile', durationMs: 1 },
          { name: 'wait', durationMs: 1 },
          { name: 'execute', durationMs: 1 },
        ],
      },
    ]);
    expect(order).toEqual(['sdk-resolve', 'compile', 'execute', 'wait']);
  });
});

describe('cacheHitRate', () => {
  it('counts only runs that reached the build', () => {
    expect(cacheHitRate([{ cacheHit: true }, { cacheHit: false }, {}, { cacheHit: true }])).toEqual({ hits: 2, runs: 3, rate: 2 / 3 });
  });

  it('has no rate when no run reached the build', () => {
    expect(cacheHitRate([{}, {}])).toEqual({ hits: 0, runs: 0, rate: null });
  });
});

describe('recentRuns', () => {
  it('keeps the newest runs, numbered by their place in the history, with their compile time', () => {
    const history = [
      entry({ totalMs: 500, cacheHit: false, stages: [{ name: 'compile', durationMs: 400 }] }),
      entry({ totalMs: 90, cacheHit: true, stages: [{ name: 'cache-lookup', durationMs: 1 }, { name: 'execute', durationMs: 50 }] }),
      entry({ totalMs: 5, status: 'sdk-missing', stages: [{ name: 'sdk-resolve', durationMs: 5 }] }),
    ];
    expect(recentRuns(history, 2)).toEqual({ index: [2, 3], totalMs: [90, 5], compileMs: [0, null] });
    expect(recentRuns(history).compileMs).toEqual([400, 0, null]);
  });
});
