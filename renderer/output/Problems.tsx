// Compile errors as a list; a click puts the cursor on the line in the editor.
import type { Diagnostic } from '../../shared/run';
import { snippetLineOf } from '../editor/markers';
import { useApp } from '../store/context';

export function Problems({ diagnostics, source, tabId }: { diagnostics: ReadonlyArray<Diagnostic>; source: string; tabId: string }) {
  const revealLine = useApp((s) => s.revealLine);
  if (diagnostics.length === 0) return null;
  return (
    <section className="problems" aria-label="Problems">
      <h3 className="section-title">
        Problems <span className="count">{diagnostics.length}</span>
      </h3>
      <ul data-testid="problems">
        {diagnostics.map((d, i) => {
          const line = snippetLineOf(source, d);
          const text = `${d.file}:${d.line}:${d.column}: ${d.message}`;
          return (
            <li key={i} className={`problem severity-${d.severity}`} data-testid="problem">
              <button
                type="button"
                disabled={line === null}
                title={line === null ? 'This file is not in the editor' : `Go to line ${line}`}
                onClick={() => line !== null && revealLine(tabId, line, d.column)}
              >
                <span className="problem-icon" aria-hidden="true">
                  {d.severity === 'error' ? '✕' : '!'}
                </span>
                <span className="problem-text">{text}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
