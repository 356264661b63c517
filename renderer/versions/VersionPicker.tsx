// The Go toolchain of the active tab, chosen from what sdk.list reports.
import { useApp } from '../store/context';
import { resolveToolchain } from '../store/toolchain-slice';
import { selectActiveTab } from '../store/workspace-slice';

export function VersionPicker() {
  const toolchains = useApp((s) => s.toolchains);
  const status = useApp((s) => s.toolchainsStatus);
  const error = useApp((s) => s.toolchainsError);
  const tabId = useApp((s) => selectActiveTab(s)?.id ?? '');
  const go = useApp((s) => selectActiveTab(s)?.go ?? '');
  const setTabGo = useApp((s) => s.setTabGo);
  const loadToolchains = useApp((s) => s.loadToolchains);

  const selected = resolveToolchain(toolchains, go);
  // A tab may name a toolchain that is gone (removed, or from another machine): keep it visible.
  const missing = go !== '' && !selected;
  const value = missing ? go : (selected?.id ?? '');

  return (
    <label className="toolbar-field" title={error ?? 'The Go toolchain this tab builds with'}>
      <span className="field-label">Go</span>
      <select
        data-testid="go-version"
        value={value}
        disabled={status === 'loading' && toolchains.length === 0}
        onChange={(e) => {
          const id = e.target.value;
          if (id === '__refresh') {
            void loadToolchains(true);
            return;
          }
          setTabGo(tabId, id);
        }}
      >
        {toolchains.length === 0 && <option value="">{status === 'loading' || status === 'idle' ? 'Loading…' : 'No Go found'}</option>}
        {missing && <option value={go}>{go} (not installed)</option>}
        {toolchains.map((t) => (
          <option key={t.id} value={t.id} title={t.goroot}>
            {t.version}
            {t.isDefault ? ' (default)' : ''}
            {t.source === 'path' ? ' · PATH' : ''}
          </option>
        ))}
        <option value="__refresh">↻ Look for toolchains again</option>
      </select>
    </label>
  );
}
