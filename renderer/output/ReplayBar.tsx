// A faketime run's output replay: how far it is, and Skip to see everything at once. While the
// run is going on it says the output comes at the end (its live writes are not shown: under faketime
// they all arrive at once, and the replay shows the same text with its timing).
import { useApp } from '../store/context';
import { replayDurationMs } from '../store/replay';
import { formatMs } from './status';

export function ReplayBar() {
  const faketime = useApp((s) => s.run?.faketime ?? false);
  const running = useApp((s) => s.run?.phase === 'running');
  const replay = useApp((s) => s.run?.replay ?? null);
  const events = useApp((s) => s.run?.result?.replay ?? null);
  const skipReplay = useApp((s) => s.skipReplay);

  if (!faketime) return null;
  if (running) {
    return (
      <div className="replay-bar is-pending" data-testid="faketime-pending" role="status">
        <ClockIcon />
        <span className="replay-text">faketime: the output is replayed with the program’s own timing once it ends</span>
      </div>
    );
  }
  if (!replay || replay.total === 0) return null;

  if (replay.active) {
    const percent = (replay.shown / replay.total) * 100;
    return (
      <div className="replay-bar is-active" data-testid="replay-indicator" data-shown={replay.shown} data-total={replay.total} role="status">
        <span className="replay-icon is-live" aria-hidden="true" />
        <span className="replay-text">
          Replaying… <span className="replay-count">({replay.shown}/{replay.total})</span>
        </span>
        <span className="replay-progress" aria-hidden="true">
          <span className="replay-progress-fill" style={{ width: `${percent}%` }} />
        </span>
        <button type="button" className="button subtle small" data-testid="replay-skip" onClick={skipReplay} title="Show the rest of the output now">
          Skip
          <SkipIcon />
        </button>
      </div>
    );
  }

  // The program's own time, uncapped: the replay itself caps each wait.
  const duration = events ? replayDurationMs(events, Number.POSITIVE_INFINITY) : 0;
  return (
    <div className="replay-bar is-done" data-testid="replay-done" data-skipped={replay.skipped}>
      <ClockIcon />
      <span className="replay-text">
        faketime: {replay.total} write{replay.total === 1 ? '' : 's'} over {formatMs(duration)} of program time
        {replay.skipped ? ' (skipped to the end)' : ', replayed'}
      </span>
    </div>
  );
}

function ClockIcon() {
  return (
    <svg className="replay-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      <circle cx="8" cy="9" r="5.6" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M8 6.2v3l2 1.3M6.4 1.6h3.2" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}

function SkipIcon() {
  return (
    <svg viewBox="0 0 16 16" width="11" height="11" aria-hidden="true">
      <path d="M1.5 3v10l6-5zM7.5 3v10l6-5z" fill="currentColor" />
      <rect x="13" y="3" width="1.8" height="10" rx="0.5" fill="currentColor" />
    </svg>
  );
}
