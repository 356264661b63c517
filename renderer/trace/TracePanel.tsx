// The trace timeline of the last run: its pipeline stages and, for a traced run, the program's Go
// execution trace (Ps, GC, STW, tasks, regions, logs; a lane per goroutine on demand), with
// zoom, pan, the selected goroutine's creation stack, and exports for Perfetto and `go tool trace`.
import { useEffect, useMemo, useState } from 'react';
import type { Span } from '../../shared/run';
import { PanelSwitch } from '../app/PanelSwitch';
import { describeError } from '../store/errors';
import { useApp, useAppStoreApi } from '../store/context';
import { base64ToBytes, chromeTraceBlob, downloadBlob, exportName } from './download';
import { buildModel, creationStack, goroutineLabel, STATE_COLORS } from './lanes';
import { TimelineView } from './TimelineView';
import { boundsFor, clampView, fit, formatRange, zoomCenter, type Bounds, type View } from './viewport';
import './trace.css';

const NO_SPANS: Span[] = [];

export function TracePanel() {
  const store = useAppStoreApi();
  const runId = useApp((s) => s.run?.runId ?? null);
  const running = useApp((s) => s.run?.phase === 'running');
  const traced = useApp((s) => s.run?.traced ?? false);
  const spans = useApp((s) => s.run?.result?.spans ?? s.run?.stages ?? NO_SPANS);
  const totalMs = useApp((s) => s.run?.result?.totalMs ?? null);
  const traceRef = useApp((s) => s.run?.result?.trace ?? null);
  const traceView = useApp((s) => (s.trace && s.trace.runId === s.run?.runId ? s.trace : null));
  const timeline = traceView?.timeline ?? null;

  const [goroutineLanes, setGoroutineLanes] = useState(false);
  const [systemGoroutines, setSystemGoroutines] = useState(false);
  const [selectedG, setSelectedG] = useState<number | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);

  const model = useMemo(
    () => buildModel(spans, totalMs, timeline, { goroutineLanes, systemGoroutines }),
    [spans, totalMs, timeline, goroutineLanes, systemGoroutines],
  );
  const bounds = useMemo(() => boundsFor(0, model.endNs), [model.endNs]);
  // A traced run opens on its Go trace (the build before it is usually far longer); Fit shows all.
  const initialView = useMemo(() => startView(bounds, model.traceOffsetNs, timeline?.durationNs ?? null), [bounds, model.traceOffsetNs, timeline]);
  const [view, setView] = useState<View>(initialView);
  useEffect(() => {
    setView(initialView);
    setSelectedG(null);
  }, [initialView, runId]);

  useEffect(() => {
    // Opened on a traced run whose timeline was not fetched (or failed): ask once more.
    const s = store.getState();
    const ref = s.run?.result?.trace;
    if (s.run && s.run.phase === 'done' && ref && !ref.error && ref.bytes > 0 && s.trace?.runId !== s.run.runId) void s.loadTrace(s.run.runId);
  }, [store, runId]);

  const selected = selectedG !== null ? model.goroutines.get(selectedG) : undefined;
  const stack = creationStack(selected);

  const exportChrome = () => {
    if (!runId) return;
    setExportError(null);
    try {
      downloadBlob(exportName(runId, 'chrome'), chromeTraceBlob(spans, timeline));
    } catch (err) {
      setExportError(`Could not export the timeline: ${describeError(err)}`);
    }
  };
  const downloadGoTrace = async () => {
    if (!runId || downloading) return;
    setExportError(null);
    setDownloading(true);
    try {
      const raw = await store.getState().fetchRawTrace(runId);
      downloadBlob(raw.name || exportName(runId, 'go'), new Blob([base64ToBytes(raw.base64)], { type: 'application/octet-stream' }));
    } catch (err) {
      setExportError(`Could not download the Go trace: ${describeError(err)}. Run it traced again to capture a new one.`);
    } finally {
      setDownloading(false);
    }
  };

  const hasTrace = timeline !== null;
  const procs = timeline?.procs.length ?? 0;
  const userGoroutines = timeline ? timeline.goroutines.filter((g) => !g.system).length : 0;

  return (
    <section
      className="trace-panel"
      aria-label="Trace timeline"
      data-testid="trace-panel"
      data-run-id={runId ?? undefined}
      data-phase={runId ? (running ? 'running' : 'done') : undefined}
      data-trace={traceView?.status ?? (traceRef?.error ? 'error' : 'none')}
    >
      <header className="panel-header">
        <PanelSwitch />
      </header>

      {!runId ? (
        <div className="empty-state" data-testid="trace-empty">
          <p className="empty-title">No run yet</p>
          <p>
            Press <kbd>▶ Run</kbd> to see the run&apos;s stages here, or <kbd>Run traced</kbd> to add the program&apos;s Go execution trace: its goroutines, Ps, GC and
            user regions.
          </p>
        </div>
      ) : (
        <>
          <div className="trace-toolbar">
            <div className="trace-zoom" role="group" aria-label="Zoom">
              <button type="button" className="mini-button" data-testid="trace-zoom-in" title="Zoom in (+, or the mouse wheel over the timeline)" onClick={() => setView((v) => zoomCenter(v, 0.5, bounds))}>
                +
              </button>
              <button type="button" className="mini-button" data-testid="trace-zoom-out" title="Zoom out (−)" onClick={() => setView((v) => zoomCenter(v, 2, bounds))}>
                −
              </button>
              <button type="button" className="mini-button" data-testid="trace-fit" title="Show the whole run (0)" onClick={() => setView(fit(bounds))}>
                Fit
              </button>
            </div>
            <span className="trace-range" data-testid="trace-range" title="The time shown, from the start of the run">
              {formatRange(view)}
            </span>
            <span className="spacer" />
            {hasTrace && (
              <>
                <label className="check-chip" title="One lane per goroutine: running, runnable, waiting (with why) and in a syscall">
                  <input type="checkbox" data-testid="trace-goroutines" checked={goroutineLanes} onChange={(e) => setGoroutineLanes(e.target.checked)} />
                  goroutines
                </label>
                {goroutineLanes && (
                  <label className="check-chip" title="Also the runtime's own goroutines (GC workers, the finalizer…)">
                    <input type="checkbox" data-testid="trace-system-goroutines" checked={systemGoroutines} onChange={(e) => setSystemGoroutines(e.target.checked)} />
                    runtime
                  </label>
                )}
              </>
            )}
            <div className="trace-exports">
              <button type="button" className="mini-button" data-testid="trace-export-chrome" disabled={running || spans.length === 0} onClick={exportChrome} title="Save the whole timeline as Chrome trace-event JSON: open it in Perfetto (ui.perfetto.dev) or chrome://tracing">
                Export Chrome trace
              </button>
              {hasTrace && (
                <button type="button" className="mini-button" data-testid="trace-download-go" disabled={downloading} onClick={() => void downloadGoTrace()} title="Save the program's raw Go execution trace, for `go tool trace`">
                  {downloading ? 'Downloading…' : 'Download Go trace'}
                </button>
              )}
            </div>
          </div>

          <TraceStatus running={running} traced={traced} traceRef={traceRef} status={traceView?.status ?? null} error={traceView?.error ?? null} onRetry={() => runId && void store.getState().loadTrace(runId)} />
          {timeline && (
            <p className="trace-summary" data-testid="trace-summary">
              {timeline.format} · {procs} P{procs === 1 ? '' : 's'} · {userGoroutines} goroutine{userGoroutines === 1 ? '' : 's'} · {timeline.gc.length} GC
              {timeline.truncated && <span className="trace-truncated"> · the trace was too large: only its start is shown</span>}
              {model.hiddenGoroutines > 0 && <span className="trace-truncated"> · lanes for the first goroutines only ({model.hiddenGoroutines} more not shown)</span>}
            </p>
          )}
          {timeline && goroutineLanes && (
            <ul className="trace-legend" aria-label="Goroutine states">
              {(Object.keys(STATE_COLORS) as Array<keyof typeof STATE_COLORS>).map((state) => (
                <li key={state}>
                  <span className="swatch" style={{ background: STATE_COLORS[state] }} aria-hidden="true" />
                  {state}
                </li>
              ))}
            </ul>
          )}
          {exportError && (
            <p className="inline-error trace-inline" role="alert" data-testid="trace-export-error">
              {exportError}
            </p>
          )}

          <div className="trace-main">
            <TimelineView model={model} view={view} bounds={bounds} onView={setView} selectedG={selectedG} onSelectG={setSelectedG} />
            {hasTrace && (
              <aside className="trace-side" data-testid="trace-goroutine" aria-label="Selected goroutine">
                {selectedG === null ? (
                  <p className="trace-side-hint">Click a goroutine (a slice on a P lane, or a goroutine lane) to see where it was created.</p>
                ) : (
                  <>
                    <h3 className="section-title" data-testid="trace-goroutine-name">
                      {goroutineLabel(selected, selectedG)}
                    </h3>
                    {selected?.parent != null && <p className="trace-side-meta">created by G{selected.parent}</p>}
                    {stack.length > 0 ? (
                      <ol className="trace-stack" data-testid="trace-creation-stack">
                        {stack.map((frame, i) => (
                          <li key={i}>{frame}</li>
                        ))}
                      </ol>
                    ) : (
                      <p className="trace-side-hint" data-testid="trace-no-stack">
                        no creation stack in this trace
                      </p>
                    )}
                  </>
                )}
              </aside>
            )}
          </div>
          <p className="trace-help">Wheel: zoom · Shift+wheel or drag: pan · ← → pan · + − zoom · 0 fit · click: select a goroutine</p>
        </>
      )}
    </section>
  );
}

function startView(bounds: Bounds, traceOffsetNs: number | null, traceNs: number | null): View {
  if (traceOffsetNs === null || traceNs === null || !(traceNs > 0)) return fit(bounds);
  const pad = traceNs * 0.04;
  return clampView({ startNs: traceOffsetNs - pad, endNs: traceOffsetNs + traceNs + pad }, bounds);
}

function TraceStatus({
  running,
  traced,
  traceRef,
  status,
  error,
  onRetry,
}: {
  running: boolean;
  traced: boolean;
  traceRef: { error?: string | undefined; bytes: number } | null;
  status: 'loading' | 'ready' | 'error' | null;
  error: string | null;
  onRetry(): void;
}) {
  if (running) return <p className="trace-note">{traced ? 'Tracing the run…' : 'Running…'} The stages appear as they finish.</p>;
  if (traceRef?.error) {
    return (
      <p className="inline-error trace-inline" role="alert" data-testid="trace-error">
        No Go trace: {traceRef.error}
      </p>
    );
  }
  if (status === 'loading') return <p className="trace-note">Reading the Go trace…</p>;
  if (status === 'error') {
    return (
      <p className="inline-error trace-inline" role="alert" data-testid="trace-error">
        {error}{' '}
        <button type="button" className="link-button" onClick={onRetry}>
          Try again
        </button>
      </p>
    );
  }
  if (traced && !traceRef) return <p className="trace-note">The run ended before the program ran, so there is no Go trace; the stages below show how far it got.</p>;
  if (!traced) return <p className="trace-note">The run&apos;s stages. Use Run traced to add the program&apos;s Go execution trace.</p>;
  return null;
}
