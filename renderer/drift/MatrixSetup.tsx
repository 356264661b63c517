// What a matrix runs on: the axis, then releases (quick picks or by hand from a searchable list)
// or go lines on the tab's toolchain; the sandbox; Run and Cancel.
import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/context';
import { fixedToolchainVersion, matrixValues, MAX_MATRIX_VALUES, type DriftMode } from '../store/drift-slice';
import { isActive } from '../store/install-progress';
import { selectActiveTab } from '../store/workspace-slice';
import { matchesQuery } from '../versions/picker-model';
import { goLineChoices, installedPicks, latestPatchPicks, lineOf, linesOf, minorPicks, releaseOptions, sortLines, sortReleases, type ReleaseOption } from './picks';

export const MODE_CHOICES: ReadonlyArray<{ mode: DriftMode; label: string; hint: string }> = [
  { mode: 'auto', label: 'Auto', hint: 'WASM for Go 1.21 and newer; Docker for older releases (they have no wasip1)' },
  { mode: 'wasm', label: 'WASM', hint: 'Every release in the WASM sandbox: releases before Go 1.21 cannot run there' },
  { mode: 'docker', label: 'Docker', hint: 'Every release in a Docker container (needs a running engine)' },
];

export function MatrixSetup() {
  const open = useApp((s) => s.matrixSetupOpen);
  // Once this tab has a matrix, the setup folds into one line so the results fill the panel.
  const hasMatrix = useApp((s) => s.matrixRun?.tabId === s.activeTabId || selectActiveTab(s)?.drift?.matrix !== undefined);
  return open || !hasMatrix ? <MatrixSetupForm /> : <MatrixSetupLine />;
}

/** "Language · 1.21, 1.22 on go1.26.8 · Auto", with Change… and Run again (or Cancel). */
function MatrixSetupLine() {
  const form = useApp((s) => s.matrixForm);
  const values = useApp(useShallow(matrixValues));
  const toolchain = useApp(fixedToolchainVersion);
  const setOpen = useApp((s) => s.setMatrixSetupOpen);
  const running = useApp((s) => s.matrixRun?.phase === 'running');
  const cancelRequested = useApp((s) => s.matrixRun?.cancelRequested ?? false);
  const startMatrix = useApp((s) => s.startMatrix);
  const cancelMatrix = useApp((s) => s.cancelMatrix);
  const shown = values.length > 6 ? `${values[0]} … ${values[values.length - 1]} (${values.length})` : values.join(', ');

  return (
    <section className="drift-card drift-setup-line" aria-label="Matrix setup" data-testid="matrix-setup-line">
      <span className="drift-label">{form.axis === 'toolchain' ? 'Releases' : 'Go lines'}</span>
      <span className="drift-setup-values" title={values.join(', ')}>
        {shown || 'none'}
      </span>
      {form.axis === 'language' && toolchain && <span className="drift-hint">on {toolchain}</span>}
      <span className="drift-hint">· {MODE_CHOICES.find((m) => m.mode === form.mode)?.label}</span>
      <span className="spacer" />
      <button type="button" className="button" data-testid="matrix-change" onClick={() => setOpen(true)}>
        Change…
      </button>
      {running ? (
        <button type="button" className="button danger" data-testid="matrix-cancel" disabled={cancelRequested} onClick={() => void cancelMatrix()}>
          ■ {cancelRequested ? 'Canceling…' : 'Cancel'}
        </button>
      ) : (
        <button type="button" className="button primary" data-testid="matrix-run" disabled={values.length === 0 || values.length > MAX_MATRIX_VALUES} onClick={() => void startMatrix()}>
          ▶ Run again
        </button>
      )}
    </section>
  );
}

function MatrixSetupForm() {
  const form = useApp((s) => s.matrixForm);
  const hasMatrix = useApp((s) => s.matrixRun?.tabId === s.activeTabId || selectActiveTab(s)?.drift?.matrix !== undefined);
  const setOpen = useApp((s) => s.setMatrixSetupOpen);
  const update = useApp((s) => s.updateMatrixForm);
  const values = useApp(useShallow(matrixValues));
  const running = useApp((s) => s.matrixRun?.phase === 'running');
  const cancelRequested = useApp((s) => s.matrixRun?.cancelRequested ?? false);
  const startMatrix = useApp((s) => s.startMatrix);
  const cancelMatrix = useApp((s) => s.cancelMatrix);
  const tooMany = values.length > MAX_MATRIX_VALUES;

  return (
    <section className="drift-card drift-setup" aria-label="Matrix setup" data-testid="matrix-setup">
      <div className="drift-row">
        <span className="drift-label">Vary</span>
        <div className="segmented" role="radiogroup" aria-label="Matrix axis" data-testid="matrix-axis" data-axis={form.axis}>
          <button type="button" role="radio" aria-checked={form.axis === 'toolchain'} className={`segment${form.axis === 'toolchain' ? ' is-checked' : ''}`} data-testid="matrix-axis-toolchain" onClick={() => update({ axis: 'toolchain' })}>
            Toolchain <span className="segment-sub">release</span>
          </button>
          <button type="button" role="radio" aria-checked={form.axis === 'language'} className={`segment${form.axis === 'language' ? ' is-checked' : ''}`} data-testid="matrix-axis-language" onClick={() => update({ axis: 'language' })}>
            Language <span className="segment-sub">go line</span>
          </button>
        </div>
        <span className="drift-hint">
          {form.axis === 'toolchain'
            ? 'The same snippet built by each Go release.'
            : 'One toolchain; only the go line of go.mod changes — shows whether a change is in the language.'}
        </span>
      </div>

      {form.axis === 'toolchain' ? <ReleaseChooser /> : <LineChooser />}

      <div className="drift-row drift-actions-row">
        <label className="drift-field">
          <span className="drift-label">Sandbox</span>
          <select value={form.mode} data-testid="matrix-mode" onChange={(e) => update({ mode: e.target.value as DriftMode })} title={MODE_CHOICES.find((m) => m.mode === form.mode)?.hint}>
            {MODE_CHOICES.map((m) => (
              <option key={m.mode} value={m.mode} title={m.hint}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        {tooMany && <span className="drift-warn">At most {MAX_MATRIX_VALUES} at once.</span>}
        {hasMatrix && (
          <button type="button" className="link-button" data-testid="matrix-fold" onClick={() => setOpen(false)}>
            Hide setup
          </button>
        )}
        {running ? (
          <button type="button" className="button danger big" data-testid="matrix-cancel" disabled={cancelRequested} onClick={() => void cancelMatrix()}>
            ■ {cancelRequested ? 'Canceling…' : 'Cancel'}
          </button>
        ) : (
          <button type="button" className="button primary big" data-testid="matrix-run" disabled={values.length === 0 || tooMany} onClick={() => void startMatrix()}>
            ▶ Run on {values.length} {form.axis === 'toolchain' ? (values.length === 1 ? 'release' : 'releases') : values.length === 1 ? 'go line' : 'go lines'}
          </button>
        )}
      </div>
    </section>
  );
}

function ReleaseChooser() {
  const catalog = useApp((s) => s.catalog);
  const catalogStatus = useApp((s) => s.catalogStatus);
  const toolchains = useApp((s) => s.toolchains);
  const installs = useApp((s) => s.installs);
  const form = useApp((s) => s.matrixForm);
  const update = useApp((s) => s.updateMatrixForm);
  const picked = useApp(useShallow(matrixValues));
  const [includeDocker, setIncludeDocker] = useState(false);
  const [query, setQuery] = useState('');
  const [showList, setShowList] = useState(false);

  const options = useMemo(() => releaseOptions(catalog?.releases ?? null, toolchains), [catalog, toolchains]);
  const lines = useMemo(() => linesOf(options).filter((l) => includeDocker || options.some((o) => o.line === l && o.wasm)), [options, includeDocker]);
  const [minor, setMinor] = useState('');
  const tabLine = lineOf(useApp(fixedToolchainVersion) ?? '');
  const chosenMinor = lines.includes(minor) ? minor : tabLine && lines.includes(tabLine) ? tabLine : (lines[0] ?? '');
  const byVersion = useMemo(() => new Map(options.map((o) => [o.version, o])), [options]);
  const pickedSet = new Set(picked);
  const missing = picked.filter((v) => !byVersion.get(v)?.installed);
  const listed = options.filter((o) => (includeDocker || o.wasm || pickedSet.has(o.version)) && (o.stable || query !== '' || pickedSet.has(o.version)) && matchesQuery(query, [o.version, o.installed ? 'installed' : '', o.latestPatch ? 'latest' : '']));

  const setReleases = (releases: string[]) => update({ releases: sortReleases(releases) });
  const toggle = (v: string) => setReleases(pickedSet.has(v) ? picked.filter((p) => p !== v) : [...picked, v]);

  return (
    <>
      <div className="drift-row drift-quickpicks" role="group" aria-label="Quick picks">
        <span className="drift-label">Pick</span>
        <button type="button" className="chip-button big" data-testid="pick-latest" disabled={options.length === 0} onClick={() => setReleases(latestPatchPicks(options, includeDocker))} title="The newest patch release of each minor">
          Latest patch of each minor
        </button>
        <span className="chip-group">
          <button type="button" className="chip-button big" data-testid="pick-minor" disabled={!chosenMinor} onClick={() => setReleases(minorPicks(options, chosenMinor))} title="Every patch release of one minor">
            All patches of
          </button>
          <select className="chip-select" aria-label="Minor" data-testid="pick-minor-line" value={chosenMinor} onChange={(e) => setMinor(e.target.value)}>
            {lines.map((l) => (
              <option key={l} value={l}>
                go{l}
              </option>
            ))}
          </select>
        </span>
        <button type="button" className="chip-button big" data-testid="pick-installed" onClick={() => setReleases(installedPicks(options))} title="Every release installed on this machine: nothing to download">
          Installed
        </button>
        <button type="button" className="chip-button big ghost" data-testid="pick-clear" disabled={picked.length === 0} onClick={() => setReleases([])}>
          Clear
        </button>
        <label className="drift-check" title="Releases before Go 1.21 have no wasip1: they run in Docker">
          <input type="checkbox" checked={includeDocker} onChange={(e) => setIncludeDocker(e.target.checked)} data-testid="pick-include-docker" />
          before go1.21 <span className="badge badge-docker">Docker</span>
        </label>
      </div>

      <div className="drift-selected" data-testid="matrix-selected" aria-label="Releases in the matrix">
        {picked.length === 0 ? (
          <span className="drift-hint">No release picked: use a quick pick or choose by hand.</span>
        ) : (
          picked.map((v) => {
            const o = byVersion.get(v);
            const install = installs[v];
            return (
              <span key={v} className={`release-chip${o?.installed ? ' is-installed' : ''}`} data-testid={`matrix-chip-${v}`} title={o?.installed ? `${v} is installed` : `${v} is not installed: it is downloaded when the matrix runs`}>
                {v}
                {!o?.installed && (isActive(install) ? <span className="spinner small release-chip-mark" aria-label="installing" /> : <span className="release-chip-mark">↓</span>)}
                {o && !o.wasm && <span className="badge badge-docker">Docker</span>}
                <button type="button" className="release-chip-remove" aria-label={`Remove ${v}`} onClick={() => toggle(v)}>
                  ×
                </button>
              </span>
            );
          })
        )}
      </div>

      <div className="drift-row drift-install-row">
        {missing.length > 0 && (
          <label className="drift-check" title="Download, verify and install the missing releases first; progress shows in the status bar">
            <input type="checkbox" checked={form.install} data-testid="matrix-install" onChange={(e) => update({ install: e.target.checked })} />
            Install the {missing.length} missing {missing.length === 1 ? 'release' : 'releases'} first
          </label>
        )}
        {missing.length > 0 && !form.install && <span className="drift-warn">Missing releases will show as sdk-missing.</span>}
        <span className="spacer" />
        <button type="button" className="link-button" data-testid="matrix-choose-by-hand" aria-expanded={showList} onClick={() => setShowList((s) => !s)}>
          {showList ? 'Hide the release list' : 'Choose by hand…'}
        </button>
      </div>

      {showList && (
        <div className="release-list-box">
          <input
            className="picker-search"
            type="search"
            placeholder={catalogStatus === 'loading' ? 'Loading the release list…' : 'Search releases (1.22, installed, rc…)'}
            value={query}
            data-testid="matrix-release-search"
            onChange={(e) => setQuery(e.target.value)}
            spellCheck={false}
          />
          <ul className="release-list" data-testid="matrix-release-list">
            {listed.length === 0 && <li className="drift-hint">{catalogStatus === 'loading' ? 'Loading…' : 'No release matches.'}</li>}
            {listed.map((o) => (
              <ReleaseRow key={o.version} option={o} checked={pickedSet.has(o.version)} onToggle={() => toggle(o.version)} />
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

function ReleaseRow({ option: o, checked, onToggle }: { option: ReleaseOption; checked: boolean; onToggle: () => void }) {
  return (
    <li>
      <label className={`release-row${checked ? ' is-checked' : ''}`} data-testid={`matrix-release-${o.version}`}>
        <input type="checkbox" checked={checked} onChange={onToggle} />
        <span className="release-version">{o.version}</span>
        {o.installed && <span className="badge source-store">installed</span>}
        {o.latestPatch && <span className="badge badge-latest">latest</span>}
        {!o.stable && <span className="badge badge-unstable">pre-release</span>}
        {!o.wasm && <span className="badge badge-docker">Docker</span>}
      </label>
    </li>
  );
}

function LineChooser() {
  const form = useApp((s) => s.matrixForm);
  const update = useApp((s) => s.updateMatrixForm);
  const toolchain = useApp(fixedToolchainVersion);
  const picked = useApp(useShallow(matrixValues));
  const choices = goLineChoices(toolchain);
  const pickedSet = new Set(picked);
  const toggle = (l: string) => update({ lines: sortLines(pickedSet.has(l) ? picked.filter((p) => p !== l) : [...picked, l]) });

  return (
    <>
      <div className="drift-row">
        <span className="drift-label">Toolchain</span>
        <span className="drift-fixed" data-testid="matrix-fixed-toolchain" title="The language axis keeps this tab's toolchain; pick another in the Go menu of the toolbar">
          {toolchain ?? 'no Go found'}
        </span>
        <span className="drift-hint">this tab's Go, fixed</span>
      </div>
      <div className="drift-row" role="group" aria-label="Go lines">
        <span className="drift-label">Go lines</span>
        <div className="line-chips">
          {choices.map((l) => (
            <button
              key={l}
              type="button"
              className={`line-chip${pickedSet.has(l) ? ' is-checked' : ''}`}
              aria-pressed={pickedSet.has(l)}
              data-testid={`matrix-line-${l}`}
              onClick={() => toggle(l)}
            >
              {l}
            </button>
          ))}
          {choices.length === 0 && <span className="drift-hint">No toolchain to run on.</span>}
        </div>
        {form.lines !== null && (
          <button type="button" className="link-button" onClick={() => update({ lines: null })}>
            Reset
          </button>
        )}
      </div>
    </>
  );
}
