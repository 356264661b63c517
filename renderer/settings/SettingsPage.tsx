// The Settings page: every setting in one place, each saved where it always is — appearance and the
// SDK sources and cache budget in the settings file, the run limits with the workspace. The
// sections are the same components the toolbar and the SDK panel use, so both places stay in step.
import { useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { Modal } from '../app/Modal';
import { DEFAULT_FONT_SIZE, MAX_FONT_SIZE, MIN_FONT_SIZE, NEW_TAB_MODES, THEME_PREFS, type NewTabMode, type ThemePref } from '../../shared/settings';
import { isMacPlatform, shortcutLabel } from '../app/shortcuts';
import { MODE_LABEL } from '../sandbox/ModeSwitch';
import { SourcesSection } from '../sdk/SdkPanel';
import { useApp } from '../store/context';
import { MAX_TIMEOUT_S, MIN_TIMEOUT_S } from '../store/settings-slice';
import { selectEditorFontSize } from '../theme/appearance-slice';
import { CacheSettings } from './CacheSettings';
import { LimitsFields } from './LimitsSetting';
import { NumberField } from './NumberField';
import { TimeoutSetting } from './TimeoutSetting';
import './settings.css';

const isMac = typeof navigator !== 'undefined' && isMacPlatform(navigator.platform);

const THEME_LABEL: Record<ThemePref, string> = { system: 'System', light: 'Light', dark: 'Dark' };
const NEW_TAB_LABEL: Record<NewTabMode, string> = { same: 'Same as the current tab', wasm: MODE_LABEL.wasm, docker: MODE_LABEL.docker };

export function SettingsPage() {
  const open = useApp((s) => s.settingsOpen);
  return open ? <SettingsDialog /> : null;
}

function SettingsDialog() {
  const setOpen = useApp((s) => s.setSettingsOpen);
  return (
    <Modal className="settings-page" testId="settings-page" titleId="settings-title" title="Settings" subtitle="Changes apply at once and are saved." closeTestId="close-settings" onClose={() => setOpen(false)}>
        <div className="modal-body">
          <AppearanceSection />
          <LimitsSection />
          <NewTabSection />
          <SourcesSection />
          <CacheSettings />
        </div>
    </Modal>
  );
}

/** A radio group drawn as the toolbar's segmented switch; arrows move the choice. */
function Segmented<T extends string>({ label, options, labels, value, testId, onChange }: { label: string; options: readonly T[]; labels: Record<T, string>; value: T; testId: string; onChange(v: T): void }) {
  const group = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: ReactKeyboardEvent) => {
    const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const next = options[(options.indexOf(value) + step + options.length) % options.length] ?? value;
    onChange(next);
    group.current?.querySelector<HTMLButtonElement>(`[data-value="${next}"]`)?.focus();
  };
  return (
    <div className="mode-switch settings-segmented" role="radiogroup" aria-label={label} data-testid={testId} data-value={value} ref={group} onKeyDown={onKeyDown}>
      {options.map((o) => (
        <button
          key={o}
          type="button"
          role="radio"
          aria-checked={o === value}
          tabIndex={o === value ? 0 : -1}
          className={`mode-option${o === value ? ' is-checked' : ''}`}
          data-testid={`${testId}-${o}`}
          data-value={o}
          onClick={() => onChange(o)}
        >
          {labels[o]}
        </button>
      ))}
    </div>
  );
}

function AppearanceSection() {
  const theme = useApp((s) => s.themePref);
  const fontSize = useApp((s) => s.fontSize);
  const shownSize = useApp(selectEditorFontSize);
  const presentation = useApp((s) => s.presentation);
  const pending = useApp((s) => s.uiPending || s.uiSaving);
  const error = useApp((s) => s.uiError);
  const setTheme = useApp((s) => s.setThemePref);
  const setFontSize = useApp((s) => s.setUiFontSize);
  const zoom = useApp((s) => s.zoomFont);
  const setPresentation = useApp((s) => s.setPresentation);

  return (
    <section className="sdk-card settings-section" aria-labelledby="settings-appearance-title" data-testid="settings-appearance">
      <div className="settings-section-head">
        <h3 id="settings-appearance-title" className="section-title">
          Appearance
        </h3>
        <span className="spacer" />
        <span className="sdk-meta" data-testid="appearance-state" data-state={error ? 'error' : pending ? 'saving' : 'saved'}>
          {error ? 'Not saved' : pending ? 'Saving…' : 'Saved'}
        </span>
      </div>
      <div className="settings-rows">
        <span className="field-label">Theme</span>
        <div className="settings-control">
          <Segmented label="Theme" options={THEME_PREFS} labels={THEME_LABEL} value={theme} testId="settings-theme" onChange={setTheme} />
          <span className="sdk-meta">System follows the light or dark setting of your desktop.</span>
        </div>

        <span className="field-label">Text size</span>
        <div className="settings-control">
          <div className="settings-font">
            <button type="button" className="mini-button" aria-label="Smaller text" data-testid="font-smaller" disabled={fontSize <= MIN_FONT_SIZE} onClick={() => zoom(-1)} title={`Smaller (${shortcutLabel('zoom-out', isMac)})`}>
              A−
            </button>
            <NumberField
              label="Text size"
              unit="px"
              value={fontSize}
              min={MIN_FONT_SIZE}
              max={MAX_FONT_SIZE}
              step={1}
              integer
              testId="settings-font-size"
              title={`The editor's font size (${MIN_FONT_SIZE}–${MAX_FONT_SIZE} px); the output follows it`}
              explainInvalid
              onCommit={setFontSize}
            />
            <button type="button" className="mini-button" aria-label="Larger text" data-testid="font-larger" disabled={fontSize >= MAX_FONT_SIZE} onClick={() => zoom(1)} title={`Larger (${shortcutLabel('zoom-in', isMac)})`}>
              A+
            </button>
            <button type="button" className="link-button" data-testid="font-reset" disabled={fontSize === DEFAULT_FONT_SIZE} onClick={() => zoom(0)} title={`Default size (${shortcutLabel('zoom-reset', isMac)})`}>
              Default
            </button>
          </div>
          {presentation && <span className="sdk-meta">Shown at {shownSize} px while presenting.</span>}
        </div>

        <span className="field-label">Presentation</span>
        <div className="settings-control">
          <label className={`toggle${presentation ? ' is-on' : ''}`} data-testid="settings-presentation">
            <input type="checkbox" checked={presentation} onChange={(e) => setPresentation(e.target.checked)} />
            <span className="toggle-track" aria-hidden="true">
              <span className="toggle-thumb" />
            </span>
            <span className="toggle-label">{presentation ? 'on' : 'off'}</span>
          </label>
          <span className="sdk-meta">For a projector: large type, high contrast, no sidebar ({shortcutLabel('toggle-presentation', isMac)}).</span>
        </div>
      </div>
      {error && (
        <p className="inline-error" role="alert" data-testid="appearance-error">
          {error}
        </p>
      )}
    </section>
  );
}

function LimitsSection() {
  return (
    <section className="sdk-card settings-section" aria-labelledby="settings-limits-title" data-testid="settings-limits">
      <h3 id="settings-limits-title" className="section-title">
        Run limits
      </h3>
      <p className="sdk-help">For every run in this workspace; saved with it. CPUs and PIDs apply to Docker runs.</p>
      <div className="limits-grid settings-limits-grid">
        <TimeoutSetting explainInvalid />
        <span className="limits-range">
          {MIN_TIMEOUT_S}–{MAX_TIMEOUT_S}
        </span>
        <LimitsFields docker explainInvalid />
      </div>
    </section>
  );
}

function NewTabSection() {
  const mode = useApp((s) => s.newTabMode);
  const setMode = useApp((s) => s.setNewTabMode);
  return (
    <section className="sdk-card settings-section" aria-labelledby="settings-newtab-title" data-testid="settings-new-tab">
      <h3 id="settings-newtab-title" className="section-title">
        New tabs
      </h3>
      <div className="settings-rows">
        <span className="field-label">Sandbox</span>
        <div className="settings-control">
          <Segmented label="Sandbox of new tabs" options={NEW_TAB_MODES} labels={NEW_TAB_LABEL} value={mode} testId="settings-new-tab-mode" onChange={setMode} />
          <span className="sdk-meta">Each tab keeps its own sandbox; this is where a new one ({shortcutLabel('new-tab', isMac)}) starts.</span>
        </div>
      </div>
    </section>
  );
}
