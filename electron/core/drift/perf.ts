// Performance drift: a snippet's benchmarks on each release, several runs each; the median and
// the spread per release, and the change from one release to the next against that noise.
import type { SandboxMode } from '../../../shared/run';
import type { BenchmarkRun } from '../pipeline/test-output';
import type { BenchDriftRequest, BenchDriftResult, BenchStats } from '../../../shared/drift';
import type { Core } from '../core';
import { compareGoVersions } from '../sdk/version';
import { medianOf } from './bisect';
import { modeFor } from './matrix';
import { normalizeGoVersion } from '../../../shared/go-version';

export interface BenchDriftListeners {
  onRelease?: (version: string, stats: BenchStats[], error?: string) => void;
  signal?: AbortSignal;
}

export async function runBenchDrift(core: Core, req: BenchDriftRequest, listeners: BenchDriftListeners = {}): Promise<BenchDriftResult> {
  const started = performance.now();
  const versions = [...new Set(req.versions.map(normalizeGoVersion))].sort(compareGoVersions);
  const count = req.count ?? 5;
  const perRelease: BenchDriftResult['releases'] = [];
  // Sequential on purpose: benchmarks running side by side would measure each other.
  for (const version of versions) {
    if (listeners.signal?.aborted) break;
    const mode: SandboxMode = modeFor(version, req.mode);
    try {
      await core.toolchains.resolve(version);
    } catch {
      await core.sdk.install(version, { prewarm: false }).catch(() => undefined);
    }
    const r = await core.runs.run({
      runId: `${req.id}-${version.replace(/[^A-Za-z0-9_-]/g, "_")}`,
      source: req.source,
      go: version,
      mode,
      test: { run: '^$', bench: req.bench ?? '.', count, ...(req.benchtime ? { benchtime: req.benchtime } : {}) },
      limits: { timeoutMs: req.timeoutMs ?? 120_000 },
    });
    const stats = summarize(r.benchmarks ?? []);
    const error = stats.length === 0 ? `${r.status}: ${r.message || 'no benchmark results'}` : undefined;
    perRelease.push({ version, mode, stats, ...(error ? { error } : {}) });
    listeners.onRelease?.(version, stats, error);
  }
  return { id: req.id, releases: perRelease, changes: changes(perRelease), wallMs: Math.round(performance.now() - started) };
}

/** Median and relative spread (median absolute deviation / median) per benchmark and metric. */
export function summarize(runs: BenchmarkRun[]): BenchStats[] {
  const byName = new Map<string, BenchmarkRun[]>();
  for (const b of runs) byName.set(b.name, [...(byName.get(b.name) ?? []), b]);
  return [...byName].map(([name, list]) => ({
    name,
    runs: list.length,
    nsPerOp: stat(list.map((b) => b.nsPerOp)),
    bytesPerOp: stat(list.map((b) => b.bytesPerOp).filter((x): x is number => x !== undefined)),
    allocsPerOp: stat(list.map((b) => b.allocsPerOp).filter((x): x is number => x !== undefined)),
  }));
}

function stat(values: number[]): { median: number; spread: number } | null {
  if (values.length === 0) return null;
  const median = medianOf(values);
  const mad = medianOf(values.map((v) => Math.abs(v - median)));
  return { median, spread: median === 0 ? 0 : mad / median };
}

/** Change of each benchmark's median from one release to the next; significant when it exceeds the noise. */
export function changes(releases: BenchDriftResult['releases']): BenchDriftResult['changes'] {
  const out: BenchDriftResult['changes'] = [];
  for (let i = 1; i < releases.length; i++) {
    const a = releases[i - 1]!;
    const b = releases[i]!;
    for (const sb of b.stats) {
      const sa = a.stats.find((s) => s.name === sb.name);
      if (!sa?.nsPerOp || !sb.nsPerOp) continue;
      const delta = (sb.nsPerOp.median - sa.nsPerOp.median) / sa.nsPerOp.median;
      // Noise: the larger of the two spreads, at least 2% (timer and scheduling jitter).
      const noise = Math.max(0.02, sa.nsPerOp.spread * 2, sb.nsPerOp.spread * 2);
      out.push({ name: sb.name, from: a.version, to: b.version, metric: 'ns/op', delta, noise, significant: Math.abs(delta) > noise });
    }
  }
  return out;
}
