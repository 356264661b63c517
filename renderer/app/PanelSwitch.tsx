// The right pane shows the run's output, its latency, its trace timeline or the version drift panel.
import { useApp } from '../store/context';
import type { RightPanel } from '../store/drift-slice';

const PANELS: ReadonlyArray<{ id: RightPanel; label: string }> = [
  { id: 'output', label: 'Output' },
  { id: 'latency', label: 'Latency' },
  { id: 'trace', label: 'Trace' },
  { id: 'drift', label: 'Drift' },
];

export function PanelSwitch() {
  const panel = useApp((s) => s.rightPanel);
  const setPanel = useApp((s) => s.setRightPanel);
  const driftBusy = useApp((s) => s.matrixRun?.phase === 'running' || s.bisectRun?.phase === 'running');

  return (
    <div className="panel-switch" role="tablist" aria-label="Right pane">
      {PANELS.map((p) => (
        <button
          key={p.id}
          type="button"
          role="tab"
          className={`panel-switch-tab${panel === p.id ? ' is-active' : ''}`}
          aria-selected={panel === p.id}
          data-testid={`panel-${p.id}`}
          onClick={() => setPanel(p.id)}
        >
          {p.label}
          {p.id === 'drift' && driftBusy && <span className="busy-dot" aria-label="a matrix or bisect is running" />}
        </button>
      ))}
    </div>
  );
}
