// The run's result: status, exit code (and the signal that killed it), what to do next, problems,
// test results, latency, a faketime replay and the output; and the tab's stdin at the foot.
import type { SandboxMode } from '../../shared/run';
import { PanelSwitch } from '../app/PanelSwitch';
import { LatencyBar, useElapsed } from '../latency/LatencyBar';
import { MODE_LABEL } from '../sandbox/ModeSwitch';
import { useApp } from '../store/context';
import { runDisplayStatus } from '../store/run-slice';
import { selectActiveTab } from '../store/workspace-slice';
import { Console } from './Console';
import { ReplayBar } from './ReplayBar';
import { Problems } from './Problems';
import { StdinBox } from './StdinBox';
import { TestResults } from './TestResults';
import { StatusBadge } from './StatusBadge';
import { formatMs } from './status';

export function OutputPanel() {
  const run = useApp((s) => s.run);
  const status = runDisplayStatus(run);
  const running = run?.phase === 'running';
  const replaying = run?.replay?.active ?? false;
  const elapsed = useElapsed(running, run?.startedAt ?? 0);
  const result = run?.result ?? null;
  const message = run?.failure ? `${run.failure}` : (result?.message ?? '');
  const showBuildOutput = result !== null && result.diagnostics.length === 0 && result.buildOutput.trim() !== '';
  const clearOutput = useApp((s) => s.clearOutput);
  const mode = useApp((s) => selectActiveTab(s)?.mode ?? 'wasm');
  // The output belongs to the tab that ran; say which when another tab is in front.
  const runTabTitle = useApp((s) => (s.run && s.run.tabId !== s.activeTabId ? (s.tabs.find((t) => t.id === s.run?.tabId)?.title ?? 'a closed tab') : null));

  return (
    <section className="output-panel" aria-label="Output">
      <header className="panel-header">
        <PanelSwitch />
        {status && run && <StatusBadge status={status} runId={run.runId} />}
        {result && (
          <span className="exit-code" title={result.exitCode === null ? 'The program did not run to an exit' : 'The exit code of the program'}>
            exit code{' '}
            <span className="value" data-testid="exit-code">
              {result.exitCode === null ? '—' : result.exitCode}
            </span>
          </span>
        )}
        {result?.signal && (
          <span className="run-signal" data-testid="run-signal" title="A signal ended the program (not the sandbox's own limits), e.g. kill(-1) or a crash">
            killed by <span className="value">{result.signal}</span>
          </span>
        )}
        <span className="spacer" />
        {runTabTitle && <span className="run-tab" title="The tab this output came from">from {runTabTitle}</span>}
        {run && (
          <span className="run-time" data-testid="run-time" title={runSummary(run.mode, running ? null : (result?.totalMs ?? null), result?.go?.version ?? null)}>
            {running ? formatMs(elapsed) : result ? formatMs(result.totalMs) : ''}
            {result?.go ? ` · ${result.go.version}` : ''}
            {` · ${MODE_LABEL[run.mode]}`}
          </span>
        )}
        <button type="button" className="icon-button" onClick={clearOutput} disabled={!run || running} title="Clear the output">
          Clear
        </button>
      </header>

      {message !== '' && (
        <p className={`run-message${run?.failure ? ' is-failure' : ''}`} data-testid="run-message" role="status">
          {message}
        </p>
      )}
      {result?.panic && !message.includes(result.panic.message) && (
        <p className="run-panic" data-testid="panic-message">
          panic: {result.panic.message}
        </p>
      )}

      <div className="panel-body">
        {run && result && <Problems diagnostics={result.diagnostics} source={run.source} tabId={run.tabId} />}
        {showBuildOutput && (
          <section className="build-output">
            <h3 className="section-title">Build output</h3>
            <pre data-testid="build-output">{result.buildOutput}</pre>
          </section>
        )}
        {result && <TestResults result={result} />}
        <LatencyBar />
        <ReplayBar />
        {run ? (
          <Console chunks={run.output} running={running || replaying} truncated={(result?.truncated ?? false) && !replaying} />
        ) : (
          <div className="empty-state" data-testid="output-empty">
            <p className="empty-title">No run yet</p>
            <p>
              Press <kbd>▶ Run</kbd> or <kbd>Ctrl</kbd>+<kbd>Enter</kbd> to build and run the snippet in the {MODE_LABEL[mode]} sandbox.
            </p>
          </div>
        )}
      </div>
      <StdinBox />
    </section>
  );
}

function runSummary(mode: SandboxMode, totalMs: number | null, go: string | null): string {
  return [totalMs !== null ? `took ${formatMs(totalMs)}` : 'running', go ? `built with ${go}` : null, `in the ${MODE_LABEL[mode]} sandbox`]
    .filter(Boolean)
    .join(', ');
}
