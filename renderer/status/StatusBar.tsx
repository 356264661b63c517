// The bottom line: the tab's Go, the mode, the connection, the last run, SDK installs and the
// save state.
import { formatMs } from '../output/status';
import { MODE_LABEL } from '../sandbox/ModeSwitch';
import { InstallTray } from '../sdk/InstallTray';
import { useApp } from '../store/context';
import { runDisplayStatus } from '../store/run-slice';
import { selectActiveTab } from '../store/workspace-slice';
import type { ConnectionState } from '../contract/connection';
import { tabGoLabel } from './go-label';

const CONNECTION_LABEL: Record<ConnectionState, string> = {
  ipc: 'Desktop app',
  connecting: 'Connecting…',
  open: 'Connected',
  reconnecting: 'Reconnecting…',
  unavailable: 'Not connected',
};

export function StatusBar() {
  const go = useApp((s) => selectActiveTab(s)?.go ?? '');
  const mode = useApp((s) => selectActiveTab(s)?.mode ?? 'wasm');
  const faketime = useApp((s) => s.faketime);
  const ran = useApp((s) => s.ranGoByTab[selectActiveTab(s)?.id ?? '']);
  const toolchains = useApp((s) => s.toolchains);
  const connection = useApp((s) => s.connection);
  const connectionError = useApp((s) => s.connectionError);
  const status = useApp((s) => runDisplayStatus(s.run));
  const totalMs = useApp((s) => s.run?.result?.totalMs ?? null);
  const saveState = useApp((s) => s.saveState);
  const saveError = useApp((s) => s.saveError);
  const appVersion = useApp((s) => s.appInfo?.version ?? null);

  const goLabel = tabGoLabel(go, toolchains, ran);
  const healthy = connection === 'open' || connection === 'ipc';

  return (
    <footer className="status-bar">
      <span className={`status-item${goLabel.missing ? ' is-warn' : ''}`} data-testid="status-go" title={goLabel.title}>
        {goLabel.text}
      </span>
      <span className="status-item" data-testid="status-mode" data-mode={mode} title={mode === 'docker' ? `Sandbox mode: Docker${faketime ? ', faketime' : ''}` : 'Sandbox mode: WASM'}>
        {MODE_LABEL[mode]}
      </span>
      <span className={`status-item connection ${healthy ? 'is-ok' : 'is-bad'}`} data-testid="status-connection" title={connectionError ?? undefined}>
        <span className="dot" aria-hidden="true" />
        {CONNECTION_LABEL[connection]}
      </span>
      {status && (
        <span className="status-item" data-testid="status-last-run">
          Last run: {status}
          {totalMs !== null && status !== 'running' ? ` in ${formatMs(totalMs)}` : ''}
        </span>
      )}
      <span className="spacer" />
      <InstallTray />
      <span className={`status-item save-${saveState}`} data-testid="save-state" data-state={saveState} title={saveError ?? undefined}>
        {saveState === 'saved' ? 'All changes saved' : saveState === 'error' ? 'Not saved' : 'Saving…'}
      </span>
      {appVersion && <span className="status-item muted">Gopherlab {appVersion}</span>}
    </footer>
  );
}
