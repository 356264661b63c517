// Run / Run traced / Stop, the Go version (and the SDK manager), version drift, the sandbox mode (and faketime),
// the timeout and the other limits.
import { useApp } from '../store/context';
import { isActive } from '../store/install-progress';
import { FaketimeToggle, ModeSwitch } from '../sandbox/ModeSwitch';
import { LimitsSetting } from '../settings/LimitsSetting';
import { TimeoutSetting } from '../settings/TimeoutSetting';
import { VersionPicker } from '../versions/VersionPicker';
import { ShareMenu } from '../share/ShareMenu';
import { isMacPlatform, shortcutLabel } from './shortcuts';

const isMac = typeof navigator !== 'undefined' && isMacPlatform(navigator.platform);

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
  const presentation = useApp((s) => s.presentation);
  const setPresentation = useApp((s) => s.setPresentation);
  const setSettingsOpen = useApp((s) => s.setSettingsOpen);
  const setHelpOpen = useApp((s) => s.setHelpOpen);

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
          title={`Build and run (${shortcutLabel('run', isMac)})`}
        >
          <span className="button-icon" aria-hidden="true">
            ▶
          </span>
          Run
          <kbd className="shortcut">{shortcutLabel('run', isMac, true)}</kbd>
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
              : `Build and run with a Go execution trace (runtime/trace): goroutines, Ps, GC and user regions on the Trace timeline (${shortcutLabel('run-traced', isMac)})`
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
      <button type="button" className="button subtle sdk-button" data-testid="open-sdk-panel" onClick={() => openSdkPanel(true)} title="Installed Go SDKs, the release list, import and export">
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
      <div className="toolbar-end">
        {presentation && (
          <button type="button" className="button subtle" data-testid="exit-presentation" onClick={() => setPresentation(false)} title={`Leave presentation mode (${shortcutLabel('toggle-presentation', isMac)})`}>
            Exit presentation
          </button>
        )}
        <button type="button" className="icon-button toolbar-icon" data-testid="open-help" aria-label="Keyboard shortcuts" onClick={() => setHelpOpen(true)} title={`Keyboard shortcuts (${shortcutLabel('open-help', isMac)})`}>
          ?
        </button>
        <button type="button" className="icon-button toolbar-icon" data-testid="open-settings" aria-label="Settings" onClick={() => setSettingsOpen(true)} title={`Settings (${shortcutLabel('open-settings', isMac)})`}>
          <span aria-hidden="true">⚙</span>
        </button>
      </div>
    </header>
  );
}
