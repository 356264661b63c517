// Problems that stop the whole app from working, each with what to do.
import { useApp } from '../store/context';

export function Banner() {
  const connection = useApp((s) => s.connection);
  const connectionError = useApp((s) => s.connectionError);
  const workspaceError = useApp((s) => s.workspaceError);
  const loadWorkspace = useApp((s) => s.loadWorkspace);
  const toolchainsError = useApp((s) => s.toolchainsError);
  const noToolchains = useApp((s) => s.toolchainsStatus === 'ready' && s.toolchains.length === 0);

  if (connection === 'unavailable') {
    return (
      <div className="banner is-error" role="alert" data-testid="banner">
        {connectionError ?? 'Not connected to Gopherlab.'}
      </div>
    );
  }
  if (connection === 'reconnecting') {
    return (
      <div className="banner is-warn" role="status" data-testid="banner">
        Lost the connection to Gopherlab — reconnecting. Your text stays here and is saved once it is back.
      </div>
    );
  }
  if (workspaceError) {
    return (
      <div className="banner is-error" role="alert" data-testid="banner">
        {workspaceError}{' '}
        <button type="button" className="link-button" onClick={() => void loadWorkspace()}>
          Try again
        </button>
      </div>
    );
  }
  if (toolchainsError) {
    return (
      <div className="banner is-warn" role="status" data-testid="banner">
        {toolchainsError}
      </div>
    );
  }
  if (noToolchains) {
    return (
      <div className="banner is-warn" role="status" data-testid="banner">
        No Go toolchain found. Install Go (or put it on PATH) and pick “Look for toolchains again” in the Go menu.
      </div>
    );
  }
  return null;
}
