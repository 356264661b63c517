// Every keyboard shortcut, read from the one registry the key binding uses.
import { Modal } from '../app/Modal';
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
  return (
    <Modal className="help-panel" testId="help-panel" titleId="help-title" title="Keyboard shortcuts" subtitle="They work everywhere, the editor included." closeTestId="close-help" onClose={() => setOpen(false)}>
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
    </Modal>
  );
}
