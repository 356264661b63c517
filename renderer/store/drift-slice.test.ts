import { describe, expect, it } from 'vitest';
import type { BisectReportInfo, BisectStepInfo, DriftExample, MatrixCellInfo, MatrixResultInfo } from '../../shared/drift';
import type { RunResult } from '../../shared/run';
import type { Catalog, Toolchain } from '../../shared/toolchain';
import { WorkspaceSchema, type Workspace } from '../../shared/workspace';
import { matrixView, selectedClassIds, SAVED_OUTPUT_CHARS } from '../drift/matrix-view';
import { bisectView } from '../drift/bisect-view';
import { deferred, fakeClient, runResult } from '../test/fake-client';
import { bindContractEvents } from './bind-events';
import { matrixValues } from './drift-slice';
import { createAppStore } from './store';
import { selectActiveTab } from './workspace-slice';

const pathGo: Toolchain = { id: 'path:go1.26.8', version: 'go1.26.8', goroot: '/usr/local/go', source: 'path', isDefault: true };
const sdkGo: Toolchain = { id: 'go1.22.12', version: 'go1.22.12', goroot: '/home/u/sdk/go1.22.12', source: 'sdk-dir', isDefault: false };
const catalog: Catalog = {
  releases: ['go1.26.8', 'go1.26.0', 'go1.22.12', 'go1.22.0', 'go1.21.13', 'go1.20.14'].map((version) => ({ version, stable: true, latestPatch: false, installed: false })),
  proxy: 'https://proxy.golang.org',
  fetchedAt: 1,
  offline: false,
};
const LOOPVAR: DriftExample = {
  id: 'loopvar',
  title: 'Loop variables are per-iteration',
  axis: 'language',
  changesIn: 'go1.22.0',
  why: 'Each iteration has its own variable.',
  good: 'go1.21.13',
  bad: 'go1.22.0',
  expect: { kind: 'stdout-equals', value: '012\n' },
  source: 'package main\n// loopvar\n',
};

async function setup() {
  const client = fakeClient();
  const saved: Workspace[] = [];
  client.handle('workspace.load', () => ({ tabs: [{ id: 'tab-a', title: 'a.go', source: 'package main // a', go: '', mode: 'wasm' as const }], activeTabId: 'tab-a', limits: {} }));
  client.handle('workspace.save', (w) => {
    saved.push(WorkspaceSchema.parse(w));
    return { savedAt: 1 };
  });
  client.handle('sdk.list', () => [pathGo, sdkGo]);
  client.handle('sdk.catalog', () => catalog);
  client.handle('drift.examples', () => [LOOPVAR]);
  client.handle('drift.cancel', () => ({ canceled: true }));
  const store = createAppStore({ client, storage: null, now: () => 5000 });
  bindContractEvents(client, store);
  await store.getState().loadWorkspace();
  await store.getState().loadToolchains();
  return { client, store, saved };
}

function cell(value: string, r: Partial<RunResult>, axis: 'toolchain' | 'language' = 'language'): Omit<MatrixCellInfo, 'classId'> {
  return {
    value,
    toolchain: axis === 'language' ? 'go1.26.8' : value,
    goLine: axis === 'language' ? value : value.replace(/^go(\d+\.\d+).*/, '$1'),
    mode: 'wasm',
    result: runResult({ runId: `m-${value.replace(/\W/g, '')}`, spans: [{ name: 'compile', startMs: 0, durationMs: 5 }], ...r }),
  };
}

function matrixResult(matrixId: string, cells: Array<Omit<MatrixCellInfo, 'classId'> & { classId: string }>): MatrixResultInfo {
  const ids = [...new Set(cells.map((c) => c.classId))];
  return {
    matrixId,
    axis: 'language',
    cells,
    classes: ids.map((id) => {
      const members = cells.filter((c) => c.classId === id);
      const r = members[0]!.result;
      return {
        id,
        key: JSON.stringify([r.status, r.exitCode, r.stdout]),
        behaviour: { status: r.status, exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, compile: '' },
        members: members.map((m) => m.value),
        label: members.map((m) => m.value).join(', '),
      };
    }),
    wallMs: 1234,
  };
}

const activeView = (store: Awaited<ReturnType<typeof setup>>['store']) => {
  const s = store.getState();
  return matrixView(s.matrixRun, s.activeTabId, selectActiveTab(s)?.drift?.matrix);
};

describe('drift slice: matrix', () => {
  it('streams cells into the grid in axis order, then takes the classes from the result', async () => {
    const { client, store } = await setup();
    const answer = deferred<MatrixResultInfo>();
    client.handle('drift.matrix', () => answer.promise);
    store.getState().updateMatrixForm({ axis: 'language', lines: ['1.22', '1.21'] });
    const done = store.getState().startMatrix();

    const call = client.calls.find((c) => c.name === 'drift.matrix')!;
    expect(call.params).toMatchObject({ axis: 'language', values: ['1.21', '1.22'], source: 'package main // a', mode: 'auto', limits: { timeoutMs: 10_000 } });
    expect(call.params).not.toHaveProperty('install');
    const matrixId = store.getState().matrixRun!.matrixId;
    expect(matrixId).toMatch(/^matrix-[0-9a-f]+$/);

    let view = activeView(store)!;
    expect(view.running).toBe(true);
    expect(view.rows.map((r) => [r.value, r.cell])).toEqual([
      ['1.21', null],
      ['1.22', null],
    ]);

    // The second value finishes first; a cell of another matrix is ignored.
    client.emit('drift.cell', { matrixId, cell: cell('1.22', { stdout: '012\n' }) });
    client.emit('drift.cell', { matrixId: 'matrix-other', cell: cell('1.21', { stdout: 'nope\n' }) });
    view = activeView(store)!;
    expect(view.done).toBe(1);
    expect(view.rows[0]?.cell).toBeNull();
    expect(view.rows[1]?.cell?.result.stdout).toBe('012\n');
    expect(view.rows[1]?.classId).toBeNull();

    client.emit('drift.cell', { matrixId, cell: cell('1.21', { stdout: '333\n' }) });
    expect(activeView(store)!.done).toBe(2);

    const c21 = { ...cell('1.21', { stdout: '333\n' }), classId: 'A' };
    const c22 = { ...cell('1.22', { stdout: '012\n' }), classId: 'B' };
    answer.resolve(matrixResult(matrixId, [c21, c22]));
    await done;
    view = activeView(store)!;
    expect(view.running).toBe(false);
    expect(view.rows.map((r) => r.classId)).toEqual(['A', 'B']);
    expect(view.classes.map((c) => c.id)).toEqual(['A', 'B']);

    // A late event does not undo the result.
    client.emit('drift.cell', { matrixId, cell: cell('1.21', { stdout: 'late\n' }) });
    expect(activeView(store)!.rows[0]?.cell?.result.stdout).toBe('333\n');
  });

  it('compares the first two classes by default; a click toggles, a third drops the older pick', async () => {
    const { client, store } = await setup();
    const cells = [
      { ...cell('1.20', { status: 'compile-error', exitCode: null }), classId: 'A' },
      { ...cell('1.21', { stdout: '333\n' }), classId: 'B' },
      { ...cell('1.22', { stdout: '012\n' }), classId: 'C' },
    ];
    client.handle('drift.matrix', (p) => matrixResult(p.matrixId, cells));
    store.getState().updateMatrixForm({ axis: 'language', lines: ['1.20', '1.21', '1.22'] });
    await store.getState().startMatrix();
    const matrixId = store.getState().matrixRun!.matrixId;
    const picked = () => selectedClassIds(activeView(store), store.getState().classPick);

    expect(picked()).toEqual(['A', 'B']);
    store.getState().toggleClass(matrixId, 'B');
    expect(picked()).toEqual(['A']);
    store.getState().toggleClass(matrixId, 'C');
    expect(picked()).toEqual(['A', 'C']);
    store.getState().toggleClass(matrixId, 'B');
    expect(picked()).toEqual(['C', 'B']);

    // A new matrix starts again from its own first two.
    await store.getState().startMatrix();
    expect(picked()).toEqual(['A', 'B']);
  });

  it('saves the result with the tab, trimmed: no spans, each output capped at ~4 KB; a reload shows it', async () => {
    const { client, store, saved } = await setup();
    const big = `${'x'.repeat(10_000)}\n`;
    client.handle('drift.matrix', (p) =>
      matrixResult(p.matrixId, [
        { ...cell('go1.22.12', { stdout: big, stderr: big, replay: [{ stream: 'stdout', data: big, delayMs: 0 }] }, 'toolchain'), classId: 'A' },
        { ...cell('go1.26.8', { stdout: 'small\n' }, 'toolchain'), classId: 'B' },
      ]),
    );
    await store.getState().loadCatalog();
    // Toolchain axis with nothing picked: the installed releases, and missing ones are installed.
    expect(matrixValues(store.getState())).toEqual(['go1.22.12', 'go1.26.8']);
    await store.getState().startMatrix();
    expect(client.calls.find((c) => c.name === 'drift.matrix')?.params).toMatchObject({ axis: 'toolchain', values: ['go1.22.12', 'go1.26.8'], install: true });

    await store.getState().saveWorkspace();
    expect(store.getState().saveError).toBeNull();
    const tab = saved.at(-1)!.tabs[0]!;
    const m = tab.drift!.matrix!;
    expect(m.cells).toHaveLength(2);
    for (const c of m.cells) {
      expect(c.result.spans).toEqual([]);
      expect(c.result.replay).toBeUndefined();
      expect(c.result.stdout.length).toBeLessThanOrEqual(SAVED_OUTPUT_CHARS);
      expect(c.result.stderr.length).toBeLessThanOrEqual(SAVED_OUTPUT_CHARS);
    }
    expect(m.cells[0]?.result.truncated).toBe(true);
    expect(m.cells[1]?.result.stdout).toBe('small\n');
    expect(m.classes[0]?.behaviour.stdout.length).toBe(SAVED_OUTPUT_CHARS);
    expect(JSON.stringify(m).length).toBeLessThan(30_000);

    // Another window (or a reload) shows the saved matrix of the tab.
    const reloaded = fakeClient();
    reloaded.handle('workspace.load', () => saved.at(-1)!);
    const again = createAppStore({ client: reloaded, storage: null, now: () => 0 });
    await again.getState().loadWorkspace();
    const view = matrixView(again.getState().matrixRun, again.getState().activeTabId, selectActiveTab(again.getState())?.drift?.matrix)!;
    expect(view.saved).toBe(true);
    expect(view.rows.map((r) => [r.value, r.classId])).toEqual([
      ['go1.22.12', 'A'],
      ['go1.26.8', 'B'],
    ]);
  });

  it('cancels by id, and a failed call says why', async () => {
    const { client, store } = await setup();
    const answer = deferred<MatrixResultInfo>();
    client.handle('drift.matrix', () => answer.promise);
    const done = store.getState().startMatrix();
    const matrixId = store.getState().matrixRun!.matrixId;
    // One matrix at a time.
    await store.getState().startMatrix();
    expect(client.calls.filter((c) => c.name === 'drift.matrix')).toHaveLength(1);

    await store.getState().cancelMatrix();
    expect(client.calls.at(-1)).toEqual({ name: 'drift.cancel', params: { id: matrixId } });
    expect(store.getState().matrixRun?.cancelRequested).toBe(true);
    answer.reject(new Error('the socket closed'));
    await done;
    expect(activeView(store)).toMatchObject({ running: false, failure: 'the socket closed' });
  });

  it('a matrix belongs to its tab: another tab shows its own saved one, or none', async () => {
    const { client, store } = await setup();
    client.handle('drift.matrix', (p) => matrixResult(p.matrixId, [{ ...cell('1.21', { stdout: '333\n' }), classId: 'A' }]));
    await store.getState().startMatrix();
    store.getState().addTab();
    expect(activeView(store)).toBeNull();
    store.getState().selectTab('tab-a');
    expect(activeView(store)?.rows.map((r) => r.value)).toEqual(['go1.22.12', 'go1.26.8']);
  });
});

describe('drift slice: bisect', () => {
  const step = (index: number, version: string, verdict: BisectStepInfo['verdict']): BisectStepInfo => ({ index, version, mode: 'wasm', verdict, result: `ok (exit 0): "${version}\\n"`, ms: 900 });

  it('streams the steps into the log, then shows and saves the report', async () => {
    const { client, store, saved } = await setup();
    const answer = deferred<BisectReportInfo>();
    client.handle('drift.bisect', () => answer.promise);
    store.getState().updateBisectForm({ good: 'go1.22.12', bad: '1.26.8', minor: '1.22' });
    store.getState().updateExpectation({ kind: 'stdout-contains', text: 'go1.26.8' });
    const done = store.getState().startBisect();
    expect(client.calls.find((c) => c.name === 'drift.bisect')?.params).toMatchObject({
      good: 'go1.22.12',
      bad: 'go1.26.8',
      minor: '1.22',
      stableOnly: true,
      expect: { kind: 'stdout-contains', value: 'go1.26.8' },
    });
    const bisectId = store.getState().bisectRun!.bisectId;
    const view = () => bisectView(store.getState().bisectRun, store.getState().activeTabId, selectActiveTab(store.getState())?.drift?.bisect);

    client.emit('drift.step', { bisectId, step: step(1, 'go1.26.8', 'new') });
    client.emit('drift.step', { bisectId, step: step(0, 'go1.22.12', 'old') });
    expect(view()?.steps.map((s) => [s.version, s.verdict])).toEqual([
      ['go1.22.12', 'old'],
      ['go1.26.8', 'new'],
    ]);
    expect(view()?.running).toBe(true);

    const report: BisectReportInfo = {
      bisectId,
      first: 'go1.26.8',
      last: 'go1.22.12',
      steps: [step(0, 'go1.22.12', 'old'), step(1, 'go1.26.8', 'new')],
      builds: 2,
      releases: 2,
      notes: 'https://go.dev/doc/devel/release#go1.26.minor',
      wallMs: 2000,
    };
    answer.resolve(report);
    await done;
    expect(view()).toMatchObject({ running: false, report: { first: 'go1.26.8' } });
    await store.getState().saveWorkspace();
    expect(saved.at(-1)?.tabs[0]?.drift?.bisect).toMatchObject({ first: 'go1.26.8', last: 'go1.22.12', builds: 2 });
  });

  it('does not start without both ends and a complete expectation', async () => {
    const { client, store } = await setup();
    client.handle('drift.bisect', () => {
      throw new Error('should not be called');
    });
    await store.getState().startBisect();
    store.getState().updateBisectForm({ good: 'go1.21.13', bad: 'go1.22.0' });
    store.getState().updateExpectation({ kind: 'stdout-contains', text: '' });
    await store.getState().startBisect();
    expect(client.calls.filter((c) => c.name === 'drift.bisect')).toHaveLength(0);
  });
});

describe('drift slice: examples', () => {
  it('opens an example in a new tab and sets the matrix and the bisect up around its change', async () => {
    const { store } = await setup();
    await store.getState().loadCatalog();
    store.getState().setDriftSection('examples');
    await expect.poll(() => store.getState().examplesStatus).toBe('ready');
    store.getState().openExample('loopvar');
    const s = store.getState();
    expect(s.tabs).toHaveLength(2);
    expect(selectActiveTab(s)).toMatchObject({ title: 'loopvar.go', source: LOOPVAR.source });
    expect(s.matrixForm).toMatchObject({ axis: 'language', releases: ['go1.21.13', 'go1.22.0', 'go1.26.8'], lines: ['1.21', '1.22', '1.26'] });
    expect(s.bisectForm).toMatchObject({ good: 'go1.21.13', bad: 'go1.22.0', expect: { kind: 'stdout-equals', text: '012\n' } });
    expect(s.driftSection).toBe('matrix');
    expect(s.rightPanel).toBe('drift');
    expect(s.matrixSetupOpen).toBe(true);

    // Opened again, unchanged: the same tab comes to the front. Edited: a fresh copy.
    const exampleTab = s.activeTabId;
    store.getState().selectTab('tab-a');
    store.getState().openExample('loopvar');
    expect(store.getState().tabs).toHaveLength(2);
    expect(store.getState().activeTabId).toBe(exampleTab);
    store.getState().setSource(exampleTab, `${LOOPVAR.source}// edited\n`);
    store.getState().openExample('loopvar');
    expect(store.getState().tabs).toHaveLength(3);
  });

  it('a matrix run folds the setup away', async () => {
    const { client, store } = await setup();
    client.handle('drift.matrix', (p) => matrixResult(p.matrixId, [{ ...cell('1.21', { stdout: '333\n' }), classId: 'A' }]));
    store.getState().setMatrixSetupOpen(true);
    await store.getState().startMatrix();
    expect(store.getState().matrixSetupOpen).toBe(false);
  });
});
