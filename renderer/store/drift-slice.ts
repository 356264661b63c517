// Version drift: the matrix (one snippet on N releases or go lines, cells streaming in, grouped
// into classes at the end), the bisect (steps streaming in, then a report), the curated examples,
// and the forms that set them up. The last matrix and bisect are saved with the tab's snippet.
import type { EventPayload } from '../../shared/contract';
import type { DriftExample, MatrixAxis } from '../../shared/drift';
import type { SandboxMode } from '../../shared/run';
import { addStep, trimBisect, type BisectRun } from '../drift/bisect-view';
import { buildExpectation, draftFrom, EMPTY_DRAFT, type ExpectationDraft } from '../drift/expectation';
import { matrixView, selectedClassIds, toggleClassId, trimMatrix, type MatrixRun } from '../drift/matrix-view';
import { defaultLines, examplePicks, installedPicks, newestRelease, releaseOptions, sortLines, sortReleases } from '../drift/picks';
import { normalizeGoVersion } from '../versions/go-version';
import { describeError } from './errors';
import { randomId } from './ids';
import { runLimits } from './settings-slice';
import { resolveToolchain } from './toolchain-slice';
import type { AppState, SliceCreator, StoreDeps } from './types';
import { selectActiveTab } from './workspace-slice';

export type RightPanel = 'output' | 'latency' | 'trace' | 'drift';
export type DriftSection = 'matrix' | 'bisect' | 'examples' | 'bench';
export type DriftMode = SandboxMode | 'auto';

export interface MatrixForm {
  axis: MatrixAxis;
  /** Toolchain axis; null: the installed releases. */
  releases: string[] | null;
  /** Language axis; null: 1.21 up to the fixed toolchain's own line. */
  lines: string[] | null;
  mode: DriftMode;
  /** Toolchain axis: install the releases that are missing. */
  install: boolean;
}

export interface BisectForm {
  good: string;
  bad: string;
  expect: ExpectationDraft;
  stableOnly: boolean;
  /** "1.22": only that minor's releases between good and bad; '' for all. */
  minor: string;
  mode: DriftMode;
}

export interface DriftSlice {
  rightPanel: RightPanel;
  driftSection: DriftSection;
  /** The drift panel takes the whole width (the editor is hidden): for a projector. */
  driftWide: boolean;
  matrixForm: MatrixForm;
  /** The matrix setup is unfolded; once a matrix ran it folds into one line, so results fill the panel. */
  matrixSetupOpen: boolean;
  bisectForm: BisectForm;
  matrixRun: MatrixRun | null;
  bisectRun: BisectRun | null;
  /** The two classes compared, per matrix; none picked means the first two. */
  classPick: { matrixId: string; ids: string[] } | null;
  examples: DriftExample[] | null;
  examplesStatus: 'idle' | 'loading' | 'ready' | 'error';
  examplesError: string | null;

  setRightPanel(panel: RightPanel): void;
  setDriftSection(section: DriftSection): void;
  setDriftWide(wide: boolean): void;
  updateMatrixForm(patch: Partial<MatrixForm>): void;
  setMatrixSetupOpen(open: boolean): void;
  updateBisectForm(patch: Partial<BisectForm>): void;
  updateExpectation(patch: Partial<ExpectationDraft>): void;
  startMatrix(): Promise<void>;
  cancelMatrix(): Promise<void>;
  receiveCell(payload: EventPayload<'drift.cell'>): void;
  toggleClass(matrixId: string, classId: string): void;
  startBisect(): Promise<void>;
  cancelBisect(): Promise<void>;
  receiveStep(payload: EventPayload<'drift.step'>): void;
  loadExamples(): Promise<void>;
  /** Opens an example in a new tab and sets the matrix and the bisect up around its change. */
  openExample(id: string): void;
}

/** What a matrix or bisect request may name at most (the contract's bound). */
export const MAX_MATRIX_VALUES = 64;

/** The releases or go lines a matrix of the active tab would run, in axis order. */
export function matrixValues(s: AppState): string[] {
  const f = s.matrixForm;
  if (f.axis === 'toolchain') {
    return sortReleases(f.releases ?? installedPicks(releaseOptions(null, s.toolchains)));
  }
  return sortLines(f.lines ?? defaultLines(fixedToolchainVersion(s)));
}

/** The toolchain the language axis keeps fixed: the active tab's. */
export function fixedToolchainVersion(s: AppState): string | null {
  return resolveToolchain(s.toolchains, selectActiveTab(s)?.go ?? '')?.version ?? null;
}

const limitsMode = (mode: DriftMode): SandboxMode => (mode === 'docker' ? 'docker' : 'wasm');

export function createDriftSlice(deps: StoreDeps): SliceCreator<DriftSlice> {
  return (set, get) => {
    const updateMatrix = (matrixId: string, f: (run: MatrixRun) => Partial<MatrixRun> | null) => (s: DriftSlice) => {
      if (!s.matrixRun || s.matrixRun.matrixId !== matrixId) return {};
      const patch = f(s.matrixRun);
      return patch ? { matrixRun: { ...s.matrixRun, ...patch } } : {};
    };
    const updateBisect = (bisectId: string, f: (run: BisectRun) => Partial<BisectRun> | null) => (s: DriftSlice) => {
      if (!s.bisectRun || s.bisectRun.bisectId !== bisectId) return {};
      const patch = f(s.bisectRun);
      return patch ? { bisectRun: { ...s.bisectRun, ...patch } } : {};
    };
    /** Saves with the tab, if it is still open. */
    const saveDrift = (tabId: string, drift: Parameters<AppState['setTabDrift']>[1]) => {
      if (get().tabs.some((t) => t.id === tabId)) get().setTabDrift(tabId, drift);
    };

    return {
      rightPanel: 'output',
      driftSection: 'matrix',
      driftWide: false,
      matrixForm: { axis: 'toolchain', releases: null, lines: null, mode: 'auto', install: true },
      matrixSetupOpen: false,
      bisectForm: { good: '', bad: '', expect: EMPTY_DRAFT, stableOnly: true, minor: '', mode: 'auto' },
      matrixRun: null,
      bisectRun: null,
      classPick: null,
      examples: null,
      examplesStatus: 'idle',
      examplesError: null,

      setRightPanel(rightPanel) {
        set({ rightPanel });
        if (rightPanel === 'drift') {
          const s = get();
          // The release pickers need the catalogue; it may go to the network, so only once asked.
          if (s.catalogStatus === 'idle') void s.loadCatalog();
        }
      },

      setDriftSection(driftSection) {
        set({ driftSection });
        if (driftSection === 'examples' && (get().examplesStatus === 'idle' || get().examplesStatus === 'error')) void get().loadExamples();
      },

      setDriftWide(driftWide) {
        set({ driftWide });
      },

      updateMatrixForm(patch) {
        set((s) => ({ matrixForm: { ...s.matrixForm, ...patch } }));
      },

      setMatrixSetupOpen(matrixSetupOpen) {
        set({ matrixSetupOpen });
      },

      updateBisectForm(patch) {
        set((s) => ({ bisectForm: { ...s.bisectForm, ...patch } }));
      },

      updateExpectation(patch) {
        set((s) => ({ bisectForm: { ...s.bisectForm, expect: { ...s.bisectForm.expect, ...patch } } }));
      },

      async startMatrix() {
        const s = get();
        if (s.matrixRun?.phase === 'running') return;
        const tab = selectActiveTab(s);
        if (!tab) return;
        const values = matrixValues(s);
        if (values.length === 0 || values.length > MAX_MATRIX_VALUES) return;
        const { axis, mode, install } = s.matrixForm;
        const matrixId = randomId('matrix');
        set({
          matrixSetupOpen: false,
          matrixRun: {
            matrixId,
            tabId: tab.id,
            axis,
            values,
            phase: 'running',
            startedAt: deps.now(),
            finishedAt: null,
            cells: {},
            result: null,
            failure: null,
            cancelRequested: false,
          },
        });
        try {
          const result = await deps.client.call('drift.matrix', {
            matrixId,
            source: tab.source,
            values,
            axis,
            mode,
            limits: runLimits(s, limitsMode(mode)),
            ...(axis === 'language' && tab.go ? { toolchain: tab.go } : {}),
            ...(axis === 'toolchain' && install ? { install: true } : {}),
          });
          set(updateMatrix(matrixId, () => ({ phase: 'done', finishedAt: deps.now(), result })));
          saveDrift(tab.id, { matrix: trimMatrix(result) });
        } catch (err) {
          set(updateMatrix(matrixId, () => ({ phase: 'done', finishedAt: deps.now(), failure: describeError(err) })));
        }
      },

      async cancelMatrix() {
        const run = get().matrixRun;
        if (!run || run.phase !== 'running') return;
        set(updateMatrix(run.matrixId, () => ({ cancelRequested: true })));
        try {
          await deps.client.call('drift.cancel', { id: run.matrixId });
        } catch {
          // The matrix's own answer says how it ended; a failed cancel leaves each run to its timeout.
        }
      },

      receiveCell({ matrixId, cell }) {
        // Cells after the result (a late event) are already in it.
        set(updateMatrix(matrixId, (run) => (run.phase === 'running' ? { cells: { ...run.cells, [cell.value]: cell } } : null)));
      },

      toggleClass(matrixId, classId) {
        const s = get();
        const tab = selectActiveTab(s);
        const view = matrixView(s.matrixRun, s.activeTabId, tab?.drift?.matrix);
        const current = view && view.matrixId === matrixId ? selectedClassIds(view, s.classPick) : s.classPick?.matrixId === matrixId ? s.classPick.ids : [];
        set({ classPick: { matrixId, ids: toggleClassId(current, classId) } });
      },

      async startBisect() {
        const s = get();
        if (s.bisectRun?.phase === 'running') return;
        const tab = selectActiveTab(s);
        const f = s.bisectForm;
        const built = buildExpectation(f.expect);
        if (!tab || !built.ok || !f.good || !f.bad) return;
        const bisectId = randomId('bisect');
        const good = normalizeGoVersion(f.good);
        const bad = normalizeGoVersion(f.bad);
        set({
          bisectRun: {
            bisectId,
            tabId: tab.id,
            good,
            bad,
            expect: built.expect,
            phase: 'running',
            startedAt: deps.now(),
            finishedAt: null,
            steps: [],
            report: null,
            failure: null,
            cancelRequested: false,
          },
        });
        try {
          const report = await deps.client.call('drift.bisect', {
            bisectId,
            source: tab.source,
            good,
            bad,
            expect: built.expect,
            stableOnly: f.stableOnly,
            mode: f.mode,
            limits: runLimits(s, limitsMode(f.mode)),
            ...(f.minor ? { minor: f.minor } : {}),
          });
          set(updateBisect(bisectId, () => ({ phase: 'done', finishedAt: deps.now(), report })));
          saveDrift(tab.id, { bisect: trimBisect(report) });
        } catch (err) {
          set(updateBisect(bisectId, () => ({ phase: 'done', finishedAt: deps.now(), failure: describeError(err) })));
        }
      },

      async cancelBisect() {
        const run = get().bisectRun;
        if (!run || run.phase !== 'running') return;
        set(updateBisect(run.bisectId, () => ({ cancelRequested: true })));
        try {
          await deps.client.call('drift.cancel', { id: run.bisectId });
        } catch {
          // The bisect's own report says how it ended.
        }
      },

      receiveStep({ bisectId, step }) {
        set(updateBisect(bisectId, (run) => (run.phase === 'running' ? { steps: addStep(run.steps, step) } : null)));
      },

      async loadExamples() {
        set({ examplesStatus: 'loading', examplesError: null });
        try {
          set({ examples: await deps.client.call('drift.examples', {}), examplesStatus: 'ready' });
        } catch (err) {
          set({ examplesStatus: 'error', examplesError: `Could not load the drift examples: ${describeError(err)}` });
        }
      },

      openExample(id) {
        const example = get().examples?.find((e) => e.id === id);
        if (!example) return;
        const title = `${example.id}.go`;
        // Open twice, unchanged: the tab already there comes to the front.
        const open = get().tabs.find((t) => t.title === title && t.source === example.source);
        if (open) get().selectTab(open.id);
        else if (!get().openTab({ title, source: example.source })) return;
        const s = get();
        const picks = examplePicks(example, newestRelease(releaseOptions(s.catalog?.releases ?? null, s.toolchains)), fixedToolchainVersion(s));
        set((cur) => ({
          matrixForm: { ...cur.matrixForm, axis: example.axis, releases: picks.releases, lines: picks.lines.length > 0 ? picks.lines : null },
          bisectForm: { ...cur.bisectForm, good: normalizeGoVersion(example.good), bad: normalizeGoVersion(example.bad), expect: draftFrom(example.expect), minor: '' },
          driftSection: 'matrix',
          rightPanel: 'drift',
          matrixSetupOpen: true,
        }));
      },
    };
  };
}
