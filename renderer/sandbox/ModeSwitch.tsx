// The active tab's sandbox: WASM (always there) or Docker (a container engine on this machine),
// with the engine's state on the Docker side and, in Docker mode, the faketime switch.
import { useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { SANDBOX_MODES, type SandboxMode } from '../../shared/run';
import { useApp } from '../store/context';
import { describeDocker, dockerAvailability } from '../store/sandbox-slice';
import { selectActiveTab } from '../store/workspace-slice';

export const MODE_LABEL: Record<SandboxMode, string> = { wasm: 'WASM', docker: 'Docker' };

const MODE_HINT: Record<SandboxMode, string> = {
  wasm: 'WASM: built for GOOS=wasip1 GOARCH=wasm and run in-process: no network, no files, capped memory and time',
  docker: 'Docker: built for Linux and run in a fresh, locked-down container (no network, read-only, capped memory, CPUs and processes)',
};

export function ModeSwitch() {
  const tabId = useApp((s) => selectActiveTab(s)?.id ?? '');
  const mode = useApp((s) => selectActiveTab(s)?.mode ?? 'wasm');
  const setTabMode = useApp((s) => s.setTabMode);
  const availability = useApp(dockerAvailability);
  const dockerHint = useApp(describeDocker);
  const ensureSandboxStatus = useApp((s) => s.ensureSandboxStatus);
  const offered = useApp((s) => s.appInfo?.modes ?? null);
  const buttons = useRef<Partial<Record<SandboxMode, HTMLButtonElement | null>>>({});
  // The modes this core offers (all of them until app.info answers), and always the tab's own.
  const modes = SANDBOX_MODES.filter((m) => offered === null || offered.includes(m) || m === mode);

  const choose = (next: SandboxMode, focus = false) => {
    setTabMode(tabId, next);
    if (focus) buttons.current[next]?.focus();
  };

  // A radio group: arrows move the choice, as in any native one.
  const onKeyDown = (e: ReactKeyboardEvent) => {
    const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const i = modes.indexOf(mode);
    choose(modes[(i + step + modes.length) % modes.length] ?? 'wasm', true);
  };

  return (
    <div className="mode-switch" role="radiogroup" aria-label="Sandbox" data-testid="mode" data-mode={mode} onKeyDown={onKeyDown}>
      {modes.map((m) => {
        const checked = m === mode;
        return (
          <button
            key={m}
            ref={(el) => {
              buttons.current[m] = el;
            }}
            type="button"
            role="radio"
            aria-checked={checked}
            tabIndex={checked ? 0 : -1}
            className={`mode-option${checked ? ' is-checked' : ''}`}
            data-testid={`mode-${m}`}
            title={m === 'docker' ? `${MODE_HINT.docker}\n\n${dockerHint}` : MODE_HINT.wasm}
            onClick={() => choose(m)}
            // Hovering Docker is enough to ask whether an engine is there.
            onPointerEnter={m === 'docker' ? ensureSandboxStatus : undefined}
            onFocus={m === 'docker' ? ensureSandboxStatus : undefined}
          >
            {MODE_LABEL[m]}
            {m === 'docker' && (
              <span
                className={`engine-dot is-${availability}`}
                data-testid="docker-engine-dot"
                data-state={availability}
                role="img"
                aria-label={dockerHint}
              />
            )}
          </button>
        );
      })}
    </div>
  );
}

export function FaketimeToggle() {
  const mode = useApp((s) => selectActiveTab(s)?.mode ?? 'wasm');
  const faketime = useApp((s) => s.faketime);
  const setFaketime = useApp((s) => s.setFaketime);
  if (mode !== 'docker') return null;
  return (
    <label
      className={`toggle${faketime ? ' is-on' : ''}`}
      title="Build with -tags=faketime: sleeps take no time, and the output is replayed with the delays the program asked for (as on the Go Playground)"
    >
      <input type="checkbox" role="switch" data-testid="faketime" checked={faketime} onChange={(e) => setFaketime(e.target.checked)} />
      <span className="toggle-track" aria-hidden="true">
        <span className="toggle-thumb" />
      </span>
      <span className="toggle-label">faketime</span>
    </label>
  );
}
