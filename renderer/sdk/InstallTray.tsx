// Installs in the status bar: a compact summary that opens a tray of progress bars. The tray opens
// by itself when an install starts or fails; finished and canceled ones leave after a moment.
import { useEffect, useRef, useState } from 'react';
import { useApp } from '../store/context';
import { installPercent, isActive, type InstallView } from '../store/install-progress';
import { InstallProgressView } from './InstallProgressView';

/** How long a finished or canceled install stays in the tray. */
const LINGER_MS = 6000;

export function InstallTray() {
  const installs = useApp((s) => s.installs);
  const dismissInstall = useApp((s) => s.dismissInstall);
  const [open, setOpen] = useState(false);
  const seen = useRef(new Map<string, InstallView['phase']>());

  const views = Object.values(installs).sort((a, b) => b.startedAt - a.startedAt);
  const running = views.filter((v) => isActive(v));
  const failed = views.filter((v) => v.phase === 'failed');

  // Open on news: a new install, or one that failed.
  useEffect(() => {
    let news = false;
    for (const v of Object.values(installs)) {
      const before = seen.current.get(v.version);
      if ((before === undefined && isActive(v)) || (v.phase === 'failed' && before !== 'failed')) news = true;
      seen.current.set(v.version, v.phase);
    }
    for (const version of [...seen.current.keys()]) if (!installs[version]) seen.current.delete(version);
    if (news) setOpen(true);
  }, [installs]);

  // Done and canceled installs leave on their own; failures wait to be read.
  useEffect(() => {
    const timers = Object.values(installs)
      .filter((v) => (v.phase === 'done' || v.phase === 'canceled') && v.finishedAt !== null)
      .map((v) => setTimeout(() => dismissInstall(v.version), Math.max(0, LINGER_MS - (Date.now() - (v.finishedAt ?? 0)))));
    return () => timers.forEach(clearTimeout);
  }, [installs, dismissInstall]);

  if (views.length === 0) return null;

  const first = running[0];
  const percent = first ? installPercent(first) : null;
  const label = first
    ? `${running.length > 1 ? `${running.length} installs · ` : ''}${first.version}${percent !== null && first.phase === 'download' ? ` ${Math.floor(percent)}%` : ` ${first.phase}`}`
    : failed.length > 0
      ? `${failed[0]?.version} install failed`
      : `${views[0]?.version} ${views[0]?.phase === 'done' ? 'installed' : views[0]?.phase}`;

  return (
    <>
      <button
        type="button"
        className={`status-item status-install${failed.length > 0 && running.length === 0 ? ' is-failed' : ''}`}
        data-testid="status-install"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        title="SDK installs"
      >
        {running.length > 0 ? <span className="spinner small" aria-hidden="true" /> : <span aria-hidden="true">{failed.length > 0 ? '⚠' : '✓'}</span>}
        {label}
        {first && percent !== null && (
          <span className="status-install-bar" aria-hidden="true">
            <span style={{ width: `${first.phase === 'download' ? percent : 100}%` }} />
          </span>
        )}
      </button>
      {open && (
        <div className="install-tray" data-testid="install-tray" role="region" aria-label="SDK installs">
          <div className="install-tray-head">
            <span>Go SDK installs</span>
            <span className="spacer" />
            <button type="button" className="mini-button ghost" aria-label="Hide" title="Hide" onClick={() => setOpen(false)}>
              ▾
            </button>
          </div>
          {views.map((v) => (
            <InstallProgressView key={v.version} view={v} showVersion />
          ))}
        </div>
      )}
    </>
  );
}
