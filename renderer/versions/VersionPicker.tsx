// The Go toolchain of the active tab: a searchable list of what is installed, then the releases
// that can be installed. Picking an installed one switches the tab at once (a run in progress keeps
// the Go it started with); picking a release installs it, then switches the tab that picked it.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { summarizeCatalog } from '../sdk/catalog-state';
import { formatBytes, SOURCE_HINT, SOURCE_LABEL, VERIFICATION_HINT, VERIFICATION_LABEL } from '../sdk/format';
import { InstallProgressView } from '../sdk/InstallProgressView';
import { RemoveSdkControl } from '../sdk/RemoveSdkControl';
import { useApp } from '../store/context';
import { isActive } from '../store/install-progress';
import { resolveToolchain } from '../store/toolchain-slice';
import { selectActiveTab } from '../store/workspace-slice';
import { minorOf } from './go-version';
import { buildPickerModel, type AvailableOption, type InstalledOption, type PickerOption } from './picker-model';

export function VersionPicker() {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const toolchains = useApp((s) => s.toolchains);
  const status = useApp((s) => s.toolchainsStatus);
  const error = useApp((s) => s.toolchainsError);
  const go = useApp((s) => selectActiveTab(s)?.go ?? '');
  const listboxId = useId();

  const selected = resolveToolchain(toolchains, go);
  const missing = go !== '' && !selected;

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (root.current && e.target instanceof Node && !root.current.contains(e.target)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) trigger.current?.focus();
  };

  return (
    <div className="version-picker" ref={root}>
      <span className="field-label">Go</span>
      <button
        ref={trigger}
        type="button"
        className={`picker-trigger${missing ? ' is-missing' : ''}`}
        data-testid="version-picker"
        data-version={selected?.version ?? go}
        data-default={selected?.isDefault === true && !missing}
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-controls={open ? listboxId : undefined}
        title={error ?? (selected ? `${selected.version} — ${selected.goroot}` : 'The Go toolchain this tab builds with')}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        {selected && !missing ? (
          <>
            <span className="picker-version">{selected.version}</span>
            <span className={`badge source-${selected.source}`}>{SOURCE_LABEL[selected.source]}</span>
            {selected.isDefault && <span className="picker-default">default</span>}
          </>
        ) : missing ? (
          <>
            <span className="picker-version">{go}</span>
            <span className="badge tone-warn-badge">not installed</span>
          </>
        ) : (
          <span className="picker-version muted">{status === 'error' ? 'No Go found' : status === 'ready' ? 'No Go found' : 'Loading…'}</span>
        )}
        <span className="picker-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && <VersionPopover listboxId={listboxId} onClose={close} />}
    </div>
  );
}

function VersionPopover({ listboxId, onClose }: { listboxId: string; onClose: (refocus: boolean) => void }) {
  const toolchains = useApp((s) => s.toolchains);
  const toolchainsStatus = useApp((s) => s.toolchainsStatus);
  const catalog = useApp((s) => s.catalog);
  const catalogStatus = useApp((s) => s.catalogStatus);
  const catalogError = useApp((s) => s.catalogError);
  const installs = useApp((s) => s.installs);
  const tabId = useApp((s) => selectActiveTab(s)?.id ?? '');
  const tabTitle = useApp((s) => selectActiveTab(s)?.title ?? 'this tab');
  const go = useApp((s) => selectActiveTab(s)?.go ?? '');
  const setTabGo = useApp((s) => s.setTabGo);
  const installSdk = useApp((s) => s.installSdk);
  const loadCatalog = useApp((s) => s.loadCatalog);
  const loadToolchains = useApp((s) => s.loadToolchains);
  const setSdkPanelOpen = useApp((s) => s.setSdkPanelOpen);

  const [query, setQuery] = useState('');
  const [showUnstable, setShowUnstable] = useState(false);
  const search = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const idBase = useId();

  const model = useMemo(
    () => buildPickerModel({ toolchains, releases: catalog?.releases ?? null, tabGo: go, query, showUnstable, installs }),
    [toolchains, catalog, go, query, showUnstable, installs],
  );
  const selectedIndex = model.options.findIndex((o) => o.kind === 'installed' && o.selected);
  const [active, setActive] = useState(Math.max(0, selectedIndex));
  const activeIndex = Math.min(active, model.options.length - 1);
  const optionId = (i: number) => `${idBase}-opt-${i}`;

  useEffect(() => {
    search.current?.focus();
    // The catalogue is fetched the first time it is wanted (it may go to the network).
    const s = catalogStatus;
    if (s === 'idle' || s === 'error') void loadCatalog();
    // Only when the popover opens, not on every catalogue change.
  }, []);

  useEffect(() => {
    if (activeIndex < 0) return;
    // optionId(i) is the same string for the same index for as long as the popover is open.
    document.getElementById(optionId(activeIndex))?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex]);

  const choose = (option: PickerOption | undefined) => {
    if (!option) return;
    if (option.kind === 'installed') {
      setTabGo(tabId, option.value);
      onClose(true);
      return;
    }
    if (!isActive(option.install)) void installSdk(option.version, tabId);
  };

  const onKeyDown = (e: ReactKeyboardEvent<HTMLInputElement>) => {
    const last = model.options.length - 1;
    const move = (to: number) => {
      e.preventDefault();
      setActive(Math.max(0, Math.min(last, to)));
    };
    switch (e.key) {
      case 'ArrowDown':
        return move(activeIndex + 1);
      case 'ArrowUp':
        return move(activeIndex - 1);
      case 'PageDown':
        return move(activeIndex + 8);
      case 'PageUp':
        return move(activeIndex - 8);
      case 'Enter':
        e.preventDefault();
        return choose(model.options[activeIndex]);
      case 'Escape':
        e.preventDefault();
        return onClose(true);
    }
  };

  const summary = summarizeCatalog(catalog, catalogStatus, catalogError, Date.now());
  const noMatches = model.options.length === 0;

  return (
    <div className="picker-popover" data-testid="version-picker-popover" role="dialog" aria-label={`Go version for ${tabTitle}`}>
      <div className="picker-search-row">
        <span className="picker-search-icon" aria-hidden="true">
          ⌕
        </span>
        <input
          ref={search}
          className="picker-search"
          data-testid="version-search"
          type="text"
          placeholder="Search versions (1.22, rc, store…)"
          spellCheck={false}
          autoComplete="off"
          role="combobox"
          aria-expanded="true"
          aria-controls={listboxId}
          aria-autocomplete="list"
          aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      <div className="picker-scope">
        Applies to <strong>{tabTitle}</strong>; other tabs keep their own Go. A run in progress keeps the Go it started with.
      </div>

      <div className="picker-list" id={listboxId} role="listbox" aria-label="Go versions" ref={list}>
        {model.missing && (
          <div className="picker-note is-warn" data-testid="version-missing">
            This tab asks for <strong>{model.missing}</strong>, which is not installed here. Pick another, or install it below.
          </div>
        )}

        <div className="picker-section" role="presentation">
          <span>Installed</span>
          <span className="picker-section-count">{model.installed.length}</span>
        </div>
        {model.installed.length === 0 && (
          <div className="picker-empty">
            {toolchainsStatus === 'loading' ? 'Looking for toolchains…' : query ? 'No installed version matches.' : 'No Go toolchain found on this machine.'}
          </div>
        )}
        {model.installed.map((o, i) => (
          <InstalledRow key={o.key} option={o} id={optionId(i)} active={i === activeIndex} onHover={() => setActive(i)} onChoose={() => choose(o)} />
        ))}

        <div className="picker-section" role="presentation">
          <span>Available to install</span>
          {summary.source && <span className="picker-section-meta">{summary.source}</span>}
          <span className="spacer" />
          <label className="picker-toggle" onClick={(e) => e.stopPropagation()}>
            <input type="checkbox" data-testid="show-unstable" checked={showUnstable} onChange={(e) => setShowUnstable(e.target.checked)} />
            rc / beta
          </label>
        </div>
        <div className={`picker-catalog-state state-${summary.state}`} data-testid="picker-catalog-state" data-state={summary.state}>
          {(summary.state === 'loading' || summary.refreshing) && <span className="spinner" aria-hidden="true" />}
          <span>{summary.text}</span>
          {summary.problem && <span className="picker-catalog-problem">{summary.problem}</span>}
        </div>
        {model.available.map((o, j) => {
          const i = model.installed.length + j;
          return <AvailableRow key={o.key} option={o} id={optionId(i)} active={i === activeIndex} onHover={() => setActive(i)} onChoose={() => choose(o)} />;
        })}
        {model.available.length === 0 && summary.state !== 'loading' && summary.state !== 'unavailable' && catalog && (
          <div className="picker-empty">
            {query ? 'No release matches.' : 'Every release in the list is installed.'}
            {model.hiddenUnstable > 0 && (
              <>
                {' '}
                <button type="button" className="link-button" onClick={() => setShowUnstable(true)}>
                  Show {model.hiddenUnstable} rc/beta
                </button>
              </>
            )}
          </div>
        )}
        {noMatches && query && <span className="visually-hidden" role="status">No version matches {query}</span>}
      </div>

      <div className="picker-footer">
        <button type="button" className="icon-button" data-testid="refresh-toolchains" onClick={() => void loadToolchains(true)} title="Look in PATH, ~/sdk and the store again">
          ↻ Look for toolchains again
        </button>
        <span className="spacer" />
        <button
          type="button"
          className="icon-button"
          data-testid="manage-sdks"
          onClick={() => {
            onClose(false);
            setSdkPanelOpen(true);
          }}
        >
          Manage SDKs…
        </button>
      </div>
    </div>
  );
}

interface RowProps<T> {
  option: T;
  id: string;
  active: boolean;
  onHover: () => void;
  onChoose: () => void;
}

function InstalledRow({ option, id, active, onHover, onChoose }: RowProps<InstalledOption>) {
  const t = option.toolchain;
  const [confirming, setConfirming] = useState(false);
  const verification = t.verification && t.verification !== 'checksum-db' ? t.verification : null;
  return (
    <div
      id={id}
      role="option"
      aria-selected={option.selected}
      className={`picker-option${active ? ' is-active' : ''}${option.selected ? ' is-selected' : ''}`}
      data-testid={`version-option-${option.version}`}
      data-kind="installed"
      data-selected={option.selected}
      title={t.goroot}
      onMouseMove={active ? undefined : onHover}
      onClick={confirming ? undefined : onChoose}
    >
      <span className="picker-check" aria-hidden="true">
        {option.selected ? '✓' : ''}
      </span>
      <span className="picker-option-version">{t.version}</span>
      <span className={`badge source-${t.source}`} title={SOURCE_HINT[t.source]}>
        {SOURCE_LABEL[t.source]}
      </span>
      {t.isDefault && <span className="badge badge-default">default</span>}
      {verification && (
        <span className={`badge verification-${verification}`} title={VERIFICATION_HINT[verification]}>
          {VERIFICATION_LABEL[verification]}
        </span>
      )}
      <span className="spacer" />
      {t.diskBytes !== undefined && !confirming && <span className="picker-size">{formatBytes(t.diskBytes)}</span>}
      {t.removable && <RemoveSdkControl toolchain={t} compact onConfirmChange={setConfirming} />}
    </div>
  );
}

function AvailableRow({ option, id, active, onHover, onChoose }: RowProps<AvailableOption>) {
  const { release, install, version } = option;
  const busy = isActive(install);
  return (
    <div
      id={id}
      role="option"
      aria-selected={false}
      className={`picker-option is-available${active ? ' is-active' : ''}${release.latestPatch ? ' is-latest' : ''}${busy ? ' is-installing' : ''}`}
      data-testid={`version-option-${version}`}
      data-kind="available"
      data-latest={release.latestPatch}
      title={busy ? undefined : `Install ${version} and use it in this tab`}
      onMouseMove={active ? undefined : onHover}
      onClick={busy ? undefined : onChoose}
    >
      <div className="picker-option-line">
        <span className="picker-check" aria-hidden="true">
          {busy ? '' : '⤓'}
        </span>
        <span className="picker-option-version">{version}</span>
        {release.latestPatch && <span className="badge badge-latest">latest {minorOf(version)?.replace(/^go/, '')}</span>}
        {!release.stable && <span className="badge badge-unstable">pre-release</span>}
        {!option.wasm && (
          <span className="badge badge-nowasm" title="GOOS=wasip1 exists from Go 1.21: this release cannot run in the WASM sandbox">
            no WASM
          </span>
        )}
        <span className="spacer" />
        {!busy && (
          <button
            type="button"
            className="mini-button accent"
            data-testid={`install-${version}`}
            tabIndex={active ? 0 : -1}
            onClick={(e) => {
              e.stopPropagation();
              onChoose();
            }}
          >
            {install?.phase === 'failed' ? 'Retry' : 'Install'}
          </button>
        )}
      </div>
      {install && <InstallProgressView view={install} />}
    </div>
  );
}
