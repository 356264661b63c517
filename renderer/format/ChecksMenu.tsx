// The checks around a run, as app settings: gofmt before each run, go vet before each run (its
// findings as warnings, or stopping the run), and module downloads for a snippet's go.mod.
import { useEffect, useRef, useState } from 'react';
import { useApp, useAppStoreApi } from '../store/context';
import { selectChecks, type CheckSettings } from './checks-slice';

export function ChecksMenu() {
  const store = useAppStoreApi();
  const [open, setOpen] = useState(false);
  // One field each: a selector must not return a new object per call.
  const formatOnRun = useApp((s) => selectChecks(s).formatOnRun);
  const vetOnRun = useApp((s) => selectChecks(s).vetOnRun);
  const vetBlocks = useApp((s) => selectChecks(s).vetBlocks);
  const moduleDownloads = useApp((s) => selectChecks(s).moduleDownloads);
  const checks: CheckSettings = { formatOnRun, vetOnRun, vetBlocks, moduleDownloads };
  const loaded = useApp((s) => s.sources !== null);
  const saving = useApp((s) => s.checksSaving);
  const error = useApp((s) => s.checksError);
  const root = useRef<HTMLDivElement>(null);
  const active = [checks.formatOnRun && 'gofmt', checks.vetOnRun && 'vet', checks.moduleDownloads && 'modules'].filter(Boolean).join(' + ');

  // At start: a run reads the checks from the settings held here.
  useEffect(() => {
    if (!store.getState().sources) void store.getState().loadChecks();
  }, [store]);

  useEffect(() => {
    if (!open) return;
    if (!loaded) void store.getState().loadChecks();
    const onDown = (e: MouseEvent) => {
      if (root.current && e.target instanceof Node && !root.current.contains(e.target)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('mousedown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('mousedown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [open, loaded, store]);

  const toggle = (key: keyof CheckSettings) => (e: React.ChangeEvent<HTMLInputElement>) => void store.getState().saveChecks({ [key]: e.target.checked });
  const box = (key: keyof CheckSettings, label: string, hint: string, disabled = false) => (
    <label className={`checks-option${disabled ? ' is-disabled' : ''}`} title={hint}>
      <input type="checkbox" data-testid={`check-${key}`} checked={checks[key]} disabled={disabled || saving || !loaded} onChange={toggle(key)} />
      <span>
        {label}
        <small>{hint}</small>
      </span>
    </label>
  );

  return (
    <div className="checks-menu" ref={root}>
      <button
        type="button"
        className={`button subtle small${active ? ' is-on' : ''}`}
        data-testid="checks-button"
        aria-expanded={open}
        aria-haspopup="dialog"
        title="Checks around each run: gofmt, go vet, module downloads"
        onClick={() => setOpen(!open)}
      >
        Checks{active ? `: ${active}` : ''} ▾
      </button>
      {open && (
        <div className="checks-popover" role="dialog" aria-label="Run checks" data-testid="checks-menu">
          {box('formatOnRun', 'Format on run', 'gofmt every Go file before it runs; the editor shows the result')}
          {box('vetOnRun', 'Vet before run', 'go vet first; its findings show as warnings and the program still runs')}
          {box('vetBlocks', 'Vet findings stop the run', 'a vet finding ends the run (vet-error) instead of warning', !checks.vetOnRun)}
          {box(
            'moduleDownloads',
            'Module downloads',
            "a go.mod's requirements are fetched through the GOPROXY in SDKs › Sources (or the default proxy) and kept for offline use; off, only the standard library builds",
          )}
          {error && (
            <p className="checks-error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
