// Bisect: a good and a bad release, what the new behaviour looks like, and options; then a live
// log of the steps and the report naming the first release with the new behaviour.
import { useMemo } from 'react';
import { bisectMarkdown } from '../../shared/drift-report';
import { useElapsed } from '../latency/LatencyBar';
import { formatMs } from '../output/status';
import { MODE_LABEL } from '../sandbox/ModeSwitch';
import { useApp } from '../store/context';
import type { DriftMode } from '../store/drift-slice';
import { selectActiveTab } from '../store/workspace-slice';
import { compareGoVersions } from '../versions/go-version';
import { bisectView, reportHeadline, type BisectView } from './bisect-view';
import { buildExpectation, describeExpectation } from './expectation';
import { ExpectationBuilder } from './ExpectationBuilder';
import { ExportButtons } from './ExportButtons';
import { MODE_CHOICES } from './MatrixSetup';
import { bisectPlan, linesOf, releaseOptions, type ReleaseOption } from './picks';

export function BisectSection() {
  const run = useApp((s) => s.bisectRun);
  const activeTabId = useApp((s) => s.activeTabId);
  const saved = useApp((s) => selectActiveTab(s)?.drift?.bisect);
  const view = useMemo(() => bisectView(run, activeTabId, saved), [run, activeTabId, saved]);

  return (
    <div className="drift-section" data-testid="bisect-section">
      <BisectSetup />
      {view ? (
        <>
          {view.report && <BisectReport view={view} />}
          {view.failure && (
            <p className="inline-error drift-failure" role="alert" data-testid="bisect-failure">
              The bisect did not run: {view.failure}
            </p>
          )}
          <BisectLog view={view} />
        </>
      ) : (
        <div className="drift-empty" data-testid="bisect-empty">
          <p className="empty-title">No bisect yet for this snippet</p>
          <p>Give a release with the old behaviour, one with the new, and what the new behaviour looks like: Gopherlab finds the first release that has it in about log₂(N) builds, installing releases as needed.</p>
        </div>
      )}
    </div>
  );
}

function BisectSetup() {
  const form = useApp((s) => s.bisectForm);
  const update = useApp((s) => s.updateBisectForm);
  const catalog = useApp((s) => s.catalog);
  const toolchains = useApp((s) => s.toolchains);
  const running = useApp((s) => s.bisectRun?.phase === 'running');
  const cancelRequested = useApp((s) => s.bisectRun?.cancelRequested ?? false);
  const startBisect = useApp((s) => s.startBisect);
  const cancelBisect = useApp((s) => s.cancelBisect);

  const options = useMemo(() => releaseOptions(catalog?.releases ?? null, toolchains), [catalog, toolchains]);
  const built = buildExpectation(form.expect);
  const order = form.good && form.bad ? compareGoVersions(form.good, form.bad) : 0;
  const plan = bisectPlan(options, form);
  const minors = useMemo(() => linesOf(options).filter((l) => !form.good || !form.bad || (compareGoVersions(`go${l}.99`, form.good) >= 0 && compareGoVersions(`go${l}`, form.bad) <= 0)), [options, form.good, form.bad]);
  const problem = !form.good || !form.bad ? 'Pick a good and a bad release.' : order >= 0 ? 'The good release must be older than the bad one.' : !built.ok ? built.error : null;

  return (
    <section className="drift-card drift-setup" aria-label="Bisect setup" data-testid="bisect-setup">
      <div className="drift-row bisect-ends">
        <VersionSelect label="Good" sub="old behaviour" testId="bisect-good" value={form.good} options={options} stableOnly={form.stableOnly} onChange={(good) => update({ good })} />
        <button type="button" className="icon-button bisect-swap" title="Swap good and bad" aria-label="Swap good and bad" onClick={() => update({ good: form.bad, bad: form.good })}>
          ⇄
        </button>
        <VersionSelect label="Bad" sub="new behaviour" testId="bisect-bad" value={form.bad} options={options} stableOnly={form.stableOnly} onChange={(bad) => update({ bad })} />
      </div>

      <ExpectationBuilder options={options} />

      <div className="drift-row">
        <label className="drift-check">
          <input type="checkbox" checked={form.stableOnly} data-testid="bisect-stable-only" onChange={(e) => update({ stableOnly: e.target.checked })} />
          Stable releases only
        </label>
        <label className="drift-field">
          <span className="drift-label">Limit to</span>
          <select value={form.minor} data-testid="bisect-minor" onChange={(e) => update({ minor: e.target.value })} title="Only the releases of one minor between good and bad (plus both ends)">
            <option value="">all minors</option>
            {minors.map((l) => (
              <option key={l} value={l}>
                go{l}.x
              </option>
            ))}
          </select>
        </label>
        <label className="drift-field">
          <span className="drift-label">Sandbox</span>
          <select value={form.mode} data-testid="bisect-mode" onChange={(e) => update({ mode: e.target.value as DriftMode })}>
            {MODE_CHOICES.map((m) => (
              <option key={m.mode} value={m.mode} title={m.hint}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
      </div>

      <div className="drift-row drift-actions-row">
        <span className={problem ? 'drift-warn' : 'drift-plan'} data-testid="bisect-plan">
          {problem ?? (plan && plan.releases > 0 ? `About ${plan.builds} builds over ${plan.releases} releases` : 'The release list decides how many releases lie between.')}
        </span>
        <span className="spacer" />
        {running ? (
          <button type="button" className="button danger big" data-testid="bisect-cancel" disabled={cancelRequested} onClick={() => void cancelBisect()}>
            ■ {cancelRequested ? 'Canceling…' : 'Cancel'}
          </button>
        ) : (
          <button type="button" className="button primary big" data-testid="bisect-start" disabled={problem !== null} onClick={() => void startBisect()}>
            ▶ Start bisect
          </button>
        )}
      </div>
    </section>
  );
}

function VersionSelect(props: { label: string; sub: string; testId: string; value: string; options: ReadonlyArray<ReleaseOption>; stableOnly: boolean; onChange: (v: string) => void }) {
  const { value, options } = props;
  const shown = options.filter((o) => o.stable || !props.stableOnly || o.version === value);
  const known = value === '' || shown.some((o) => o.version === value);
  return (
    <label className="drift-field bisect-end">
      <span className="drift-label">
        {props.label} <span className="drift-label-sub">{props.sub}</span>
      </span>
      <select value={value} data-testid={props.testId} onChange={(e) => props.onChange(e.target.value)} title="✓ installed · Docker: before Go 1.21, runs in Docker">
        <option value="">choose a release…</option>
        {!known && <option value={value}>{value}</option>}
        {shown.map((o) => (
          <option key={o.version} value={o.version} title={o.installed ? 'installed' : 'installed on demand when the bisect needs it'}>
            {o.version}
            {o.installed ? '  ✓' : ''}
            {o.wasm ? '' : '  · Docker'}
          </option>
        ))}
      </select>
    </label>
  );
}

function BisectReport({ view }: { view: BisectView }) {
  const r = view.report!;
  const head = reportHeadline(r);
  return (
    <section className={`bisect-report is-${head.kind}`} data-testid="bisect-report" data-kind={head.kind} aria-live="polite">
      {head.kind === 'error' ? (
        <>
          <h3 className="bisect-report-title">Bisect stopped</h3>
          <p className="bisect-report-error" data-testid="bisect-error">
            {r.error}
          </p>
        </>
      ) : (
        <>
          <h3 className="bisect-report-title">First release with the new behaviour</h3>
          <p className="bisect-report-first">
            <span className="bisect-first" data-testid="bisect-first">
              {head.kind === 'found' ? r.first : r.candidates!.join(' · ')}
            </span>
            {head.kind === 'found' && r.last && (
              <span className="bisect-last" data-testid="bisect-last">
                last with the old: <strong>{r.last}</strong>
              </span>
            )}
          </p>
          {head.kind === 'candidates' && <p className="drift-hint">Releases in between could not be tested, so it is one of these.</p>}
        </>
      )}
      <div className="bisect-report-meta">
        <span data-testid="bisect-builds">
          <strong>{r.builds}</strong> {r.builds === 1 ? 'build' : 'builds'} over <strong>{r.releases}</strong> {r.releases === 1 ? 'release' : 'releases'}
        </span>
        <span>{formatMs(r.wallMs)}</span>
        {r.notes && (
          <a className="bisect-notes" href={r.notes} target="_blank" rel="noreferrer noopener" data-testid="bisect-notes">
            Release notes ↗
          </a>
        )}
        <span className="spacer" />
        <ExportButtons kind="bisect" markdown={() => bisectMarkdown(r)} json={() => r} />
      </div>
    </section>
  );
}

function BisectLog({ view }: { view: BisectView }) {
  const elapsed = useElapsed(view.running, view.startedAt ?? 0);
  const expect = useApp((s) => (s.bisectRun?.bisectId === view.bisectId ? s.bisectRun.expect : null));
  return (
    <section className="bisect-log" aria-label="Bisect log" data-testid="bisect-log">
      <div className="drift-summary" data-state={view.running ? 'running' : 'done'}>
        {view.running && <span className="spinner" aria-hidden="true" />}
        <span className="drift-summary-main">
          {view.running ? (
            <>
              Bisecting{view.good && view.bad ? ` ${view.good} → ${view.bad}` : ''} · step <strong>{view.steps.length + 1}</strong> · {formatMs(elapsed)}
            </>
          ) : (
            <>
              {view.steps.length} {view.steps.length === 1 ? 'step' : 'steps'}
              {view.saved ? ' · saved with this tab' : ''}
            </>
          )}
        </span>
        {expect && <span className="drift-summary-axis">new behaviour: {describeExpectation(expect)}</span>}
      </div>
      <div className="matrix-grid-wrap">
        <table className="matrix-grid bisect-steps" data-testid="bisect-steps">
          <thead>
            <tr>
              <th scope="col" className="num">
                #
              </th>
              <th scope="col">Release</th>
              <th scope="col">Verdict</th>
              <th scope="col">Result</th>
              <th scope="col" className="num col-time">
                Time
              </th>
              <th scope="col" className="col-sandbox">
                Sandbox
              </th>
            </tr>
          </thead>
          <tbody>
            {view.steps.map((s) => (
              <tr key={s.index} className={`bisect-step verdict-${s.verdict}`} data-testid={`bisect-step-${s.index}`} data-verdict={s.verdict} data-version={s.version}>
                <td className="num">{s.index + 1}</td>
                <th scope="row" className="matrix-value">
                  {s.version}
                </th>
                <td>
                  <span className={`verdict-pill verdict-${s.verdict}`}>{s.verdict}</span>
                </td>
                <td className="matrix-output">
                  <code className="matrix-output-head">{s.result}</code>
                  {s.note && <span className="matrix-note">{s.note}</span>}
                </td>
                <td className="num col-time">{formatMs(s.ms)}</td>
                <td className="col-sandbox">{MODE_LABEL[s.mode]}</td>
              </tr>
            ))}
            {view.running && (
              <tr className="bisect-step is-pending">
                <td className="num">{view.steps.length + 1}</td>
                <td colSpan={5} className="matrix-waiting">
                  <span className="spinner small" aria-hidden="true" /> {view.steps.length === 0 ? 'checking the good release…' : view.steps.length === 1 ? 'checking the bad release…' : 'building the next release…'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
