// Performance drift: the snippet's benchmarks on each picked release, several runs each; a table
// per benchmark (median ± spread) and the change from release to release against the noise.
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { benchVersions } from '../store/bench-slice';
import { useApp } from '../store/context';
import { benchFormProblem, benchTables, failedReleases, formatStat, MAX_BENCH_COUNT, MIN_BENCH_COUNT, type BenchTable } from './bench-view';
import { installedPicks, releaseOptions, sortReleases } from './picks';

export function BenchSection() {
  return (
    <div className="drift-section" data-testid="bench-section">
      <BenchSetup />
      <BenchResults />
    </div>
  );
}

function BenchSetup() {
  const toolchains = useApp((s) => s.toolchains);
  const form = useApp((s) => s.benchForm);
  const update = useApp((s) => s.updateBenchForm);
  const picked = useApp(useShallow(benchVersions));
  const running = useApp((s) => s.benchRun?.phase === 'running');
  const cancelRequested = useApp((s) => s.benchRun?.cancelRequested ?? false);
  const startBench = useApp((s) => s.startBench);
  const cancelBench = useApp((s) => s.cancelBench);
  const installed = useMemo(() => installedPicks(releaseOptions(null, toolchains)).reverse(), [toolchains]);
  const defaultVersion = toolchains.find((t) => t.isDefault)?.version ?? null;
  const pickedSet = new Set(picked);
  const problem = benchFormProblem(form, picked);
  const toggle = (v: string) => update({ versions: sortReleases(pickedSet.has(v) ? picked.filter((p) => p !== v) : [...picked, v]) });

  return (
    <section className="drift-card drift-setup" aria-label="Benchmark setup" data-testid="bench-setup">
      <div className="drift-row" role="group" aria-label="Releases to benchmark">
        <span className="drift-label">Releases</span>
        <div className="line-chips">
          {installed.map((v) => (
            <button
              key={v}
              type="button"
              className={`line-chip${pickedSet.has(v) ? ' is-checked' : ''}`}
              aria-pressed={pickedSet.has(v)}
              data-testid={`bench-version-${v}`}
              onClick={() => toggle(v)}
              title={v === defaultVersion ? `${v} (the default toolchain)` : v}
            >
              {v}
              {v === defaultVersion && <span className="badge badge-default">default</span>}
            </button>
          ))}
          {installed.length === 0 && <span className="drift-hint">No Go toolchain installed: install one from the SDK panel.</span>}
        </div>
        <button type="button" className="link-button" data-testid="bench-pick-installed" onClick={() => update({ versions: null })}>
          All installed
        </button>
        <button type="button" className="link-button" data-testid="bench-pick-clear" disabled={picked.length === 0} onClick={() => update({ versions: [] })}>
          Clear
        </button>
      </div>
      <div className="drift-row drift-actions-row">
        <label className="drift-field">
          <span className="drift-label">Benchmarks</span>
          <input
            className="text-input"
            type="text"
            spellCheck={false}
            data-testid="bench-pattern"
            value={form.bench}
            placeholder="."
            title="A -test.bench pattern: . for all"
            onChange={(e) => update({ bench: e.target.value })}
          />
        </label>
        <label className="drift-field">
          <span className="drift-label">Runs</span>
          <input
            className="text-input"
            type="number"
            min={MIN_BENCH_COUNT}
            max={MAX_BENCH_COUNT}
            data-testid="bench-count"
            value={Number.isFinite(form.count) ? form.count : ''}
            title="Runs per release (-test.count); the median is reported"
            onChange={(e) => update({ count: e.target.valueAsNumber })}
          />
        </label>
        <label className="drift-field">
          <span className="drift-label">Bench time</span>
          <input
            className="text-input"
            type="text"
            spellCheck={false}
            data-testid="bench-benchtime"
            value={form.benchtime}
            placeholder="1s"
            title="-test.benchtime: a duration (500ms) or a number of iterations (200x)"
            onChange={(e) => update({ benchtime: e.target.value })}
          />
        </label>
        <span className="spacer" />
        {problem && picked.length > 0 && <span className="drift-warn" data-testid="bench-problem">{problem}</span>}
        {running ? (
          <button type="button" className="button danger big" data-testid="bench-cancel" disabled={cancelRequested} onClick={() => void cancelBench()}>
            ■ {cancelRequested ? 'Canceling…' : 'Cancel'}
          </button>
        ) : (
          <button type="button" className="button primary big" data-testid="bench-run" disabled={problem !== null} onClick={() => void startBench()}>
            ▶ Benchmark on {picked.length} {picked.length === 1 ? 'release' : 'releases'}
          </button>
        )}
      </div>
    </section>
  );
}

function BenchResults() {
  const run = useApp((s) => (s.benchRun?.tabId === s.activeTabId ? s.benchRun : null));
  const tables = useMemo(() => (run?.result ? benchTables(run.result) : []), [run?.result]);
  const failed = useMemo(() => (run?.result ? failedReleases(run.result) : []), [run?.result]);
  if (!run) return <p className="drift-hint">Write a Benchmark function in a _test.go file of the snippet, pick releases and run.</p>;

  return (
    <section className="drift-card" aria-label="Benchmark results" data-testid="bench-results" data-phase={run.phase}>
      {run.phase === 'running' && (
        <p className="drift-hint" role="status" data-testid="bench-running">
          <span className="spinner small inline" aria-hidden="true" /> Benchmarking on {run.versions.join(', ')}…
        </p>
      )}
      {run.failure && (
        <p className="inline-error" role="alert" data-testid="bench-failure">
          {run.failure}
        </p>
      )}
      {failed.map((f) => (
        <p key={f.version} className="inline-error" data-testid={`bench-release-error-${f.version}`}>
          {f.version}: {f.error}
        </p>
      ))}
      {run.result && tables.length === 0 && failed.length === 0 && <p className="drift-hint">No benchmark ran: does the pattern match a Benchmark function?</p>}
      {run.result && (
        <p className="drift-hint" data-testid="bench-summary">
          {tables.length} {tables.length === 1 ? 'benchmark' : 'benchmarks'} on {run.result.releases.length} {run.result.releases.length === 1 ? 'release' : 'releases'} in{' '}
          {(run.result.wallMs / 1000).toFixed(1)} s
        </p>
      )}
      {tables.map((t) => (
        <BenchTableView key={t.name} table={t} />
      ))}
    </section>
  );
}

function BenchTableView({ table }: { table: BenchTable }) {
  return (
    <div className="bench-table-box" data-testid={`bench-table-${table.name}`}>
      <h4 className="bench-name">{table.name}</h4>
      <table className="sdk-table bench-table">
        <thead>
          <tr>
            <th scope="col">Release</th>
            <th scope="col" className="num">
              ns/op
            </th>
            <th scope="col" className="num">
              B/op
            </th>
            <th scope="col" className="num">
              allocs/op
            </th>
            <th scope="col" className="num">
              Runs
            </th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr key={r.version} data-testid={`bench-row-${r.version}`}>
              <td>
                {r.version} <span className="muted">{r.mode === 'docker' ? 'Docker' : 'WASM'}</span>
              </td>
              {r.stats ? (
                <>
                  <td className="num" data-testid="bench-ns">
                    {formatStat(r.stats.nsPerOp)}
                  </td>
                  <td className="num" data-testid="bench-bytes">
                    {formatStat(r.stats.bytesPerOp, false)}
                  </td>
                  <td className="num" data-testid="bench-allocs">
                    {formatStat(r.stats.allocsPerOp, false)}
                  </td>
                  <td className="num">{r.stats.runs}</td>
                </>
              ) : (
                <td colSpan={4} className="muted">
                  {r.error ?? 'not run'}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {table.changes.length > 0 && (
        <ul className="bench-changes" aria-label={`Changes of ${table.name}`}>
          {table.changes.map((c) => (
            <li
              key={`${c.from}-${c.to}`}
              className={`bench-change${c.significant ? ` is-significant is-${c.direction}` : ''}`}
              data-testid={`bench-change-${c.from}-${c.to}`}
              data-significant={c.significant}
            >
              {c.from} → {c.to}: <strong>{c.text}</strong>
              {c.significant ? (c.direction === 'slower' ? ' slower' : ' faster') : ' within the noise'}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
