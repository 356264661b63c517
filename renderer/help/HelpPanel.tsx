// Every keyboard shortcut, read from the one registry the key binding uses.
import { useEffect, useRef } from 'react';
import { formatCombo, isMacPlatform, SHORTCUT_GROUPS, SHORTCUTS } from '../app/shortcuts';
import { useApp } from '../store/context';
import './help.css';

const isMac = typeof navigator !== 'undefined' && isMacPlatform(navigator.platform);

export function HelpPanel() {
  const open = useApp((s) => s.helpOpen);
  return open ? <HelpDialog /> : null;
}

function HelpDialog() {
  const setOpen = useApp((s) => s.setHelpOpen);
  const dialog = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.current?.focus();
    return () => previous?.focus();
  }, []);

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && setOpen(false)}>
      <div
        className="modal help-panel"
        data-testid="help-panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        tabIndex={-1}
        ref={dialog}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            setOpen(false);
          }
        }}
      >
        <header className="modal-header">
          <h2 id="help-title">Keyboard shortcuts</h2>
          <span className="modal-subtitle">They work everywhere, the editor included.</span>
          <span className="spacer" />
          <button type="button" className="modal-close" data-testid="close-help" aria-label="Close" title="Close (Esc)" onClick={() => setOpen(false)}>
            ×
          </button>
        </header>
        <div className="modal-body help-groups">
          {SHORTCUT_GROUPS.map((group) => (
            <section key={group} className="help-group" aria-labelledby={`help-${group}`}>
              <h3 id={`help-${group}`} className="section-title">
                {group}
              </h3>
              <table className="help-table">
                <tbody>
                  {SHORTCUTS.filter((s) => s.group === group).map((s) => (
                    <tr key={s.id} data-testid="shortcut-row" data-shortcut={s.id}>
                      <th scope="row" className="help-description">
                        {s.description}
                      </th>
                      <td className="help-keys" data-testid="shortcut-keys">
                        {(isMac ? s.keys.mac : s.keys.other).map((k, i) => (
                          <span key={k}>
                            {i > 0 && <span className="help-or"> or </span>}
                            <kbd>{formatCombo(k, isMac)}</kbd>
                          </span>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
          <p className="sdk-help help-foot">Esc closes a panel or a menu. In the trace timeline, arrows pan, + and − zoom, 0 fits.</p>
        </div>
      </div>
    </div>
  );
}
