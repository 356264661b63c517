// Where the time goes, across runs: the stored run history (p50/p95 per stage), the compile cache
// (size, budget, clear) and the last traced run's parsed Go execution trace.
import type { RequestResult } from '../../shared/contract';
import type { HistoryEntry } from '../../shared/history';
import { SettingsSchema } from '../../shared/settings';
import type { TraceTimeline } from '../../shared/trace';
import { describeError } from './errors';
import type { SliceCreator, StoreDeps } from './types';

export type CacheStats = RequestResult<'cache.stats'>;

export interface TraceView {
  runId: string;
  status: 'loading' | 'ready' | 'error';
  timeline: TraceTimeline | null;
  error: string | null;
}

export interface LatencySlice {
  /** Oldest first; null until loaded. */
  history: HistoryEntry[] | null;
  historyStatus: 'idle' | 'loading' | 'ready' | 'error';
  historyError: string | null;
  cacheStats: CacheStats | null;
  cacheStatsError: string | null;
  cacheClearing: boolean;
  /** What the last clear (or budget save) did, for a line under the cache section. */
  cacheNote: string | null;
  cacheError: string | null;
  cacheBudgetSaving: boolean;
  trace: TraceView | null;

  loadHistory(): Promise<void>;
  clearHistory(): Promise<void>;
  loadCacheStats(): Promise<void>;
  clearCache(): Promise<void>;
  /** Saves the cache budget setting, keeping every other setting as stored. */
  saveCacheBudget(mib: number): Promise<boolean>;
  loadTrace(runId: string): Promise<void>;
  /** The raw trace file, for a download; throws what the core said. */
  fetchRawTrace(runId: string): Promise<RequestResult<'trace.raw'>>;
  /**
   * After a run: a traced run's timeline is fetched; the history and the cache stats are read
   * again if the latency panel shows them (opening it reads them anyway).
   */
  refreshAfterRun(runId: string): void;
}

const MIB = 1024 * 1024;
/** The settings schema's bounds for the budget, in MiB. */
export const MIN_CACHE_BUDGET_MIB = 16;
export const MAX_CACHE_BUDGET_MIB = 64 * 1024;

export function createLatencySlice(deps: StoreDeps): SliceCreator<LatencySlice> {
  return (set, get) => ({
    history: null,
    historyStatus: 'idle',
    historyError: null,
    cacheStats: null,
    cacheStatsError: null,
    cacheClearing: false,
    cacheNote: null,
    cacheError: null,
    cacheBudgetSaving: false,
    trace: null,

    async loadHistory() {
      set({ historyStatus: 'loading' });
      try {
        const history = await deps.client.call('history.list', {});
        set({ history, historyStatus: 'ready', historyError: null });
      } catch (err) {
        set({ historyStatus: 'error', historyError: `Could not load the run history: ${describeError(err)}` });
      }
    },

    async clearHistory() {
      try {
        await deps.client.call('history.clear', {});
        set({ history: [], historyStatus: 'ready', historyError: null });
      } catch (err) {
        set({ historyError: `Could not clear the run history: ${describeError(err)}. The history is unchanged; try again.` });
      }
    },

    async loadCacheStats() {
      try {
        const cacheStats = await deps.client.call('cache.stats', {});
        set({ cacheStats, cacheStatsError: null });
      } catch (err) {
        set({ cacheStatsError: `Could not read the compile cache: ${describeError(err)}` });
      }
    },

    async clearCache() {
      if (get().cacheClearing) return;
      set({ cacheClearing: true, cacheError: null, cacheNote: null });
      try {
        const { removedEntries, freedBytes } = await deps.client.call('cache.clear', {});
        set({ cacheNote: `Removed ${removedEntries} build${removedEntries === 1 ? '' : 's'}, ${(freedBytes / MIB).toFixed(1)} MiB freed. The next run of each snippet builds again.` });
      } catch (err) {
        set({ cacheError: `Could not clear the compile cache: ${describeError(err)}. Nothing was lost; try again.` });
      } finally {
        set({ cacheClearing: false });
      }
      await get().loadCacheStats();
    },

    async saveCacheBudget(mib) {
      if (!Number.isFinite(mib) || mib < MIN_CACHE_BUDGET_MIB || mib > MAX_CACHE_BUDGET_MIB) {
        set({ cacheError: `The cache budget is ${MIN_CACHE_BUDGET_MIB}–${MAX_CACHE_BUDGET_MIB} MiB; enter a number in that range.` });
        return false;
      }
      if (get().cacheBudgetSaving) return false;
      set({ cacheBudgetSaving: true, cacheError: null, cacheNote: null });
      try {
        // Settings are saved whole: start from what is stored, so GOPROXY and GOROOTs stay as they are.
        const stored = get().sources ?? (await deps.client.call('settings.load', {}));
        const saved = await deps.client.call('settings.save', { ...SettingsSchema.parse(stored), cacheBudgetBytes: Math.round(mib) * MIB });
        set({ sources: saved, cacheNote: `Budget saved: ${Math.round(saved.cacheBudgetBytes / MIB)} MiB.` });
      } catch (err) {
        set({ cacheError: `Could not save the cache budget: ${describeError(err)}. The old budget still applies; try again.` });
        return false;
      } finally {
        set({ cacheBudgetSaving: false });
      }
      await get().loadCacheStats();
      return true;
    },

    async loadTrace(runId) {
      set({ trace: { runId, status: 'loading', timeline: null, error: null } });
      try {
        const timeline = await deps.client.call('trace.get', { id: runId });
        set((s) => (s.trace?.runId === runId ? { trace: { runId, status: 'ready', timeline, error: null } } : {}));
      } catch (err) {
        set((s) =>
          s.trace?.runId === runId ? { trace: { runId, status: 'error', timeline: null, error: `Could not read the trace: ${describeError(err)}` } } : {},
        );
      }
    },

    fetchRawTrace(runId) {
      return deps.client.call('trace.raw', { id: runId });
    },

    refreshAfterRun(runId) {
      if (get().rightPanel === 'latency') {
        void get().loadHistory();
        void get().loadCacheStats();
      }
      const run = get().run;
      if (run?.runId !== runId) return;
      const ref = run.result?.trace;
      if (ref && !ref.error && ref.bytes > 0) void get().loadTrace(runId);
      else if (get().trace) set({ trace: null });
    },
  });
}
