// Performance drift: the snippet's benchmarks on several releases (drift.bench), its form and the
// run under way or last finished.
import type { BenchDriftResult } from '../../shared/drift';
import { benchFormProblem, DEFAULT_BENCH_FORM, type BenchForm } from '../drift/bench-view';
import { installedPicks, releaseOptions, sortReleases } from '../drift/picks';
import { describeError } from './errors';
import { randomId } from './ids';
import type { AppState, SliceCreator, StoreDeps } from './types';
import { selectActiveTab } from './workspace-slice';

export interface BenchRun {
  id: string;
  tabId: string;
  versions: string[];
  phase: 'running' | 'done';
  startedAt: number;
  finishedAt: number | null;
  result: BenchDriftResult | null;
  failure: string | null;
  cancelRequested: boolean;
}

export interface BenchSlice {
  benchForm: BenchForm;
  benchRun: BenchRun | null;
  updateBenchForm(patch: Partial<BenchForm>): void;
  startBench(): Promise<void>;
  cancelBench(): Promise<void>;
}

/** The releases a benchmark run would use, ascending: the picked ones, or every installed one. */
export function benchVersions(s: Pick<AppState, 'benchForm' | 'toolchains'>): string[] {
  return sortReleases(s.benchForm.versions ?? installedPicks(releaseOptions(null, s.toolchains)));
}

export function createBenchSlice(deps: StoreDeps): SliceCreator<BenchSlice> {
  return (set, get) => {
    const updateRun = (id: string, patch: Partial<BenchRun>) => (s: BenchSlice) =>
      s.benchRun && s.benchRun.id === id ? { benchRun: { ...s.benchRun, ...patch } } : {};

    return {
      benchForm: DEFAULT_BENCH_FORM,
      benchRun: null,

      updateBenchForm(patch) {
        set((s) => ({ benchForm: { ...s.benchForm, ...patch } }));
      },

      async startBench() {
        const s = get();
        if (s.benchRun?.phase === 'running') return;
        const tab = selectActiveTab(s);
        if (!tab) return;
        const versions = benchVersions(s);
        const f = s.benchForm;
        if (benchFormProblem(f, versions)) return;
        const id = randomId('bench');
        const benchtime = f.benchtime.trim();
        set({
          benchRun: { id, tabId: tab.id, versions, phase: 'running', startedAt: deps.now(), finishedAt: null, result: null, failure: null, cancelRequested: false },
        });
        try {
          const result = await deps.client.call('drift.bench', {
            id,
            source: tab.source,
            versions,
            bench: f.bench.trim() || '.',
            count: f.count,
            mode: 'auto',
            ...(benchtime ? { benchtime } : {}),
          });
          set(updateRun(id, { phase: 'done', finishedAt: deps.now(), result }));
        } catch (err) {
          set(updateRun(id, { phase: 'done', finishedAt: deps.now(), failure: describeError(err) }));
        }
      },

      async cancelBench() {
        const run = get().benchRun;
        if (!run || run.phase !== 'running') return;
        set(updateRun(run.id, { cancelRequested: true }));
        try {
          await deps.client.call('drift.cancel', { id: run.id });
        } catch {
          // The run's own answer says how it ended.
        }
      },
    };
  };
}
