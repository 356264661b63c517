// A small, non-blocking notice in the editor's corner while gopls is missing: what it would add,
// an Install button (with progress), or why it cannot be installed. Gone once gopls is there.
import { useApp, useAppStoreApi } from '../store/context';
import { describeGoplsProgress, goplsProgressFraction } from './lsp-slice';
import './lsp.css';

export function GoplsNotice() {
  const store = useAppStoreApi();
  const gopls = useApp((s) => s.gopls);
  const state = useApp((s) => s.goplsState);
  const progress = useApp((s) => s.goplsProgress);
  const error = useApp((s) => s.goplsError);
  const dismissed = useApp((s) => s.goplsNoticeDismissed);
  const issue = useApp((s) => (s.goplsSyncIssue?.tabId === s.activeTabId ? s.goplsSyncIssue.message : null));
  const dismissedIssue = useApp((s) => s.goplsDismissedIssue);

  const installing = state === 'installing';
  if (gopls?.available && !installing) {
    if (!issue || issue === dismissedIssue) return null;
    // gopls is there but cannot take this tab's text: say why, once.
    return (
      <div className="gopls-notice" role="status" aria-live="polite" data-testid="gopls-notice">
        <span className="gopls-notice-text">{issue}</span>
        <button type="button" className="icon-button" aria-label="Dismiss the gopls notice" onClick={() => store.getState().dismissGoplsNotice()}>
          ✕
        </button>
      </div>
    );
  }
  if (!gopls && state !== 'error') return null;
  if (dismissed && !installing) return null;

  const fraction = goplsProgressFraction(progress);
  const canInstall = gopls?.installable != null;
  let text: string;
  if (installing) text = describeGoplsProgress(progress);
  else if (state === 'error') text = error ?? 'Something went wrong with gopls.';
  else if (canInstall) text = 'Completion, hover and diagnostics need gopls.';
  else text = gopls?.message ?? 'Completion, hover and diagnostics need gopls.';

  return (
    <div className={`gopls-notice${state === 'error' ? ' is-error' : ''}`} role="status" aria-live="polite" data-testid="gopls-notice">
      <span className="gopls-notice-text" title={gopls?.message ?? undefined}>
        {text}
      </span>
      {installing && (
        <span className="gopls-notice-bar" aria-hidden="true">
          <span className={fraction === null ? 'indeterminate' : ''} style={fraction === null ? undefined : { width: `${Math.round(fraction * 100)}%` }} />
        </span>
      )}
      {!installing && canInstall && (
        <button
          type="button"
          className="button primary gopls-notice-install"
          title={`Downloads gopls ${gopls?.installable?.version} through the module proxy and builds it with ${gopls?.installable?.go}`}
          onClick={() => void store.getState().installGopls()}
        >
          {state === 'error' ? 'Retry install' : 'Install gopls'}
        </button>
      )}
      {!installing && (
        <button type="button" className="icon-button" aria-label="Dismiss the gopls notice" onClick={() => store.getState().dismissGoplsNotice()}>
          ✕
        </button>
      )}
    </div>
  );
}
