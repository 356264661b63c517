// One install as a progress bar: phase, percent, rate, ETA, Cancel; the reason when it failed.
import { useApp } from '../store/context';
import { installPercent, isActive, PHASE_LABEL, type InstallView } from '../store/install-progress';
import { formatBytes, formatEta, formatRate } from './format';

export function InstallProgressView({ view, showVersion = false }: { view: InstallView; showVersion?: boolean }) {
  const cancelInstall = useApp((s) => s.cancelInstall);
  const dismissInstall = useApp((s) => s.dismissInstall);
  const active = isActive(view);
  const percent = installPercent(view);
  // Only the download has a measurable size; the later phases show a moving bar.
  const determinate = percent !== null && (view.phase === 'download' || !active);
  const detail = active ? progressDetail(view) : null;

  return (
    <div className={`install-progress phase-${view.phase}`} data-testid={`install-progress-${view.version}`} data-phase={view.phase}>
      <div className="install-head">
        {showVersion && <span className="install-version">{view.version}</span>}
        <span className="install-phase">
          {view.cancelRequested && active ? 'Canceling…' : PHASE_LABEL[view.phase]}
          {active && view.phase !== 'download' && view.phase !== 'queued' ? '…' : ''}
        </span>
        {active && percent !== null && view.phase === 'download' && <span className="install-percent">{Math.floor(percent)}%</span>}
        <span className="spacer" />
        {active ? (
          <button
            type="button"
            className="mini-button"
            data-testid={`cancel-install-${view.version}`}
            disabled={view.cancelRequested}
            onClick={(e) => {
              e.stopPropagation();
              void cancelInstall(view.version);
            }}
          >
            Cancel
          </button>
        ) : (
          <button
            type="button"
            className="mini-button ghost"
            data-testid={`dismiss-install-${view.version}`}
            aria-label={`Dismiss ${view.version}`}
            title="Dismiss"
            onClick={(e) => {
              e.stopPropagation();
              dismissInstall(view.version);
            }}
          >
            ×
          </button>
        )}
      </div>
      <div
        className="progress-track"
        role="progressbar"
        aria-label={`Installing ${view.version}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={determinate && percent !== null ? Math.round(percent) : undefined}
        aria-valuetext={`${PHASE_LABEL[view.phase]}${percent !== null ? ` ${Math.floor(percent)}%` : ''}`}
      >
        <div className={`progress-fill${determinate ? '' : ' is-indeterminate'}`} style={{ width: `${determinate ? percent : 100}%` }} />
      </div>
      {detail && <div className="install-detail">{detail}</div>}
      {view.phase === 'failed' && (
        <p className="install-message" role="alert" data-testid={`install-error-${view.version}`}>
          {view.message ?? 'The install failed.'}
        </p>
      )}
      {view.cancelError && active && <p className="install-message">{view.cancelError}</p>}
    </div>
  );
}

function progressDetail(view: InstallView): string | null {
  if (view.phase === 'download') {
    const size = view.total !== null ? `${formatBytes(view.bytes)} of ${formatBytes(view.total)}` : formatBytes(view.bytes);
    return [size, formatRate(view.rate), formatEta(view.etaMs)].filter(Boolean).join(' · ');
  }
  if (view.message) return view.message;
  if (view.phase === 'prewarm') return 'Building the standard library for the WASM sandbox, so the first run is quick';
  if (view.phase === 'queued') return 'Waiting for the download to start';
  return null;
}
