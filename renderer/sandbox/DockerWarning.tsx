// In Docker mode with no engine answering: what the core says to do, and a way to ask again.
// Docker stays selectable (the user may be about to start it); runs then say sandbox-unavailable.
import { useApp } from '../store/context';
import { dockerAvailability } from '../store/sandbox-slice';
import { selectActiveTab } from '../store/workspace-slice';

export function DockerWarning() {
  const docker = useApp((s) => selectActiveTab(s)?.mode === 'docker');
  const availability = useApp(dockerAvailability);
  const checking = useApp((s) => s.dockerState === 'loading');
  const reason = useApp((s) => (s.dockerState === 'error' ? s.dockerCallError : (s.docker?.error ?? null)));
  const endpoint = useApp((s) => s.docker?.endpoint ?? null);
  const loadSandboxStatus = useApp((s) => s.loadSandboxStatus);
  // While a "Check again" is under way the warning stays, saying so.
  const shown = docker && (availability === 'unavailable' || (checking && reason !== null));
  if (!shown) return null;

  return (
    <div className="banner is-warn docker-warning" role="status" data-testid="docker-warning">
      <span className="banner-icon" aria-hidden="true">
        ⚠
      </span>
      <span className="banner-text">
        <strong>Docker is not available.</strong> <span data-testid="docker-error">{reason ?? 'No container engine answers.'}</span>
        {endpoint && <span className="banner-detail"> (tried {endpoint})</span>}
      </span>
      <button
        type="button"
        className="button subtle small"
        data-testid="docker-check-again"
        disabled={checking}
        onClick={() => void loadSandboxStatus(true)}
      >
        {checking ? 'Checking…' : 'Check again'}
      </button>
    </div>
  );
}
