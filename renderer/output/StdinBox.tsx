// The active tab's stdin: a folding text box at the foot of the output panel. Its text is saved
// with the tab and sent with each of the tab's runs; the program reads EOF after its last character.
import { useId, useState } from 'react';
import { MAX_TAB_STDIN_CHARS } from '../../shared/workspace';
import { useApp } from '../store/context';
import { selectActiveTab } from '../store/workspace-slice';
import { stdinSummary } from './test-results';
import './tests-stdin.css';

export function StdinBox() {
  const tab = useApp(selectActiveTab);
  // Keyed by tab: each tab opens folded unless it has input.
  return tab ? <StdinEditor key={tab.id} tabId={tab.id} text={tab.stdin ?? ''} /> : null;
}

function StdinEditor({ tabId, text }: { tabId: string; text: string }) {
  const setTabStdin = useApp((s) => s.setTabStdin);
  const [open, setOpen] = useState(text !== '');
  const id = useId();
  const full = text.length >= MAX_TAB_STDIN_CHARS;
  return (
    <section className={`stdin-box${open ? ' is-open' : ''}`} data-testid="stdin-box">
      <button
        type="button"
        className="stdin-toggle"
        aria-expanded={open}
        aria-controls={id}
        data-testid="stdin-toggle"
        onClick={() => setOpen((o) => !o)}
        title={open ? 'Fold the input box' : "Give the program text to read from os.Stdin (saved with this tab)"}
      >
        <span className="stdin-caret" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        Input (stdin)
        <span className={`stdin-meta${text ? ' has-input' : ''}`} data-testid="stdin-summary">
          {stdinSummary(text)}
        </span>
      </button>
      {open && (
        <>
          <textarea
            id={id}
            className="stdin-text"
            data-testid="stdin-input"
            aria-label="Program input (stdin)"
            placeholder="Text the program reads from os.Stdin. It is sent with every run of this tab; after the last character the program reads EOF."
            spellCheck={false}
            rows={4}
            maxLength={MAX_TAB_STDIN_CHARS}
            value={text}
            onChange={(e) => setTabStdin(tabId, e.target.value)}
          />
          {full && (
            <p className="stdin-note" role="status">
              The box holds at most 1 MiB; the rest was not kept. For more input, use the command line: gopherlab run FILE --stdin INPUT.
            </p>
          )}
        </>
      )}
    </section>
  );
}
