// Performance drift, for display: one table per benchmark (a row per release) and the change of
// its median ns/op from one release to the next, judged against the noise.
import type { BenchDriftResult, BenchStats } from '../../shared/drift';
import type { SandboxMode } from '../../shared/run';

export interface BenchForm {
  /** Releases to run on; null: the installed ones. */
  versions: string[] | null;
  /** A -test.bench pattern. */
  bench: string;
  /** Runs per release. */
  count: number;
  /** '' for Go's default (1s). */
  benchtime: string;
}

export const DEFAULT_BENCH_FORM: BenchForm = { versions: null, bench: '.', count: 5, benchtime: '' };
export const MIN_BENCH_COUNT = 1;
export const MAX_BENCH_COUNT = 20;
export const MAX_BENCH_VERSIONS = 32;
const BENCHTIME = /^\d+(\.\d+)?(x|ns|us|µs|ms|s)$/;

/** What is wrong with the form, in one line; null when it can run. */
export function benchFormProblem(form: BenchForm, versions: ReadonlyArray<string>): string | null {
  if (versions.length === 0) return 'Pick at least one release.';
  if (versions.length > MAX_BENCH_VERSIONS) return `At most ${MAX_BENCH_VERSIONS} releases at once.`;
  if (form.bench.trim().length > 200) return 'The benchmark pattern is too long.';
  if (!Number.isInteger(form.count) || form.count < MIN_BENCH_COUNT || form.count > MAX_BENCH_COUNT) return `Runs per release: ${MIN_BENCH_COUNT} to ${MAX_BENCH_COUNT}.`;
  if (form.benchtime.trim() !== '' && !BENCHTIME.test(form.benchtime.trim())) return 'Bench time looks like 1s, 500ms or 200x.';
  return null;
}

/** "12.3%", with the sign when asked: "+12.3%", "−4.0%". */
export function formatPercent(fraction: number, signed = false): string {
  const pct = fraction * 100;
  const text = `${Math.abs(pct).toFixed(1)}%`;
  if (!signed) return text;
  return pct > 0 ? `+${text}` : pct < 0 ? `−${text}` : `±${text}`;
}

/** The noise band, rounded: "±4%", "±0.5%". */
export function formatNoise(fraction: number): string {
  const pct = fraction * 100;
  return `±${pct >= 1 ? String(Math.round(pct)) : pct.toFixed(1)}%`;
}

/** "+12.3% (noise ±4%)" */
export function formatChange(delta: number, noise: number): string {
  return `${formatPercent(delta, true)} (noise ${formatNoise(noise)})`;
}

/** A median: integers as they are, small values with three significant digits. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (Number.isInteger(value) || Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return String(Number(value.toPrecision(3)));
}

/** "123 ± 2.0%", or "—" when the metric was not reported. */
export function formatStat(stat: BenchStats['nsPerOp'], withSpread = true): string {
  if (!stat) return '—';
  return withSpread ? `${formatNumber(stat.median)} ± ${formatPercent(stat.spread)}` : formatNumber(stat.median);
}

export interface BenchRow {
  version: string;
  mode: SandboxMode;
  /** null: this release has no result for the benchmark (see error). */
  stats: BenchStats | null;
  error: string | null;
}

export interface BenchChangeRow {
  from: string;
  to: string;
  text: string;
  delta: number;
  significant: boolean;
  direction: 'slower' | 'faster' | 'same';
}

export interface BenchTable {
  name: string;
  rows: BenchRow[];
  changes: BenchChangeRow[];
}

/** One table per benchmark, in the order they first appear; releases in the result's order. */
export function benchTables(result: BenchDriftResult): BenchTable[] {
  const names: string[] = [];
  for (const r of result.releases) for (const s of r.stats) if (!names.includes(s.name)) names.push(s.name);
  return names.map((name) => ({
    name,
    rows: result.releases.map((r) => ({
      version: r.version,
      mode: r.mode,
      stats: r.stats.find((s) => s.name === name) ?? null,
      error: r.error ?? null,
    })),
    changes: result.changes
      .filter((c) => c.name === name)
      .map((c) => ({
        from: c.from,
        to: c.to,
        text: formatChange(c.delta, c.noise),
        delta: c.delta,
        significant: c.significant,
        // Slower is more ns/op.
        direction: !c.significant ? 'same' : c.delta > 0 ? 'slower' : 'faster',
      })),
  }));
}

/** The releases that failed as a whole (no benchmark at all), with why. */
export function failedReleases(result: BenchDriftResult): Array<{ version: string; error: string }> {
  return result.releases.filter((r) => r.error && r.stats.length === 0).map((r) => ({ version: r.version, error: r.error ?? '' }));
}
