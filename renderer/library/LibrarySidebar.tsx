// The left sidebar: saved snippets (search, open, rename, duplicate, delete, run history) and the
// drift examples as a read-only group. Collapses to a thin strip.
import { useEffect, useRef, useState } from 'react';
import type { SnippetMeta, SnippetRun } from '../../shared/snippets';
import { formatMs, STATUS_HINT, statusTone } from '../output/status';
import { useApp } from '../store/context';
import { ClockIcon, CopyIcon, PencilIcon, TrashIcon } from './icons';
import './library.css';

export function LibrarySidebar() {
  const open = useApp((s) => s.libraryOpen);
  const setOpen = useApp((s) => s.setLibraryOpen);

  if (!open) {
    return (
      <aside className="library is-collapsed" aria-label="Snippet library">
        <button type="button" className="library-strip" data-testid="library-toggle" aria-expanded={false} onClick={() => setOpen(true)} title="Show the snippet library">
          <span aria-hidden="true">»</span>
          <span className="library-strip-label">Snippets</span>
        </button>
      </aside>
    );
  }
  return (
    <aside className="library" data-testid="library" aria-label="Snippet library">
      <div className="library-head">
        <span className="library-heading">Snippets</span>
        <button type="button" className="library-icon" data-testid="library-toggle" aria-expanded={true} onClick={() => setOpen(false)} title="Hide the snippet library">
          «
        </button>
      </div>
      <SearchBox />
      <Notice />
      <div className="library-scroll">
        <SnippetList />
        <Skipped />
        <Examples />
      </div>
      <RunHistory />
    </aside>
  );
}

function SearchBox() {
  const query = useApp((s) => s.libraryQuery);
  const setQuery = useApp((s) => s.setLibraryQuery);
  return (
    <input
      type="search"
      className="library-search"
      data-testid="library-search"
      placeholder="Search names and code"
      aria-label="Search snippets"
      value={query}
      maxLength={200}
      onChange={(e) => setQuery(e.target.value)}
    />
  );
}

function Notice() {
  const notice = useApp((s) => s.libraryNotice ?? s.libraryError);
  const dismiss = useApp((s) => s.dismissLibraryNotice);
  if (!notice) return null;
  return (
    <div className="library-notice" role="alert" data-testid="library-notice">
      <span>{notice}</span>
      <button type="button" className="library-icon" onClick={dismiss} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}

function SnippetList() {
  const items = useApp((s) => s.library);
  const status = useApp((s) => s.libraryStatus);
  const query = useApp((s) => s.libraryQuery.trim());
  if (status !== 'ready' && items.length === 0) return <p className="library-empty">{status === 'error' ? '' : 'Reading the library…'}</p>;
  if (items.length === 0) {
    return <p className="library-empty" data-testid="library-empty">{query ? `No snippet has “${query}” in its name or code.` : 'No snippets yet.'}</p>;
  }
  return (
    <ul className="library-list" data-testid="library-list">
      {items.map((m) => (
        <SnippetItem key={m.id} meta={m} />
      ))}
    </ul>
  );
}

function SnippetItem({ meta }: { meta: SnippetMeta }) {
  const isOpen = useApp((s) => s.tabs.some((t) => t.id === meta.id));
  const isActive = useApp((s) => s.activeTabId === meta.id);
  const historyShown = useApp((s) => s.snippetRuns?.snippetId === meta.id);
  const openSnippet = useApp((s) => s.openSnippet);
  const renameSnippet = useApp((s) => s.renameSnippet);
  const duplicateSnippet = useApp((s) => s.duplicateSnippet);
  const deleteSnippet = useApp((s) => s.deleteSnippet);
  const showRuns = useApp((s) => s.showSnippetRuns);
  const [mode, setMode] = useState<'idle' | 'rename' | 'confirm-delete'>('idle');
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (mode === 'rename') input.current?.select();
  }, [mode]);

  const finishRename = (commit: boolean) => {
    const value = input.current?.value.trim() ?? '';
    setMode('idle');
    if (commit && value && value !== meta.title) void renameSnippet(meta.id, value);
  };

  return (
    <li className={`library-item${isActive ? ' is-active' : ''}`} data-testid="library-item" data-id={meta.id} data-open={isOpen}>
      {mode === 'rename' ? (
        <input
          ref={input}
          className="library-rename"
          data-testid="library-rename"
          defaultValue={meta.title}
          maxLength={200}
          aria-label="New name"
          onBlur={() => finishRename(true)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') finishRename(true);
            if (e.key === 'Escape') finishRename(false);
          }}
        />
      ) : (
        <button
          type="button"
          className="library-item-main"
          data-testid="library-item-open"
          onClick={() => void openSnippet(meta.id)}
          onDoubleClick={() => setMode('rename')}
          title={`${meta.title} — ${isOpen ? 'open in a tab' : 'click to open'}; double-click to rename`}
        >
          <span className="library-item-title" data-testid="library-item-title">
            {isOpen && <span className="library-open-dot" aria-label="open in a tab" />}
            {meta.title || 'untitled'}
          </span>
          <span className="library-item-meta">
            {timeAgo(meta.updatedAt)} · {meta.go || 'default Go'} · {meta.mode}
          </span>
          {meta.match && <code className="library-item-match">{meta.match}</code>}
        </button>
      )}
      <div className="library-actions">
        <button type="button" className="library-icon" data-testid="library-rename-button" onClick={() => setMode('rename')} title="Rename" aria-label={`Rename ${meta.title}`}>
          <PencilIcon />
        </button>
        <button type="button" className="library-icon" data-testid="library-duplicate" onClick={() => void duplicateSnippet(meta.id)} title="Duplicate" aria-label={`Duplicate ${meta.title}`}>
          <CopyIcon />
        </button>
        <button
          type="button"
          className={`library-icon${historyShown ? ' is-on' : ''}`}
          data-testid="library-history"
          aria-pressed={historyShown}
          onClick={() => void showRuns(historyShown ? null : meta.id)}
          title="Run history"
          aria-label={`Run history of ${meta.title}`}
        >
          <ClockIcon />
        </button>
        <button type="button" className="library-icon danger" data-testid="library-delete" onClick={() => setMode('confirm-delete')} title="Delete" aria-label={`Delete ${meta.title}`}>
          <TrashIcon />
        </button>
      </div>
      {mode === 'confirm-delete' && (
        <div className="library-confirm" role="alertdialog" aria-label="Confirm delete" data-testid="library-delete-confirmation">
          <span>
            Delete “{meta.title}”{isOpen ? ' and close its tab' : ''}? Its run history goes too.
          </span>
          <span className="library-confirm-buttons">
            <button
              type="button"
              className="button small danger"
              data-testid="library-delete-confirm"
              onClick={() => {
                setMode('idle');
                void deleteSnippet(meta.id);
              }}
            >
              Delete
            </button>
            <button type="button" className="button small" data-testid="library-delete-cancel" onClick={() => setMode('idle')} autoFocus>
              Keep
            </button>
          </span>
        </div>
      )}
    </li>
  );
}

function Skipped() {
  const skipped = useApp((s) => s.librarySkipped);
  if (skipped.length === 0) return null;
  return (
    <details className="library-skipped" data-testid="library-skipped">
      <summary>
        {skipped.length} snippet file{skipped.length === 1 ? '' : 's'} could not be read
      </summary>
      <ul>
        {skipped.map((f) => (
          <li key={f.file}>
            <code>{f.file}</code>: {f.reason}
          </li>
        ))}
      </ul>
    </details>
  );
}

function Examples() {
  const examples = useApp((s) => s.examples);
  const status = useApp((s) => s.examplesStatus);
  const error = useApp((s) => s.examplesError);
  const load = useApp((s) => s.loadExamples);
  const openCopy = useApp((s) => s.openCopy);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (open && status === 'idle') void load();
  }, [open, status, load]);

  return (
    <details className="library-group" data-testid="library-examples" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        Examples <span className="library-readonly">read-only</span>
      </summary>
      {open && status === 'loading' && <p className="library-empty">Loading…</p>}
      {open && error && <p className="library-empty">{error}</p>}
      <ul className="library-list">
        {(open ? (examples ?? []) : []).map((ex) => (
          <li key={ex.id} className="library-item" data-testid="library-example">
            <button type="button" className="library-item-main" onClick={() => openCopy(`${ex.id}.go`, ex.source)} title={`${ex.why}\nOpens a copy in a new tab.`}>
              <span className="library-item-title">{ex.title}</span>
              <span className="library-item-meta">changes in {ex.changesIn}</span>
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}

function RunHistory() {
  const view = useApp((s) => s.snippetRuns);
  const close = useApp((s) => s.showSnippetRuns);
  const [shown, setShown] = useState<string | null>(null);
  if (!view) return null;
  const selected = view.runs.find((r) => r.runId === shown) ?? null;
  return (
    <section className="library-runs" data-testid="library-runs" aria-label={`Run history of ${view.title}`}>
      <div className="library-head">
        <span className="library-heading" title={view.title}>
          Runs of {view.title}
        </span>
        <button type="button" className="library-icon" onClick={() => void close(null)} aria-label="Close the run history">
          ×
        </button>
      </div>
      {view.error && <p className="library-empty">{view.error}</p>}
      {view.status === 'ready' && view.runs.length === 0 && <p className="library-empty">Not run yet.</p>}
      <ul className="library-run-list">
        {view.runs.map((r) => (
          <li key={r.runId}>
            <button
              type="button"
              className={`library-run${r.runId === shown ? ' is-active' : ''}`}
              data-testid="library-run"
              data-status={r.status}
              onClick={() => setShown(r.runId === shown ? null : r.runId)}
            >
              <span className={`status-badge tone-${statusTone(r.status)}`} title={STATUS_HINT[r.status]}>
                {r.status}
              </span>
              <span className="library-run-go">{r.go || '—'}</span>
              <span className="library-run-time" title={new Date(r.at).toLocaleString()}>
                {timeAgo(r.at)} · {formatMs(r.totalMs)}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {selected && <RunOutput run={selected} />}
    </section>
  );
}

function RunOutput({ run }: { run: SnippetRun }) {
  return (
    <div className="library-run-output" data-testid="library-run-output">
      {run.message && <p className="library-run-message">{run.message}</p>}
      {run.stdout && <pre>{run.stdout}</pre>}
      {run.stderr && <pre className="is-stderr">{run.stderr}</pre>}
      {!run.stdout && !run.stderr && <p className="library-empty">No output.</p>}
      {run.truncated && <p className="library-empty">Only the start of the output is kept.</p>}
    </div>
  );
}

function timeAgo(at: number): string {
  const s = Math.round((Date.now() - at) / 1000);
  if (s < 45) return 'just now';
  if (s < 3600) return `${Math.max(1, Math.round(s / 60))} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  if (s < 7 * 86_400) return `${Math.round(s / 86_400)} d ago`;
  return new Date(at).toLocaleDateString();
}
