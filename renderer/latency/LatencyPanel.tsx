// Where the time goes: the last run's stages, p50/p95 per stage and mode over the stored history
// (it survives restarts), the recent runs as a chart, and the compile cache's hit rate and size.
import { useEffect, useMemo } from 'react';
import { PanelSwitch } from '../app/PanelSwitch';
import { CacheSettings } from '../settings/CacheSettings';
import { useApp, useAppStoreApi } from '../store/context';
import { LatencyBar } from './LatencyBar';
import { RecentRunsChart } from './RecentRunsChart';
import { StageStatsTable } from './StageStatsTable';
import { cacheHitRate, recentRuns, stageStats } from './stats';
import './latency.css';

const NO_HISTORY: never[] = [];

export function LatencyPanel() {
  const history = useApp((s) => s.history ?? NO_HISTORY);
  const historyStatus = useApp((s) => s.historyStatus);
  const historyError = useApp((s) => s.historyError);
  const hasRun = useApp((s) => s.run !== null);
  const loadHistory = useApp((s) => s.loadHistory);
  const clearHistory = useApp((s) => s.clearHistory);
  const store = useAppStoreApi();

  useEffect(() => {
    // On opening the panel; while it is open, each finished run refreshes both.
    const s = store.getState();
    void s.loadHistory();
    void s.loadCacheStats();
  }, [store]);

  const stats = useMemo(() => stageStats(history), [history]);
  const recent = useMemo(() => recentRuns(history), [history]);
  const hitRate = useMemo(() => cacheHitRate(history), [history]);

  return (
    <section className="latency-panel" aria-label="Latency" data-testid="latency-panel">
      <header className="panel-header">
        <PanelSwitch />
      </header>
      <div className="latency-body">
        {historyError && (
          <p className="inline-error" role="alert" data-testid="history-error">
            {historyError}{' '}
            <button type="button" className="link-button" onClick={() => void loadHistory()}>
              Try again
            </button>
          </p>
        )}

        <section className="latency-card" aria-label="Last run">
          {hasRun ? (
            <LatencyBar />
          ) : (
            <p className="latency-empty">No run yet in this window. Run the snippet to see where its time goes.</p>
          )}
        </section>

        <section className="latency-card" aria-labelledby="latency-hit-title">
          <h3 id="latency-hit-title" className="section-title">
            Cache hit rate
          </h3>
          <p className="latency-hit-rate" data-testid="cache-hit-rate" data-hits={hitRate.hits} data-runs={hitRate.runs}>
            {hitRate.rate === null ? (
              'No run in the history reached the build yet.'
            ) : (
              <>
                <strong>{Math.round(hitRate.rate * 100)}%</strong> — {hitRate.hits} of {hitRate.runs} build{hitRate.runs === 1 ? '' : 's'} came from the cache
              </>
            )}
          </p>
        </section>

        <CacheSettings />

        <section className="latency-card" aria-labelledby="latency-recent-title">
          <h3 id="latency-recent-title" className="section-title">
            Recent runs
          </h3>
          {history.length > 0 ? (
            <RecentRunsChart runs={recent} />
          ) : (
            <p className="latency-empty">{historyStatus === 'loading' ? 'Loading the history…' : 'No runs in the history yet.'}</p>
          )}
        </section>

        <section className="latency-card" aria-labelledby="latency-stats-title">
          <h3 id="latency-stats-title" className="section-title">
            Per stage, over the history
          </h3>
          {stats.length > 0 ? (
            <div className="stage-stats-list">
              {stats.map((m) => (
                <StageStatsTable key={m.mode} stats={m} />
              ))}
            </div>
          ) : (
            <p className="latency-empty">p50 and p95 per stage appear after the first run.</p>
          )}
          <div className="latency-history-foot">
            <span data-testid="history-count">
              {history.length} run{history.length === 1 ? '' : 's'} in history
            </span>
            <button
              type="button"
              className="mini-button ghost"
              data-testid="history-clear"
              disabled={history.length === 0}
              onClick={() => void clearHistory()}
              title="Forget the stored runs (p50/p95 and the chart start again); the compile cache is kept"
            >
              Clear history
            </button>
          </div>
        </section>
      </div>
    </section>
  );
}
