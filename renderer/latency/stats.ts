// p50/p95 of each stage (and of the whole run) per sandbox mode over the stored run history, the
// compile cache's hit rate, and the recent runs the chart draws.
import type { HistoryEntry } from '../../shared/history';
import type { SandboxMode } from '../../shared/run';

/**
 * The nearest-rank percentile: the smallest value such that at least p% of the values are at or
 * below it (sorted[ceil(p/100 · n) − 1]). Always one of the values, never an interpolation, so a
 * p95 over few runs reads as "the slowest run" rather than a time nobody saw.
 */
export function percentile(values: ReadonlyArray<number>, p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((Math.min(100, Math.max(0, p)) / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)] ?? null;
}

export interface StageStat {
  stage: string;
  /** Runs that had this stage. */
  count: number;
  p50: number;
  p95: number;
}

export interface ModeStats {
  mode: SandboxMode;
  runs: number;
  /** Pipeline order; the last row is the whole run ("total"). */
  rows: StageStat[];
}

export const TOTAL_ROW = 'total';

/**
 * Per mode, each stage's time per run (a stage that ran twice in one run counts once, with both
 * durations added) and the run's total, as p50/p95 over the runs that had it.
 */
export function stageStats(history: ReadonlyArray<HistoryEntry>): ModeStats[] {
  const byMode = new Map<SandboxMode, HistoryEntry[]>();
  for (const e of history) {
    const list = byMode.get(e.mode);
    if (list) list.push(e);
    else byMode.set(e.mode, [e]);
  }
  const result: ModeStats[] = [];
  for (const [mode, entries] of byMode) {
    const perStage = new Map<string, number[]>();
    for (const e of entries) {
      const perRun = new Map<string, number>();
      for (const s of e.stages) perRun.set(s.name, (perRun.get(s.name) ?? 0) + s.durationMs);
      for (const [name, ms] of perRun) {
        const list = perStage.get(name);
        if (list) list.push(ms);
        else perStage.set(name, [ms]);
      }
    }
    const rows = stageOrder(entries).map((stage) => row(stage, perStage.get(stage) ?? []));
    rows.push(row(TOTAL_ROW, entries.map((e) => e.totalMs)));
    result.push({ mode, runs: entries.length, rows });
  }
  return result.sort((a, b) => a.mode.localeCompare(b.mode));
}

function row(stage: string, values: number[]): StageStat {
  return { stage, count: values.length, p50: percentile(values, 50) ?? 0, p95: percentile(values, 95) ?? 0 };
}

/**
 * The stages in pipeline order, merged over runs that took different paths (a cache hit has no
 * compile; a compile error no execute): a stage first seen in a later run goes after the stage
 * that preceded it there. A stage that can occur more than once in a run (the "wait" between
 * stages) has no place in the pipeline: such stages come last.
 */
export function stageOrder(entries: ReadonlyArray<Pick<HistoryEntry, 'stages'>>): string[] {
  const repeated = new Set<string>();
  for (const e of entries) {
    const seen = new Set<string>();
    for (const { name } of e.stages) {
      if (seen.has(name)) repeated.add(name);
      seen.add(name);
    }
  }
  const order: string[] = [];
  const floating: string[] = [];
  for (const e of entries) {
    let prev: string | null = null;
    for (const { name } of e.stages) {
      if (repeated.has(name)) {
        if (!floating.includes(name)) floating.push(name);
        continue;
      }
      if (!order.includes(name)) {
        const at: number = prev === null ? 0 : order.indexOf(prev) + 1;
        order.splice(at, 0, name);
      }
      prev = name;
    }
  }
  return [...order, ...floating];
}

export interface HitRate {
  hits: number;
  /** Runs that reached the build (their cacheHit is known). */
  runs: number;
  /** 0..1, or null when no run reached the build. */
  rate: number | null;
}

export function cacheHitRate(history: ReadonlyArray<Pick<HistoryEntry, 'cacheHit'>>): HitRate {
  let hits = 0;
  let runs = 0;
  for (const e of history) {
    if (e.cacheHit === undefined) continue;
    runs += 1;
    if (e.cacheHit) hits += 1;
  }
  return { hits, runs, rate: runs === 0 ? null : hits / runs };
}

/** The Go build; a cache hit skips it. (compile-wasm is the sandbox compiling the module, every run.) */
export const BUILD_STAGE = 'compile';

export interface RecentRuns {
  /** 1-based run numbers, oldest first (the x axis). */
  index: number[];
  totalMs: number[];
  /** Time in build stages; 0 on a cache hit; null when the run never reached the build. */
  compileMs: Array<number | null>;
}

/** The last `limit` runs (history is oldest first), as columns for the chart. */
export function recentRuns(history: ReadonlyArray<HistoryEntry>, limit = 50): RecentRuns {
  const first = Math.max(0, history.length - limit);
  const recent = history.slice(first);
  return {
    index: recent.map((_, i) => first + i + 1),
    totalMs: recent.map((e) => e.totalMs),
    compileMs: recent.map((e) => {
      const build = e.stages.filter((s) => s.name === BUILD_STAGE);
      if (build.length > 0) return build.reduce((acc, s) => acc + s.durationMs, 0);
      return e.cacheHit === undefined ? null : 0;
    }),
  };
}
