// Before a run: what the snippet imports that the tab's sandbox cannot do (the network, processes,
// files in WASM…), with where it is and, when another mode can, a button to switch to it.
import { useEffect, useState } from 'react';
import { precheckSnippet, type PrecheckWarning } from '../../shared/sandbox-precheck';
import type { SandboxMode } from '../../shared/run';
import { useApp, useAppStoreApi } from '../store/context';
import { selectActiveTab } from '../store/workspace-slice';

/** Typing pauses this long before the snippet is read again. */
const RECHECK_MS = 300;

const MODE_NAMES: Record<SandboxMode, string> = { wasm: 'WASM', docker: 'Docker' };

const keyOf = (w: PrecheckWarning) => `${w.id}@${w.file}:${w.line}:${w.column}`;

export function SandboxPrecheck() {
  const store = useAppStoreApi();
  const tabId = useApp((s) => selectActiveTab(s)?.id ?? '');
  const [warnings, setWarnings] = useState<PrecheckWarning[]>([]);
  /** Rules the user closed, per tab; a closed rule stays closed for that tab. */
  const [dismissed, setDismissed] = useState<Record<string, string[]>>({});

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const check = () => {
      const tab = selectActiveTab(store.getState());
      const next = tab ? precheckSnippet(tab.source, tab.mode) : [];
      setWarnings((prev) => (prev.map(keyOf).join('|') === next.map(keyOf).join('|') ? prev : next));
    };
    check();
    const off = store.subscribe(
      (s) => {
        const tab = selectActiveTab(s);
        return tab ? `${tab.id}\u0000${tab.mode}\u0000${tab.source}` : '';
      },
      (_now, before) => {
        if (timer) clearTimeout(timer);
        // A new tab or mode is checked at once; typing after a pause.
        const sameTab = before.split('\u0000', 2).join() === _now.split('\u0000', 2).join();
        if (!sameTab) check();
        else timer = setTimeout(check, RECHECK_MS);
      },
    );
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [store]);

  const shown = warnings.filter((w) => !(dismissed[tabId] ?? []).includes(w.id));
  if (shown.length === 0) return null;
  return (
    <div className="precheck" role="status" aria-label="Sandbox pre-check" data-testid="precheck">
      {shown.map((w) => (
        <div key={w.id} className="precheck-warning" data-testid="precheck-warning" data-rule={w.id}>
          <span className="precheck-icon" aria-hidden="true">
            !
          </span>
          <span className="precheck-text">
            {w.message}{' '}
            <button type="button" className="link-button" title="Show where" onClick={() => store.getState().revealLine(tabId, w.line, w.column, w.file)}>
              {w.file}:{w.line}
            </button>
          </span>
          {w.suggest && (
            <button
              type="button"
              className="button small"
              data-testid="precheck-switch"
              onClick={() => store.getState().setTabMode(tabId, w.suggest!)}
              title={`Run this tab in the ${MODE_NAMES[w.suggest]} sandbox`}
            >
              Use {MODE_NAMES[w.suggest]} mode
            </button>
          )}
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss this warning"
            title="Dismiss (for this tab)"
            onClick={() => setDismissed((d) => ({ ...d, [tabId]: [...(d[tabId] ?? []), w.id] }))}
          >
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
