// Run / Run traced / Stop, the Go version (and the SDK manager), version drift, the sandbox mode (and faketime),
// the timeout and the other limits.
import { useApp } from '../store/context';
import { isActive } from '../store/install-progress';
import { FaketimeToggle, ModeSwitch } from '../sandbox/ModeSwitch';
import { LimitsSetting } from '../settings/LimitsSetting';
import { TimeoutSetting } from '../settings/TimeoutSetting';
import { VersionPicker } from '../versions/VersionPicker';
import { ShareMenu } from '../share/ShareMenu';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function Toolbar() {
  const running = useApp((s) => s.run?.phase === 'running');
  const cancelRequested = useApp((s) => s.run?.cancelRequested ?? false);
  const ready = useApp((s) => s.workspaceStatus !== 'loading');
  const startRun = useApp((s) => s.startRun);
  const cancelRun = useApp((s) => s.cancelRun);
  const openSdkPanel = useApp((s) => s.setSdkPanelOpen);
  const installing = useApp((s) => Object.values(s.installs).some(isActive));
  const driftOpen = useApp((s) => s.rightPanel === 'drift');
  const driftBusy = useApp((s) => s.matrixRun?.phase === 'running' || s.bisectRun?.phase === 'running');
  const setRightPanel = useApp((s) => s.setRightPanel);
  // A trace needs the real clock: not with faketime.
  const faketimeOn = useApp((s) => s.faketime && s.tabs.find((t) => t.id === s.activeTabId)?.mode === 'docker');

  return (
    <header className="toolbar" role="toolbar" aria-label="Run controls">
      <div className="brand" aria-label="Gopherlab">
        <span className="brand-mark" aria-hidden="true">
          G
        </span>
        <span className="brand-name">Gopherlab</span>
      </div>
      <div className="toolbar-group">
        <button
          type="button"
          className="button primary run-button"
          data-testid="run"
          onClick={() => void startRun()}
          disabled={running || !ready}
          title={`Build and run (${isMac ? '⌘' : 'Ctrl'}+Enter)`}
        >
          <span className="button-icon" aria-hidden="true">
            ▶
          </span>
          Run
          <kbd className="shortcut">{isMac ? '⌘↵' : 'Ctrl+↵'}</kbd>
        </button>
        <button
          type="button"
          className="button subtle run-traced-button"
          data-testid="run-traced"
          onClick={() => void startRun({ trace: true })}
          disabled={running || !ready || faketimeOn}
          title={
            faketimeOn
              ? 'A Go execution trace needs the real clock: turn faketime off to run traced'
              : 'Build and run with a Go execution trace (runtime/trace): goroutines, Ps, GC and user regions on the Trace timeline'
          }
        >
          Run traced
        </button>
        {running && (
          <button type="button" className="button danger" data-testid="stop" onClick={() => void cancelRun()} disabled={cancelRequested} title="Stop the run">
            <span className="button-icon" aria-hidden="true">
              ■
            </span>
            {cancelRequested ? 'Stopping…' : 'Stop'}
          </button>
        )}
      </div>
      <div className="toolbar-divider" />
      <VersionPicker />
      <button type="button" className="button subtle" data-testid="open-sdk-panel" onClick={() => openSdkPanel(true)} title="Installed Go SDKs, the release list, import and export">
        SDKs…
        {installing && <span className="dot-badge" aria-label="an install is under way" />}
      </button>
      <button
        type="button"
        className={`button subtle drift-button${driftOpen ? ' is-on' : ''}`}
        data-testid="open-drift"
        aria-pressed={driftOpen}
        onClick={() => setRightPanel(driftOpen ? 'output' : 'drift')}
        title="Version drift: run this snippet on several Go releases, diff what differs, bisect to the first release that changed"
      >
        Drift
        {driftBusy && <span className="dot-badge" aria-label="a matrix or bisect is running" />}
      </button>
      <ShareMenu />
      <div className="toolbar-divider" />
      <div className="toolbar-group">
        <ModeSwitch />
        <FaketimeToggle />
      </div>
      <div className="toolbar-divider" />
      <TimeoutSetting />
      <LimitsSetting />
    </header>
  );
}
