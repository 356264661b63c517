// A matrix as it runs and once done: progress, one row per release (or go line) as its cell
// finishes, then the behaviour classes, and two of them diffed side by side.
import { useMemo } from 'react';
import type { BehaviourClassInfo } from '../../shared/drift';
import { matrixMarkdown } from '../../shared/drift-report';
import { useElapsed } from '../latency/LatencyBar';
import { formatMs } from '../output/status';
import { MODE_LABEL } from '../sandbox/ModeSwitch';
import { useApp } from '../store/context';
import { installPercent, isActive } from '../store/install-progress';
import { selectActiveTab } from '../store/workspace-slice';
import { ClassDiff } from './ClassDiff';
import { DriftStatus } from './DriftStatus';
import { ExportButtons } from './ExportButtons';
import { axisChange, classSlot, matrixView, outputHead, selectedClassIds, type MatrixRow, type MatrixView } from './matrix-view';

export function MatrixResults() {
  const run = useApp((s) => s.matrixRun);
  const activeTabId = useApp((s) => s.activeTabId);
  const saved = useApp((s) => selectActiveTab(s)?.drift?.matrix);
  const pick = useApp((s) => s.classPick);
  const view = useMemo(() => matrixView(run, activeTabId, saved), [run, activeTabId, saved]);
  const selected = selectedClassIds(view, pick);

  if (!view) {
    return (
      <div className="drift-empty" data-testid="matrix-empty">
        <p className="empty-title">No matrix yet for this snippet</p>
        <p>Pick releases (or go lines) above and run: identical results are grouped into classes, and any two classes can be diffed.</p>
      </div>
    );
  }
  return (
    <>
      <MatrixSummary view={view} />
      {view.failure && (
        <p className="inline-error drift-failure" role="alert" data-testid="matrix-failure">
          The matrix did not run: {view.failure}
        </p>
      )}
      <MatrixGrid view={view} />
      {view.classes.length > 0 && <ClassList view={view} selected={selected} />}
      <ClassComparison view={view} selected={selected} />
    </>
  );
}

function MatrixSummary({ view }: { view: MatrixView }) {
  const elapsed = useElapsed(view.running, view.startedAt ?? 0);
  const toolchain = view.axis === 'language' ? (view.rows.find((r) => r.cell)?.cell?.toolchain ?? null) : null;
  return (
    <div className="drift-summary" data-testid="matrix-summary" data-state={view.running ? 'running' : 'done'}>
      {view.running && <span className="spinner" aria-hidden="true" />}
      <span className="drift-summary-main">
        {view.running ? (
          <>
            Running · <strong>{view.done}</strong> of {view.rows.length} done · {formatMs(elapsed)}
          </>
        ) : view.result ? (
          <>
            <strong data-testid="matrix-class-count">{view.classes.length}</strong> {view.classes.length === 1 ? 'behaviour' : 'behaviours'} across{' '}
            {countOf(view.result.cells.length, view.axis)} · {formatMs(view.result.wallMs)}
          </>
        ) : (
          'Stopped'
        )}
      </span>
      <span className="drift-summary-axis">
        {view.axis === 'language' ? `language axis${toolchain ? ` · ${toolchain} fixed` : ''}` : 'toolchain axis'}
        {view.saved ? ' · saved with this tab' : ''}
      </span>
      <span className="spacer" />
      {view.result && <ExportButtons kind="matrix" markdown={() => matrixMarkdown(view.result!)} json={() => view.result} />}
    </div>
  );
}

function MatrixGrid({ view }: { view: MatrixView }) {
  return (
    <div className="matrix-grid-wrap">
      <table className="matrix-grid" data-testid="matrix-grid">
        <thead>
          <tr>
            <th scope="col">{view.axis === 'language' ? 'Go line' : 'Release'}</th>
            <th scope="col" className="col-class">
              Class
            </th>
            <th scope="col">Status</th>
            <th scope="col">Output</th>
            <th scope="col" className="num col-time">
              Time
            </th>
            <th scope="col" className="col-sandbox">
              Sandbox
            </th>
          </tr>
        </thead>
        <tbody>
          {view.rows.map((row) => (
            <GridRow key={row.value} row={row} running={view.running} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function GridRow({ row, running }: { row: MatrixRow; running: boolean }) {
  const install = useApp((s) => s.installs[row.value]);
  const cell = row.cell;
  const r = cell?.result;
  const slot = classSlot(row.classId);
  return (
    <tr className={`matrix-row${slot >= 0 ? ` class-slot-${slot}` : ''}${cell ? '' : ' is-pending'}`} data-testid={`matrix-cell-${row.value}`} data-class={row.classId ?? ''} data-status={r?.status ?? (running ? 'pending' : 'not-run')}>
      <th scope="row" className="matrix-value">
        {row.value}
      </th>
      <td className="col-class">{row.classId ? <span className="class-letter">{row.classId}</span> : <span className="class-letter is-empty">·</span>}</td>
      {r && cell ? (
        <>
          <td>
            <DriftStatus status={r.status} exitCode={r.exitCode} />
          </td>
          <td className="matrix-output">
            <code className="matrix-output-head" data-testid="matrix-output" title={(r.stdout || r.stderr || r.buildOutput || r.message).slice(0, 2000)}>
              {outputHead(r) || <span className="muted">(no output)</span>}
            </code>
            {cell.note && <span className="matrix-note">{cell.note}</span>}
          </td>
          <td className="num col-time">{formatMs(r.totalMs)}</td>
          <td className="col-sandbox">{MODE_LABEL[cell.mode]}</td>
        </>
      ) : (
        <td colSpan={4} className="matrix-waiting">
          {running ? (
            isActive(install) && install ? (
              <>
                <span className="spinner small" aria-hidden="true" /> Installing {row.value}
                {installPercent(install) !== null ? ` · ${Math.floor(installPercent(install)!)}%` : '…'}
              </>
            ) : (
              <>
                <span className="spinner small" aria-hidden="true" /> building and running…
              </>
            )
          ) : (
            'not run (canceled)'
          )}
        </td>
      )}
    </tr>
  );
}

function ClassList({ view, selected }: { view: MatrixView; selected: string[] }) {
  const toggleClass = useApp((s) => s.toggleClass);
  return (
    <section className="class-list" aria-label="Behaviour classes" data-testid="class-list">
      <h3 className="section-title">
        Behaviours <span className="class-list-hint">{view.classes.length > 1 ? 'select two to compare' : 'every run behaved the same'}</span>
      </h3>
      {view.classes.map((c) => {
        const on = selected.includes(c.id);
        return (
          <button
            key={c.id}
            type="button"
            className={`class-row class-slot-${classSlot(c.id)}${on ? ' is-selected' : ''}`}
            aria-pressed={on}
            data-testid={`class-${c.id}`}
            disabled={view.classes.length < 2}
            onClick={() => toggleClass(view.matrixId, c.id)}
          >
            <span className="class-letter big">{c.id}</span>
            <span className="class-label" data-testid="class-label">
              {c.label}
            </span>
            <DriftStatus status={c.behaviour.status} exitCode={c.behaviour.exitCode} />
            <code className="class-output" data-testid="class-output">
              {classPreview(c)}
            </code>
            <span className="class-count">
              {countOf(c.members.length, view.axis)}
            </span>
          </button>
        );
      })}
    </section>
  );
}

/** "1 release", "3 go lines". */
function countOf(n: number, axis: MatrixView['axis']): string {
  const noun = axis === 'language' ? 'go line' : 'release';
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function classPreview(c: BehaviourClassInfo): string {
  const b = c.behaviour;
  const text = b.status === 'compile-error' ? b.compile : b.stdout !== '' ? b.stdout : b.stderr;
  const one = text.replace(/\n+$/, '').replace(/\n/g, ' ⏎ ');
  return one.length > 90 ? `${one.slice(0, 89)}…` : one || '(no output)';
}

function ClassComparison({ view, selected }: { view: MatrixView; selected: string[] }) {
  if (view.classes.length < 2) return null;
  const [a, b] = selected.map((id) => view.classes.find((c) => c.id === id)).filter((c): c is BehaviourClassInfo => c !== undefined);
  if (!a || !b) {
    return (
      <p className="drift-hint class-diff-hint" data-testid="class-diff-hint">
        Select {selected.length === 0 ? 'two classes' : 'one more class'} to see their output side by side.
      </p>
    );
  }
  // Older behaviour on the left: classes are lettered in axis order.
  const [left, right] = view.classes.indexOf(a) <= view.classes.indexOf(b) ? [a, b] : [b, a];
  return <ClassDiff a={left} b={right} change={axisChange(view, left, right)} />;
}
