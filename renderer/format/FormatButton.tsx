// Format: gofmt on every Go file of the shown snippet, with the tab's Go.
import { useApp, useAppStoreApi } from '../store/context';

export function FormatButton({ tabId }: { tabId: string }) {
  const store = useAppStoreApi();
  const busy = useApp((s) => s.formattingTabId === tabId);
  const ready = useApp((s) => s.workspaceStatus === 'ready');
  return (
    <button
      type="button"
      className="button subtle small"
      data-testid="format"
      disabled={busy || !ready}
      title="Format the snippet's Go files with gofmt, as the tab's Go release does it (Shift+Alt+F)"
      onClick={() => void store.getState().formatTab(tabId)}
    >
      {busy ? 'Formatting…' : 'Format'}
    </button>
  );
}
