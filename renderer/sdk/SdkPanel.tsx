// The SDK manager: what is installed (and its disk use), where the release list stands, installs
// under way, importing an SDK or a kit from a path, and exporting a classroom kit.
import { useEffect, useMemo, useState } from 'react';
import { Modal } from '../app/Modal';
import type { Toolchain } from '../../shared/toolchain';
import { useApp } from '../store/context';
import { isActive } from '../store/install-progress';
import { sourcesDirty } from '../store/sources-slice';
import { compareGoVersions, normalizeGoVersion, supportsWasip1 } from '../versions/go-version';
import { summarizeCatalog } from './catalog-state';
import { formatBytes, shortenPath, SOURCE_HINT, SOURCE_LABEL, VERIFICATION_HINT, VERIFICATION_LABEL } from './format';
import { InstallProgressView } from './InstallProgressView';
import { RemoveSdkControl } from './RemoveSdkControl';

export function SdkPanel() {
  const open = useApp((s) => s.sdkPanelOpen);
  return open ? <SdkPanelDialog /> : null;
}

function SdkPanelDialog() {
  const setOpen = useApp((s) => s.setSdkPanelOpen);
  const catalogStatus = useApp((s) => s.catalogStatus);
  const loadCatalog = useApp((s) => s.loadCatalog);

  useEffect(() => {
    if (catalogStatus === 'idle' || catalogStatus === 'error') void loadCatalog();
    // Only when the panel opens.
  }, []);

  return (
    <Modal className="sdk-panel" testId="sdk-panel" titleId="sdk-panel-title" title="Go SDKs" subtitle="Choose a version per tab from the Go menu in the toolbar." closeTestId="close-sdk-panel" onClose={() => setOpen(false)}>
        <div className="modal-body">
          <InstalledSection />
          <CatalogSection />
          <SourcesSection />
          <div className="sdk-panel-grid">
            <ImportSection />
            <ExportSection />
          </div>
        </div>
    </Modal>
  );
}

function InstalledSection() {
  const toolchains = useApp((s) => s.toolchains);
  const status = useApp((s) => s.toolchainsStatus);
  const error = useApp((s) => s.toolchainsError);
  const loadToolchains = useApp((s) => s.loadToolchains);
  const lastRemoval = useApp((s) => s.lastRemoval);
  const sorted = useMemo(
    () => [...toolchains].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || compareGoVersions(b.version, a.version)),
    [toolchains],
  );
  const totalDisk = toolchains.reduce((sum, t) => sum + (t.diskBytes ?? 0), 0);

  return (
    <section className="sdk-section" aria-labelledby="sdk-installed-title">
      <div className="sdk-section-head">
        <h3 id="sdk-installed-title" className="section-title">
          Installed <span className="count neutral">{toolchains.length}</span>
        </h3>
        {totalDisk > 0 && <span className="sdk-meta">{formatBytes(totalDisk)} on disk</span>}
        <span className="spacer" />
        <button type="button" className="icon-button" data-testid="sdk-refresh-list" disabled={status === 'loading'} onClick={() => void loadToolchains(true)}>
          ↻ Look again
        </button>
      </div>
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      {lastRemoval && (
        <p className="inline-note" data-testid="removal-note" role="status">
          Removed {lastRemoval.version} and freed {formatBytes(lastRemoval.freedBytes)}.
        </p>
      )}
      <table className="sdk-table" data-testid="sdk-table">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Source</th>
            <th scope="col">Verification</th>
            <th scope="col" className="num">
              Disk
            </th>
            <th scope="col">Location</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.length === 0 && (
            <tr>
              <td colSpan={6} className="sdk-empty">
                {status === 'loading' ? 'Looking for toolchains…' : 'No Go toolchain found. Install one from the Go menu, or import an archive below.'}
              </td>
            </tr>
          )}
          {sorted.map((t) => (
            <InstalledRow key={t.goroot} toolchain={t} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function InstalledRow({ toolchain: t }: { toolchain: Toolchain }) {
  return (
    <tr data-testid={`sdk-row-${t.version}`}>
      <td>
        <span className="sdk-version">{t.version}</span>
        {t.isDefault && <span className="badge badge-default">default</span>}
      </td>
      <td>
        <span className={`badge source-${t.source}`} title={SOURCE_HINT[t.source]}>
          {SOURCE_LABEL[t.source]}
        </span>
      </td>
      <td>
        {t.verification ? (
          <span className={`badge verification-${t.verification}`} title={VERIFICATION_HINT[t.verification]}>
            {VERIFICATION_LABEL[t.verification]}
          </span>
        ) : (
          <span className="muted" title="Not installed by Gopherlab: it was not checked by it">
            —
          </span>
        )}
      </td>
      <td className="num">{formatBytes(t.diskBytes)}</td>
      <td className="sdk-path" title={t.goroot}>
        {shortenPath(t.goroot, 26)}
      </td>
      <td className="actions">{t.removable ? <RemoveSdkControl toolchain={t} /> : null}</td>
    </tr>
  );
}

function CatalogSection() {
  const catalog = useApp((s) => s.catalog);
  const status = useApp((s) => s.catalogStatus);
  const error = useApp((s) => s.catalogError);
  const loadCatalog = useApp((s) => s.loadCatalog);
  const installs = useApp((s) => s.installs);
  const toolchains = useApp((s) => s.toolchains);
  const installSdk = useApp((s) => s.installSdk);
  const summary = summarizeCatalog(catalog, status, error, Date.now());

  // The newest patch of each minor the sandbox can run, not yet installed: one click each.
  const suggestions = useMemo(() => {
    const have = new Set(toolchains.map((t) => t.version));
    return (catalog?.releases ?? [])
      .filter((r) => r.stable && r.latestPatch && !r.installed && !have.has(normalizeGoVersion(r.version)) && supportsWasip1(r.version))
      .map((r) => normalizeGoVersion(r.version))
      .sort((a, b) => compareGoVersions(b, a))
      .slice(0, 8);
  }, [catalog, toolchains]);
  const views = Object.values(installs).sort((a, b) => b.startedAt - a.startedAt);

  return (
    <section className="sdk-section" aria-labelledby="sdk-catalog-title">
      <div className="sdk-section-head">
        <h3 id="sdk-catalog-title" className="section-title">
          Release catalogue
        </h3>
        <span className="spacer" />
        <button
          type="button"
          className="icon-button"
          data-testid="catalog-refresh"
          disabled={status === 'loading' || status === 'unavailable'}
          onClick={() => void loadCatalog(true)}
          title="Ask the module proxy for the list of releases again"
        >
          ↻ Refresh
        </button>
      </div>
      <div className={`catalog-state state-${summary.state}`} data-testid="catalog-state" data-state={summary.state}>
        <span className="catalog-dot" aria-hidden="true" />
        <div className="catalog-text">
          <div>
            {summary.source && (
              <strong className="catalog-proxy" data-testid="catalog-proxy">
                {summary.source}
              </strong>
            )}
            {summary.source && <span className="catalog-sep"> · </span>}
            <span>{summary.state === 'online' ? `Online · ${summary.text}` : summary.text}</span>
            {summary.refreshing && <span className="spinner small inline" aria-label="Refreshing" />}
          </div>
          {summary.problem && (
            <div className="catalog-problem" data-testid="catalog-problem">
              {summary.problem}
            </div>
          )}
        </div>
      </div>
      {suggestions.length > 0 && (
        <div className="catalog-suggestions">
          <span className="sdk-meta">Newest of each release line:</span>
          {suggestions.map((v) => (
            <button
              key={v}
              type="button"
              className="chip-button"
              data-testid={`panel-install-${v}`}
              disabled={isActive(installs[v])}
              onClick={() => void installSdk(v)}
              title={`Install ${v}`}
            >
              ⤓ {v}
            </button>
          ))}
        </div>
      )}
      {views.length > 0 && (
        <div className="sdk-installs" data-testid="sdk-installs">
          {views.map((v) => (
            <InstallProgressView key={v.version} view={v} showVersion />
          ))}
        </div>
      )}
    </section>
  );
}

function ImportSection() {
  const op = useApp((s) => s.importOp);
  const importSdk = useApp((s) => s.importSdk);
  const [path, setPath] = useState('');
  const working = op.status === 'working';

  return (
    <section className="sdk-section sdk-card" aria-labelledby="sdk-import-title">
      <h3 id="sdk-import-title" className="section-title">
        Import…
      </h3>
      <p className="sdk-help">A toolchain .zip from the module proxy, a go.dev .tar.gz or .zip, or a classroom kit — by its path on this machine.</p>
      <form
        className="sdk-form"
        onSubmit={(e) => {
          e.preventDefault();
          void importSdk(path);
        }}
      >
        <input
          className="text-input"
          data-testid="import-path"
          type="text"
          spellCheck={false}
          placeholder="/media/usb/go1.22.3.linux-amd64.tar.gz"
          aria-label="Path of the archive or kit to import"
          value={path}
          onChange={(e) => setPath(e.target.value)}
        />
        <button type="submit" className="button" data-testid="import-submit" disabled={working || path.trim() === ''}>
          {working ? 'Importing…' : 'Import'}
        </button>
      </form>
      {op.status === 'error' && (
        <p className="inline-error" role="alert" data-testid="import-error">
          {op.error}
        </p>
      )}
      {op.status === 'done' && op.result && (
        <div className="inline-note" role="status" data-testid="import-result">
          {op.result.toolchains.length === 0 ? (
            <>Nothing new in {op.result.path}: every SDK in it was already installed.</>
          ) : (
            <>
              Imported{' '}
              {op.result.toolchains.map((t, i) => (
                <span key={t.goroot}>
                  {i > 0 ? ', ' : ''}
                  <strong>{t.version}</strong>
                  {t.verification ? ` (${VERIFICATION_LABEL[t.verification]})` : ''}
                </span>
              ))}{' '}
              from {op.result.path}.
            </>
          )}
        </div>
      )}
    </section>
  );
}

function ExportSection() {
  const toolchains = useApp((s) => s.toolchains);
  const op = useApp((s) => s.exportOp);
  const exportKit = useApp((s) => s.exportKit);
  const stored = useMemo(() => toolchains.filter((t) => t.source === 'store').sort((a, b) => compareGoVersions(b.version, a.version)), [toolchains]);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [out, setOut] = useState('');
  const working = op.status === 'working';
  const picked = stored.filter((t) => chosen.has(t.version)).map((t) => t.version);

  return (
    <section className="sdk-section sdk-card" aria-labelledby="sdk-export-title">
      <h3 id="sdk-export-title" className="section-title">
        Export kit…
      </h3>
      <p className="sdk-help">Writes the chosen SDKs and a manifest to one file, for machines with no internet (a classroom, a USB stick).</p>
      {stored.length === 0 ? (
        <p className="sdk-empty-note">No SDK installed by Gopherlab yet: a kit holds SDKs from its store. Install one from the Go menu first.</p>
      ) : (
        <div className="export-choices" role="group" aria-label="SDKs to put in the kit">
          {stored.map((t) => (
            <label key={t.goroot} className="check-chip">
              <input
                type="checkbox"
                data-testid={`export-version-${t.version}`}
                checked={chosen.has(t.version)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(t.version);
                  else next.delete(t.version);
                  setChosen(next);
                }}
              />
              {t.version}
              {t.diskBytes !== undefined && <span className="muted"> · {formatBytes(t.diskBytes)}</span>}
            </label>
          ))}
        </div>
      )}
      <form
        className="sdk-form"
        onSubmit={(e) => {
          e.preventDefault();
          void exportKit(picked, out);
        }}
      >
        <input
          className="text-input"
          data-testid="export-path"
          type="text"
          spellCheck={false}
          placeholder="/media/usb/gopherlab-kit.zip"
          aria-label="Where to write the kit"
          value={out}
          onChange={(e) => setOut(e.target.value)}
        />
        <button type="submit" className="button" data-testid="export-submit" disabled={working || picked.length === 0 || out.trim() === ''}>
          {working ? 'Writing…' : 'Export'}
        </button>
      </form>
      {op.status === 'error' && (
        <p className="inline-error" role="alert" data-testid="export-error">
          {op.error}
        </p>
      )}
      {op.status === 'done' && op.result && (
        <p className="inline-note" role="status" data-testid="export-result">
          Wrote <strong>{op.result.path}</strong> ({formatBytes(op.result.bytes)}) with {op.result.versions.join(', ')}.
        </p>
      )}
    </section>
  );
}

export function SourcesSection() {
  const draft = useApp((s) => s.sourcesDraft);
  const status = useApp((s) => s.sourcesStatus);
  const error = useApp((s) => s.sourcesError);
  const savedAt = useApp((s) => s.sourcesSavedAt);
  const loaded = useApp((s) => s.sources !== null);
  const dirty = useApp(sourcesDirty);
  const loadSources = useApp((s) => s.loadSources);
  const setGoproxy = useApp((s) => s.setGoproxyDraft);
  const addGoroot = useApp((s) => s.addGorootDraft);
  const removeGoroot = useApp((s) => s.removeGorootDraft);
  const saveSources = useApp((s) => s.saveSources);
  const [goroot, setGoroot] = useState('');
  const saving = status === 'saving';

  useEffect(() => {
    // Each time the panel opens: another window may have changed them.
    if (status !== 'saving') void loadSources();
    // Only when the panel opens.
  }, []);

  return (
    <section className="sdk-section sdk-card" aria-labelledby="sdk-sources-title" data-testid="sdk-sources">
      <h3 id="sdk-sources-title" className="section-title">
        Sources
      </h3>
      <p className="sdk-help">Where releases are downloaded from, and Go installations outside ~/sdk to offer as toolchains.</p>
      <form
        className="sdk-form sdk-sources-form"
        onSubmit={(e) => {
          e.preventDefault();
          void saveSources();
        }}
      >
        <label className="sdk-field">
          <span className="sdk-meta">GOPROXY</span>
          <input
            className="text-input"
            data-testid="sources-goproxy"
            type="text"
            spellCheck={false}
            placeholder="from the environment (GOPROXY / go env)"
            aria-label="GOPROXY for SDK downloads"
            value={draft.goproxy}
            disabled={!loaded && status === 'loading'}
            onChange={(e) => setGoproxy(e.target.value)}
          />
        </label>
        <div className="sdk-field" role="group" aria-label="Extra GOROOTs">
          <span className="sdk-meta">Extra GOROOTs</span>
          {draft.goroots.length === 0 ? (
            <span className="sdk-empty-note" data-testid="sources-goroots-empty">
              None: only the Go on PATH and the SDKs in ~/sdk.
            </span>
          ) : (
            <ul className="sdk-goroots" data-testid="sources-goroots">
              {draft.goroots.map((g) => (
                <li key={g} data-testid="sources-goroot">
                  <span className="sdk-path" title={g}>
                    {g}
                  </span>
                  <button type="button" className="link-button" aria-label={`Remove ${g}`} data-testid="sources-goroot-remove" onClick={() => removeGoroot(g)}>
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="sdk-form">
            <input
              className="text-input"
              data-testid="sources-goroot-input"
              type="text"
              spellCheck={false}
              placeholder="/home/me/go-src"
              aria-label="A GOROOT to add"
              value={goroot}
              onChange={(e) => setGoroot(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  if (addGoroot(goroot)) setGoroot('');
                }
              }}
            />
            <button type="button" className="button" data-testid="sources-goroot-add" disabled={goroot.trim() === ''} onClick={() => {
                if (addGoroot(goroot)) setGoroot('');
              }}>
              Add
            </button>
          </div>
        </div>
        <div className="sdk-form">
          <span className="spacer" />
          <button type="submit" className="button primary" data-testid="sources-save" disabled={saving || !dirty}>
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
      {error && (
        <p className="inline-error" role="alert" data-testid="sources-error">
          {error}
        </p>
      )}
      {savedAt !== null && !dirty && !error && (
        <p className="inline-note" role="status" data-testid="sources-saved">
          Saved: the toolchains and the release catalogue were read again.
        </p>
      )}
    </section>
  );
}
