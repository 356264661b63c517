// The files of the shown snippet, one tab each (prog.go, go.mod, util/util.go): pick one to edit,
// add a file (+), rename it (double-click or ✎), delete it (× then confirm; never the last Go
// file). Names are checked as you type with the runner's own rules, and refused with the reason.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Diagnostic } from '../../shared/run';
import { newFileNameProblem } from '../../shared/snippet-guards';
import { ChecksMenu } from '../format/ChecksMenu';
import { FormatButton } from '../format/FormatButton';
import { useApp, useAppStoreApi } from '../store/context';
import { selectActiveTab } from '../store/workspace-slice';
import { deleteProblem, shownFileName, snippetFileNames } from './files-slice';
import './files.css';

type Editing = { kind: 'add'; value: string } | { kind: 'rename'; file: string; value: string } | { kind: 'delete'; file: string } | null;

/** Errors and warnings of the last run of this tab, per file. */
function countsByFile(diagnostics: ReadonlyArray<Diagnostic> | null): Map<string, { errors: number; warnings: number }> {
  const out = new Map<string, { errors: number; warnings: number }>();
  for (const d of diagnostics ?? []) {
    const name = d.file.replace(/^\.\//, '');
    const c = out.get(name) ?? { errors: 0, warnings: 0 };
    if (d.severity === 'error') c.errors++;
    else c.warnings++;
    out.set(name, c);
  }
  return out;
}

export function FileStrip() {
  const store = useAppStoreApi();
  const tabId = useApp((s) => selectActiveTab(s)?.id ?? '');
  // Joined, so typing inside a file does not re-render the strip.
  const namesKey = useApp((s) => snippetFileNames(selectActiveTab(s)?.source ?? '').join('\n'));
  const names = namesKey.split('\n');
  const chosen = useApp((s) => s.activeFileByTab[tabId]);
  const shown = shownFileName(names, chosen);
  const diagnostics = useApp((s) => (s.run?.phase === 'done' && s.run.tabId === tabId ? (s.run.result?.diagnostics ?? null) : null));
  const note = useApp((s) => (s.formatNote?.tabId === tabId ? s.formatNote.message : null));
  const counts = countsByFile(diagnostics);
  const [editing, setEditing] = useState<Editing>(null);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  // Another tab: nothing half-typed carries over.
  useEffect(() => {
    setEditing(null);
    setError(null);
  }, [tabId]);
  useEffect(() => {
    if (editing?.kind === 'add' || editing?.kind === 'rename') input.current?.focus();
  }, [editing?.kind]);

  const others = (except?: string) => names.filter((n) => n !== except);
  const type = (value: string) => {
    if (!editing || editing.kind === 'delete') return;
    setEditing({ ...editing, value });
    setError(value === '' ? null : newFileNameProblem(value, others(editing.kind === 'rename' ? editing.file : undefined)));
  };
  const commit = () => {
    if (!editing || editing.kind === 'delete') return;
    const name = editing.value;
    if (editing.kind === 'rename' && name === editing.file) return cancel();
    const problem =
      editing.kind === 'add' ? store.getState().addSnippetFile(tabId, name) : store.getState().renameSnippetFile(tabId, editing.file, name);
    if (problem) {
      setError(`${problem}.`.replace(/\.\.$/, '.'));
      return;
    }
    cancel();
  };
  const cancel = () => {
    setEditing(null);
    setError(null);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      commit();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      cancel();
    }
  };
  const remove = (file: string) => {
    const problem = store.getState().deleteSnippetFile(tabId, file);
    setEditing(null);
    setError(problem ? `${problem}.` : null);
  };

  const nameInput = (label: string, placeholder: string) => (
    <input
      ref={input}
      className={`file-name-input${error ? ' is-invalid' : ''}`}
      data-testid="file-name-input"
      aria-label={label}
      aria-invalid={error !== null}
      placeholder={placeholder}
      value={editing && editing.kind !== 'delete' ? editing.value : ''}
      spellCheck={false}
      onChange={(e) => type(e.target.value)}
      onKeyDown={onKey}
      onBlur={cancel}
    />
  );

  return (
    <div className="file-strip-wrap">
      <div className="file-strip" data-testid="file-strip">
        <div className="file-tabs" role="tablist" aria-label="Files of the snippet">
          {names.map((name, i) => {
            const active = name === shown;
            if (editing?.kind === 'rename' && editing.file === name) return <span key={`${name}#${i}`}>{nameInput(`New name for ${name}`, name)}</span>;
            const c = counts.get(name);
            const cannotDelete = deleteProblem(names, name);
            return (
              <div
                key={`${name}#${i}`}
                className={`file-tab${active ? ' is-active' : ''}`}
                role="tab"
                aria-selected={active}
                data-testid="file-tab"
                data-file={name}
                data-active={active}
                tabIndex={active ? 0 : -1}
                title={`${name} (double-click or F2 to rename)`}
                onClick={() => store.getState().selectFile(tabId, name)}
                onDoubleClick={() => setEditing({ kind: 'rename', file: name, value: name })}
                onKeyDown={(e) => {
                  // The keys of a tab list: arrows move between files, F2 renames, Delete deletes.
                  const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
                  if (step !== 0) {
                    const next = names[(i + step + names.length) % names.length]!;
                    store.getState().selectFile(tabId, next);
                    (e.currentTarget.parentElement?.querySelector(`[data-file="${CSS.escape(next)}"]`) as HTMLElement | null)?.focus();
                  } else if (e.key === 'F2') {
                    setEditing({ kind: 'rename', file: name, value: name });
                  } else if (e.key === 'Delete' && !cannotDelete) {
                    setEditing({ kind: 'delete', file: name });
                  } else {
                    return;
                  }
                  e.preventDefault();
                }}
              >
                <span className="file-tab-name">{name}</span>
                {c && c.errors > 0 && (
                  <span className="file-badge is-error" data-testid="file-errors" title={`${c.errors} error${c.errors > 1 ? 's' : ''} in the last run`}>
                    {c.errors}
                  </span>
                )}
                {c && c.errors === 0 && c.warnings > 0 && (
                  <span className="file-badge is-warning" data-testid="file-warnings" title={`${c.warnings} warning${c.warnings > 1 ? 's' : ''} in the last run`}>
                    {c.warnings}
                  </span>
                )}
                {active && (
                  <>
                    <button
                      type="button"
                      className="file-tab-action"
                      data-testid="rename-file"
                      aria-label={`Rename ${name}`}
                      title="Rename"
                      onClick={(e) => {
                        e.stopPropagation();
                        setError(null);
                        setEditing({ kind: 'rename', file: name, value: name });
                      }}
                    >
                      ✎
                    </button>
                    <button
                      type="button"
                      className="file-tab-action"
                      data-testid="delete-file"
                      aria-label={`Delete ${name}`}
                      title={cannotDelete ?? 'Delete this file'}
                      disabled={cannotDelete !== null}
                      onClick={(e) => {
                        e.stopPropagation();
                        setError(null);
                        setEditing({ kind: 'delete', file: name });
                      }}
                    >
                      ×
                    </button>
                  </>
                )}
              </div>
            );
          })}
          {editing?.kind === 'add' ? (
            nameInput('Name of the new file', 'util/util.go')
          ) : (
            <button
              type="button"
              className="file-add"
              data-testid="add-file"
              aria-label="Add a file"
              title="Add a file (a package in a folder: util/util.go; a go.mod for modules)"
              onClick={() => {
                setError(null);
                setEditing({ kind: 'add', value: '' });
              }}
            >
              +
            </button>
          )}
        </div>
        <div className="file-strip-actions">
          <FormatButton tabId={tabId} />
          <ChecksMenu />
        </div>
      </div>
      {editing?.kind === 'delete' && (
        <div className="file-strip-message" role="alertdialog" aria-label={`Delete ${editing.file}`} data-testid="delete-confirm">
          <span>
            Delete <strong>{editing.file}</strong>? Its text leaves the snippet; this cannot be undone.
          </span>
          <button type="button" className="button danger small" data-testid="confirm-delete" onClick={() => remove(editing.file)}>
            Delete
          </button>
          <button type="button" className="button subtle small" onClick={cancel}>
            Cancel
          </button>
        </div>
      )}
      {error && (
        <div className="file-strip-message is-error" role="alert" data-testid="file-name-error">
          {error}
        </div>
      )}
      {note && (
        <div className="file-strip-message is-error" role="status" data-testid="format-note">
          {note}
        </div>
      )}
    </div>
  );
}
