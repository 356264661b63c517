// The toolbar's Share menu: export/import .txtar files, import a go.dev/play link, share to
// go.dev/play, copy as Markdown. Every failure says what happened and what to do instead.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { PLAY_MAX_BYTES } from '../../shared/snippets';
import { useApp, useAppStoreApi } from '../store/context';
import { selectActiveTab } from '../store/workspace-slice';
import { copyText } from './clipboard';
import { snippetMarkdown } from './markdown';
import { fromTxtarFile, importProblem, titleFromFileName, toTxtarFile, txtarFileName } from './txtar-file';
import './share.css';

type View =
  | { kind: 'menu' }
  | { kind: 'import-link'; busy: boolean; error: string | null }
  | { kind: 'share-confirm'; busy: boolean; error: string | null }
  | { kind: 'shared'; url: string; copied: boolean }
  | { kind: 'note'; text: string; tone: 'ok' | 'error' };

export function ShareMenu() {
  const store = useAppStoreApi();
  const ready = useApp((s) => s.workspaceStatus === 'ready');
  const importSource = useApp((s) => s.importSource);
  const [open, setOpen] = useState(false);
  const [view, setView] = useState<View>({ kind: 'menu' });
  const root = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (root.current && e.target instanceof Node && !root.current.contains(e.target)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('mousedown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('mousedown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const show = (v: View) => {
    setView(v);
    setOpen(true);
  };
  const active = () => selectActiveTab(store.getState());

  const exportTxtar = () => {
    const tab = active();
    if (!tab) return;
    download(txtarFileName(tab.title), toTxtarFile(tab.source));
    setOpen(false);
  };

  const onFile = async (file: File) => {
    let text: string;
    try {
      text = await file.text();
    } catch (err) {
      show({ kind: 'note', tone: 'error', text: `Could not read ${file.name}: ${err instanceof Error ? err.message : String(err)}` });
      return;
    }
    const problem = importProblem(file.name, text) ?? importSource(titleFromFileName(file.name), fromTxtarFile(text));
    if (problem) show({ kind: 'note', tone: 'error', text: problem });
    else setOpen(false);
  };

  const copyMarkdown = async () => {
    const tab = active();
    if (!tab) return;
    try {
      await copyText(snippetMarkdown(tab.source));
      show({ kind: 'note', tone: 'ok', text: 'Copied as Markdown.' });
    } catch (err) {
      show({ kind: 'note', tone: 'error', text: `Could not copy to the clipboard (${err instanceof Error ? err.message : String(err)}); export a .txtar instead` });
    }
  };

  return (
    <div className="share" ref={root}>
      <button
        type="button"
        className={`button subtle${open ? ' is-on' : ''}`}
        data-testid="share-button"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={!ready}
        onClick={() => (open ? setOpen(false) : show({ kind: 'menu' }))}
        title="Export or import .txtar files, go.dev/play links, Markdown"
      >
        Share ▾
      </button>
      <input
        ref={fileInput}
        type="file"
        hidden
        accept=".txtar,.txt,.go,text/plain"
        data-testid="share-import-file"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void onFile(file);
        }}
      />
      {open && (
        <div className="share-popover" data-testid="share-menu" role={view.kind === 'menu' ? 'menu' : 'dialog'} aria-label="Share">
          {view.kind === 'menu' && (
            <>
              <MenuItem testId="share-export-txtar" onClick={exportTxtar} hint="The snippet as a .txtar file (the Go Playground's multi-file form)">
                Export .txtar
              </MenuItem>
              <MenuItem testId="share-import-txtar" onClick={() => fileInput.current?.click()} hint="Open a .txtar or .go file as a new snippet">
                Import .txtar…
              </MenuItem>
              <div className="share-separator" />
              <MenuItem testId="share-import-play" onClick={() => show({ kind: 'import-link', busy: false, error: null })} hint="Open a go.dev/play link as a new snippet">
                Import go.dev/play link…
              </MenuItem>
              <MenuItem testId="share-to-play" onClick={() => show({ kind: 'share-confirm', busy: false, error: null })} hint="Upload to go.dev/play and get a link">
                Share to go.dev/play…
              </MenuItem>
              <div className="share-separator" />
              <MenuItem testId="share-copy-markdown" onClick={() => void copyMarkdown()} hint="A fenced Go block; each file under its name">
                Copy as Markdown
              </MenuItem>
            </>
          )}
          {view.kind === 'import-link' && <ImportLink view={view} setView={setView} done={() => setOpen(false)} />}
          {view.kind === 'share-confirm' && <ShareConfirm view={view} setView={setView} cancel={() => setOpen(false)} />}
          {view.kind === 'shared' && <Shared view={view} setView={setView} />}
          {view.kind === 'note' && (
            <p className={`share-note tone-${view.tone}`} role={view.tone === 'error' ? 'alert' : 'status'} data-testid="share-note">
              {view.text}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

function MenuItem({ testId, onClick, hint, children }: { testId: string; onClick: () => void; hint: string; children: ReactNode }) {
  return (
    <button type="button" role="menuitem" className="share-item" data-testid={testId} onClick={onClick} title={hint}>
      {children}
    </button>
  );
}

function ImportLink({ view, setView, done }: { view: Extract<View, { kind: 'import-link' }>; setView: (v: View) => void; done: () => void }) {
  const importPlayLink = useApp((s) => s.importPlayLink);
  const [link, setLink] = useState('');
  const submit = async () => {
    if (!link.trim() || view.busy) return;
    setView({ ...view, busy: true, error: null });
    const error = await importPlayLink(link);
    if (error) setView({ kind: 'import-link', busy: false, error });
    else done();
  };
  return (
    <form
      className="share-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor="share-link">go.dev/play link</label>
      <input
        id="share-link"
        data-testid="share-link-input"
        autoFocus
        placeholder="https://go.dev/play/p/…"
        value={link}
        maxLength={2000}
        onChange={(e) => setLink(e.target.value)}
      />
      {view.error && (
        <p className="share-note tone-error" role="alert" data-testid="share-error">
          {view.error}
        </p>
      )}
      <div className="share-buttons">
        <button type="submit" className="button small primary" data-testid="share-link-import" disabled={view.busy || !link.trim()}>
          {view.busy ? 'Importing…' : 'Import'}
        </button>
      </div>
    </form>
  );
}

function ShareConfirm({ view, setView, cancel }: { view: Extract<View, { kind: 'share-confirm' }>; setView: (v: View) => void; cancel: () => void }) {
  const store = useAppStoreApi();
  const shareToPlay = useApp((s) => s.shareToPlay);
  const share = async () => {
    const tab = selectActiveTab(store.getState());
    if (!tab || view.busy) return;
    setView({ ...view, busy: true, error: null });
    const result = await shareToPlay(tab.source);
    if ('url' in result) setView({ kind: 'shared', url: result.url, copied: false });
    else setView({ kind: 'share-confirm', busy: false, error: result.error });
  };
  return (
    <div className="share-form">
      <p className="share-text">
        This uploads the snippet to go.dev/play (up to {PLAY_MAX_BYTES / 1024} KiB). Anyone with the link can read it.
      </p>
      {view.error && (
        <p className="share-note tone-error" role="alert" data-testid="share-error">
          {view.error}
        </p>
      )}
      <div className="share-buttons">
        <button type="button" className="button small primary" data-testid="share-confirm" onClick={() => void share()} disabled={view.busy}>
          {view.busy ? 'Sharing…' : 'Share'}
        </button>
        <button type="button" className="button small" onClick={cancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function Shared({ view, setView }: { view: Extract<View, { kind: 'shared' }>; setView: (v: View) => void }) {
  const [copyError, setCopyError] = useState<string | null>(null);
  const copy = async () => {
    try {
      await copyText(view.url);
      setView({ ...view, copied: true });
    } catch (err) {
      setCopyError(`Could not copy (${err instanceof Error ? err.message : String(err)}); select the link and copy it`);
    }
  };
  return (
    <div className="share-form">
      <label htmlFor="share-url">Shared: the link</label>
      <input id="share-url" data-testid="share-url" readOnly value={view.url} onFocus={(e) => e.currentTarget.select()} />
      {copyError && <p className="share-note tone-error">{copyError}</p>}
      <div className="share-buttons">
        <button type="button" className="button small primary" data-testid="share-copy-url" onClick={() => void copy()}>
          {view.copied ? 'Copied' : 'Copy link'}
        </button>
      </div>
    </div>
  );
}

/** Saves text as a file through the browser's (or Electron's) download. */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
