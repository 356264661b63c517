// What the matrix section shows: the live run of this tab (cells as they stream in), else the
// result saved with the tab; which two classes are compared, and the texts the diff shows.
import type { BehaviourClassInfo, MatrixAxis, MatrixCellInfo, MatrixResultInfo } from '../../shared/drift';
import type { RunResult } from '../../shared/run';

/** A cell as it streams in: its class is known only once the whole matrix is done. */
export type LiveCell = Omit<MatrixCellInfo, 'classId'> & { classId?: string };

export interface MatrixRun {
  matrixId: string;
  tabId: string;
  axis: MatrixAxis;
  /** In axis order, as the core runs and reports them. */
  values: string[];
  phase: 'running' | 'done';
  startedAt: number;
  finishedAt: number | null;
  /** Streamed cells by value, until the result replaces them. */
  cells: Record<string, LiveCell>;
  result: MatrixResultInfo | null;
  /** The call itself failed (transport, validation): there is no result. */
  failure: string | null;
  cancelRequested: boolean;
}

export interface MatrixRow {
  value: string;
  cell: LiveCell | null;
  classId: string | null;
}

export interface MatrixView {
  matrixId: string;
  axis: MatrixAxis;
  rows: MatrixRow[];
  classes: BehaviourClassInfo[];
  result: MatrixResultInfo | null;
  running: boolean;
  cancelRequested: boolean;
  failure: string | null;
  startedAt: number | null;
  /** How many cells have finished. */
  done: number;
  /** From the tab's saved drift, not from a run in this window. */
  saved: boolean;
}

export function matrixView(run: MatrixRun | null, activeTabId: string, saved: MatrixResultInfo | undefined): MatrixView | null {
  if (run && run.tabId === activeTabId) {
    const result = run.result;
    const byValue = new Map<string, LiveCell>(result ? result.cells.map((c) => [c.value, c]) : Object.entries(run.cells));
    const rows = run.values.map((value) => {
      const cell = byValue.get(value) ?? null;
      return { value, cell, classId: cell?.classId ?? null };
    });
    return {
      matrixId: run.matrixId,
      axis: run.axis,
      rows,
      classes: result?.classes ?? [],
      result,
      running: run.phase === 'running',
      cancelRequested: run.cancelRequested,
      failure: run.failure,
      startedAt: run.startedAt,
      done: rows.filter((r) => r.cell !== null).length,
      saved: false,
    };
  }
  if (!saved) return null;
  return {
    matrixId: saved.matrixId,
    axis: saved.axis,
    rows: saved.cells.map((cell) => ({ value: cell.value, cell, classId: cell.classId })),
    classes: saved.classes,
    result: saved,
    running: false,
    cancelRequested: false,
    failure: null,
    startedAt: null,
    done: saved.cells.length,
    saved: true,
  };
}

/** The two classes compared: the user's pick for this matrix, else the first two. */
export function selectedClassIds(view: Pick<MatrixView, 'matrixId' | 'classes'> | null, pick: { matrixId: string; ids: string[] } | null): string[] {
  if (!view) return [];
  if (pick && pick.matrixId === view.matrixId) return pick.ids.filter((id) => view.classes.some((c) => c.id === id));
  return view.classes.length >= 2 ? view.classes.slice(0, 2).map((c) => c.id) : [];
}

/** Clicking a class: off if it was on; on otherwise, dropping the older of two. */
export function toggleClassId(current: ReadonlyArray<string>, id: string): string[] {
  if (current.includes(id)) return current.filter((c) => c !== id);
  return [...current, id].slice(-2);
}

/** The class letter's colour slot: A, B, C… each its own colour, repeating after eight. */
export function classSlot(classId: string | null | undefined): number {
  if (!classId) return -1;
  const code = classId.charCodeAt(0) - 65;
  const index = classId.length === 1 && code >= 0 && code < 26 ? code : Number(classId.replace(/\D/g, '')) - 1;
  return Number.isFinite(index) && index >= 0 ? index % 8 : -1;
}

/** The one line a grid cell shows: the first compile error, or the first line of the output. */
export function outputHead(r: RunResult): string {
  if (r.status === 'compile-error' || r.status === 'vet-error') {
    const d = r.diagnostics[0];
    if (d) return `${d.file}:${d.line}: ${d.message}`;
    return firstLine(r.buildOutput) || r.message;
  }
  const text = r.stdout !== '' ? r.stdout : r.stderr !== '' ? r.stderr : r.message;
  const head = firstLine(text);
  const more = text.replace(/\n+$/, '').includes('\n');
  return more ? `${head} …` : head;
}

function firstLine(text: string): string {
  return (text.split('\n').find((l) => l.trim() !== '') ?? '').trimEnd();
}

type Behaviour = BehaviourClassInfo['behaviour'];

/**
 * The two sides of a class diff: status, then stdout, stderr and compile errors — a section on
 * both sides when either side has it, so the diff lines up section by section.
 */
export function classDiffTexts(a: Behaviour, b: Behaviour): { original: string; modified: string } {
  const sections: Array<{ title: string; of: (x: Behaviour) => string }> = [
    { title: 'stdout', of: (x) => x.stdout },
    { title: 'stderr', of: (x) => x.stderr },
    { title: 'compile errors', of: (x) => x.compile },
  ];
  const render = (x: Behaviour) => {
    const lines = [`status: ${x.status}`, `exit code: ${x.exitCode ?? '—'}`];
    for (const s of sections) {
      if (s.of(a) === '' && s.of(b) === '') continue;
      const body = s.of(x);
      lines.push('', `── ${s.title} ──`, body === '' ? '(empty)' : body.replace(/\n$/, ''));
    }
    return `${lines.join('\n')}\n`;
  };
  return { original: render(a), modified: render(b) };
}

/**
 * What differs between two classes, in the instructor's words: on the language axis only the go
 * line changed (the toolchain is the same); on the toolchain axis the release changed.
 */
export function axisChange(view: Pick<MatrixView, 'axis' | 'rows'>, a: BehaviourClassInfo, b: BehaviourClassInfo): string {
  const cellOf = (c: BehaviourClassInfo) => view.rows.find((r) => r.value === c.members[0])?.cell ?? null;
  const ca = cellOf(a);
  const cb = cellOf(b);
  if (view.axis === 'language') {
    const tc = ca?.toolchain ?? cb?.toolchain;
    return `The go line changed (${a.members[0]} → ${b.members[0]}) on the same toolchain${tc ? ` (${tc})` : ''}: a language change, decided by go.mod.`;
  }
  const lines = ca?.goLine && cb?.goLine && ca.goLine !== cb.goLine ? `, and with it the default go line (${ca.goLine} → ${cb.goLine})` : '';
  return `The toolchain changed (${a.members[0]} → ${b.members[0]})${lines}.`;
}

/** What a matrix keeps when saved with its tab: no spans, and at most ~4 KB of each output. */
export const SAVED_OUTPUT_CHARS = 4096;
const MAX_SAVED_DIAGNOSTICS = 20;

function cap(text: string, max = SAVED_OUTPUT_CHARS): string {
  return text.length > max ? text.slice(0, max) : text;
}

export function trimRunResult(r: RunResult): RunResult {
  const cut = r.stdout.length > SAVED_OUTPUT_CHARS || r.stderr.length > SAVED_OUTPUT_CHARS;
  const { replay: _replay, ...rest } = r;
  return {
    ...rest,
    stdout: cap(r.stdout),
    stderr: cap(r.stderr),
    buildOutput: cap(r.buildOutput),
    message: cap(r.message, 1024),
    diagnostics: r.diagnostics.slice(0, MAX_SAVED_DIAGNOSTICS),
    truncated: r.truncated || cut,
    spans: [],
    ...(r.tests ? { tests: r.tests.slice(0, 100) } : {}),
  };
}

export function trimMatrix(m: MatrixResultInfo): MatrixResultInfo {
  return {
    ...m,
    cells: m.cells.map((c) => ({ ...c, result: trimRunResult(c.result), ...(c.note !== undefined ? { note: cap(c.note, 1024) } : {}) })),
    classes: m.classes.map((c) => ({
      ...c,
      // The key is the whole behaviour as JSON: the renderer never reads it; keep a short prefix.
      key: cap(c.key, 256),
      behaviour: { ...c.behaviour, stdout: cap(c.behaviour.stdout), stderr: cap(c.behaviour.stderr), compile: cap(c.behaviour.compile) },
    })),
  };
}
