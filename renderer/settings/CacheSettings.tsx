// The compile cache: what it holds against its budget, the budget itself (a setting, saved on
// the server; the cache evicts least recently used builds beyond it) and a way to empty it.
import { useEffect, useState } from 'react';
import { DEFAULT_CACHE_BUDGET_BYTES } from '../../shared/settings';
import { useApp } from '../store/context';
import { MAX_CACHE_BUDGET_MIB, MIN_CACHE_BUDGET_MIB } from '../store/latency-slice';
import { isValidNumber } from './NumberField';

const MIB = 1024 * 1024;

/** In the budget's own unit, so "of 512 MiB" matches the field. */
function formatMiB(bytes: number): string {
  const mib = bytes / MIB;
  if (mib >= 1024) return `${(mib / 1024).toFixed(mib >= 10 * 1024 ? 0 : 1)} GiB`;
  return `${mib >= 100 ? Math.round(mib) : mib.toFixed(1)} MiB`;
}

export function CacheSettings() {
  const stats = useApp((s) => s.cacheStats);
  const statsError = useApp((s) => s.cacheStatsError);
  const note = useApp((s) => s.cacheNote);
  const error = useApp((s) => s.cacheError);
  const clearing = useApp((s) => s.cacheClearing);
  const saving = useApp((s) => s.cacheBudgetSaving);
  const storedBudget = useApp((s) => s.sources?.cacheBudgetBytes ?? s.cacheStats?.budgetBytes ?? null);
  const clearCache = useApp((s) => s.clearCache);
  const saveBudget = useApp((s) => s.saveCacheBudget);
  const loadSources = useApp((s) => s.loadSources);
  const sourcesStatus = useApp((s) => s.sourcesStatus);

  const budgetMiB = Math.round((storedBudget ?? DEFAULT_CACHE_BUDGET_BYTES) / MIB);
  const [draft, setDraft] = useState(String(budgetMiB));
  useEffect(() => setDraft(String(budgetMiB)), [budgetMiB]);
  useEffect(() => {
    // The budget lives in the settings; read them once so the field starts from the stored value.
    if (sourcesStatus === 'idle') void loadSources();
  }, [sourcesStatus, loadSources]);

  const valid = isValidNumber(draft, MIN_CACHE_BUDGET_MIB, MAX_CACHE_BUDGET_MIB, true);
  const changed = valid && Number(draft) !== budgetMiB;
  const used = stats && stats.budgetBytes > 0 ? Math.min(1, stats.bytes / stats.budgetBytes) : 0;

  return (
    <section className="latency-card cache-settings" aria-labelledby="cache-settings-title" data-testid="cache-settings">
      <h3 id="cache-settings-title" className="section-title">
        Compile cache
      </h3>
      {stats ? (
        <div className="cache-usage" data-testid="cache-usage">
          <div className="cache-meter" role="meter" aria-valuemin={0} aria-valuemax={stats.budgetBytes} aria-valuenow={stats.bytes} aria-label="Cache size against its budget">
            <div className="cache-meter-fill" style={{ width: `${used * 100}%` }} />
          </div>
          <span className="cache-usage-text">
            {stats.entries} build{stats.entries === 1 ? '' : 's'} · {formatMiB(stats.bytes)} of {formatMiB(stats.budgetBytes)}
          </span>
        </div>
      ) : (
        statsError && (
          <p className="inline-error" role="alert">
            {statsError}
          </p>
        )
      )}
      <form
        className="cache-budget-form"
        // Any whole number of MiB in range is fine; the arrows step by 16 MiB. The check is ours.
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) void saveBudget(Number(draft));
        }}
      >
        <label className="toolbar-field" title={`Builds beyond this size are evicted, least recently used first (${MIN_CACHE_BUDGET_MIB}–${MAX_CACHE_BUDGET_MIB} MiB)`}>
          <span className="field-label">Budget</span>
          <input
            type="number"
            className={`number-input cache-budget-input${valid ? '' : ' is-invalid'}`}
            data-testid="cache-budget"
            min={MIN_CACHE_BUDGET_MIB}
            max={MAX_CACHE_BUDGET_MIB}
            step={16}
            value={draft}
            aria-invalid={!valid}
            onChange={(e) => setDraft(e.target.value)}
          />
          <span className="field-unit">MiB</span>
        </label>
        <button type="submit" className="mini-button accent" data-testid="cache-budget-save" disabled={!changed || saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <span className="spacer" />
        <button type="button" className="mini-button danger" data-testid="cache-clear" disabled={clearing} onClick={() => void clearCache()} title="Remove every cached build; the next run of each snippet compiles again">
          {clearing ? 'Clearing…' : 'Clear cache'}
        </button>
      </form>
      {!valid && (
        <p className="inline-error" role="alert" data-testid="cache-budget-invalid">
          Enter a whole number of MiB from {MIN_CACHE_BUDGET_MIB} to {MAX_CACHE_BUDGET_MIB}.
        </p>
      )}
      {error && (
        <p className="inline-error" role="alert" data-testid="cache-error">
          {error}
        </p>
      )}
      {note && !error && (
        <p className="inline-note" role="status" data-testid="cache-note">
          {note}
        </p>
      )}
    </section>
  );
}
