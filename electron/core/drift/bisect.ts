// Finds the first release with a new behaviour, like `git bisect run`: the expectation describes
// the NEW behaviour; the good release must not show it, the bad one must; releases that cannot be
// installed or built for unrelated reasons are skipped. About log2(N) builds.
import type { BisectRequestInfo, ExpectationInfo } from '../../../shared/drift';
import type { RunResult, SandboxMode } from '../../../shared/run';
import type { Core } from '../core';
import { compareGoVersions, languageVersion, parseGoVersion } from '../sdk/version';
import { behaviourKey, behaviourOf } from './classes';
import { hasRelease, modeFor } from './matrix';
import { normalizeGoVersion } from '../../../shared/go-version';

export type Expectation = ExpectationInfo;
export type BisectRequest = BisectRequestInfo;

export type Verdict = 'new' | 'old' | 'skip';

export interface BisectStep {
  index: number;
  version: string;
  mode: SandboxMode;
  verdict: Verdict;
  /** What the run did, in a few words (status, output head, metric). */
  result: string;
  ms: number;
  note?: string;
}

export interface BisectReport {
  bisectId: string;
  /** The earliest release that shows the new behaviour. */
  first: string | null;
  /** The latest release before it that shows the old one. */
  last: string | null;
  /** When skipped releases hide the exact answer: the releases it may be. */
  candidates?: string[];
  steps: BisectStep[];
  builds: number;
  releases: number;
  /** go.dev/doc/go1.N for a minor, the release history for a patch release. */
  notes: string | null;
  error?: string;
  wallMs: number;
}

export interface BisectListeners {
  onStep?: (step: BisectStep) => void;
  signal?: AbortSignal;
}

export async function bisect(core: Core, req: BisectRequest, listeners: BisectListeners = {}): Promise<BisectReport> {
  const started = performance.now();
  const good = normalizeGoVersion(req.good);
  const bad = normalizeGoVersion(req.bad);
  const steps: BisectStep[] = [];
  const report = (r: Partial<BisectReport>): BisectReport => ({
    bisectId: req.bisectId,
    first: null,
    last: null,
    steps,
    builds: steps.filter((s) => s.verdict !== 'skip' || s.result !== 'not installed').length,
    releases: 0,
    notes: null,
    wallMs: Math.round(performance.now() - started),
    ...r,
  });

  if (compareGoVersions(good, bad) >= 0) return report({ error: `the good release (${good}) must be older than the bad one (${bad})` });
  const catalog = await core.sdk.getCatalog(false);
  // The proxy's releases, and the installed ones too: offline, those are what can be bisected.
  const installed = (await core.toolchains.list()).map((t) => t.version).filter((v) => parseGoVersion(v) !== null);
  const known = new Set([...catalog.releases.map((r) => r.version), ...installed]);
  for (const v of [good, bad]) if (!known.has(v)) return report({ error: `${v} is not in the release list of ${catalog.proxy}${catalog.error ? ` (${catalog.error})` : ''}, nor installed` });
  const list = [...known]
    .filter((v) => compareGoVersions(v, good) >= 0 && compareGoVersions(v, bad) <= 0)
    .filter((v) => v === good || v === bad || !req.stableOnly || parseGoVersion(v)?.pre === null)
    // A minor's series: go1.26rc1, go1.26.0, go1.26.1… (and go1.20, go1.20.1… before 1.21).
    .filter((v) => v === good || v === bad || !req.minor || languageVersion(v) === req.minor)
    .sort(compareGoVersions);

  let reference: string | null = null;
  const evaluate = async (version: string): Promise<Verdict | 'error'> => {
    if (listeners.signal?.aborted) return 'error';
    const t = performance.now();
    const mode = modeFor(version, req.mode);
    let note = mode === 'docker' && req.mode !== 'docker' ? `${version} has no wasip1 (Go < 1.21): ran in Docker` : undefined;
    // Exactly this release: "go1.20" (the first 1.20 release) must not resolve to go1.20.14.
    if (!(await hasRelease(core, version))) {
      try {
        await core.sdk.install(version, { prewarm: false });
        note = [note, `installed ${version}`].filter(Boolean).join('; ');
      } catch (err) {
        const step = { index: steps.length, version, mode, verdict: 'skip' as const, result: 'not installed', ms: Math.round(performance.now() - t), note: err instanceof Error ? err.message : String(err) };
        steps.push(step);
        listeners.onStep?.(step);
        return 'skip';
      }
    }
    const runs: RunResult[] = [];
    const count = req.expect.kind === 'bench' ? Math.max(1, req.benchCount ?? 3) : 1;
    for (let i = 0; i < count; i++) {
      runs.push(
        await core.runs.run({
          runId: `${req.bisectId}-${steps.length}-${i}`,
          source: req.source,
          go: version,
          mode,
          ...(req.limits ? { limits: req.limits } : {}),
          ...(req.expect.kind === 'bench' ? { test: { run: '^$', bench: `^${escapeRegExp(req.expect.name)}$` } } : {}),
        }),
      );
    }
    const { verdict, summary } = judge(req.expect, runs, reference);
    const step = { index: steps.length, version, mode, verdict, result: summary, ms: Math.round(performance.now() - t), ...(note ? { note } : {}) };
    steps.push(step);
    listeners.onStep?.(step);
    return verdict;
  };

  if (req.expect.kind === 'same-as') {
    // The reference release's behaviour is what "new" means.
    const refVersion = normalizeGoVersion(req.expect.version);
    if (!(await hasRelease(core, refVersion))) await core.sdk.install(refVersion, { prewarm: false }).catch(() => undefined);
    const ref = await core.runs.run({ runId: `${req.bisectId}-ref`, source: req.source, go: refVersion, mode: modeFor(refVersion, req.mode) });
    reference = behaviourKey(behaviourOf(ref));
  }

  const goodVerdict = await evaluate(good);
  if (goodVerdict !== 'old') {
    return report({ releases: list.length, error: goodVerdict === 'new' ? `the good release ${good} already shows the new behaviour: pick an older good release` : `the good release ${good} could not be tested` });
  }
  const badVerdict = await evaluate(bad);
  if (badVerdict !== 'new') {
    return report({ releases: list.length, error: badVerdict === 'old' ? `the bad release ${bad} does not show the new behaviour: check the expectation, or pick a newer bad release` : `the bad release ${bad} could not be tested` });
  }

  let lo = 0; // index in list of a release known old
  let hi = list.length - 1; // index of a release known new
  const skipped = new Set<number>();
  while (!listeners.signal?.aborted) {
    const open = range(lo + 1, hi).filter((i) => !skipped.has(i));
    if (open.length === 0) break;
    // The middle of what is left (git bisect skip moves to a neighbour the same way).
    const mid = (lo + hi) / 2;
    const pick = open.reduce((a, b) => (Math.abs(b - mid) < Math.abs(a - mid) ? b : a));
    const v = await evaluate(list[pick]!);
    if (v === 'new') hi = pick;
    else if (v === 'old') lo = pick;
    else skipped.add(pick);
  }
  if (listeners.signal?.aborted) return report({ releases: list.length, error: 'the bisect was canceled' });
  const between = range(lo + 1, hi).filter((i) => skipped.has(i));
  const first = list[hi]!;
  return report({
    releases: list.length,
    first,
    last: list[lo]!,
    ...(between.length > 0 ? { candidates: [...between.map((i) => list[i]!), first] } : {}),
    notes: releaseNotes(first),
  });
}

/**
 * Whether a run shows the behaviour an expectation describes: true (the new behaviour), false
 * (the old one), or null when the run says nothing about it (the sandbox or toolchain failed, or
 * no benchmark result). `reference` is the behaviour key of the same-as release.
 */
export function satisfies(expect: Expectation, result: RunResult | RunResult[], reference: string | null = null): boolean | null {
  const { verdict } = judge(expect, Array.isArray(result) ? result : [result], reference);
  return verdict === 'skip' ? null : verdict === 'new';
}

/** The verdict of one release's runs (several for a benchmark), and a few words on what they did. */
export function judge(expect: Expectation, runs: RunResult[], reference: string | null): { verdict: Verdict; summary: string } {
  const r = runs[0]!;
  const head = `${r.status}${r.exitCode !== null ? ` (exit ${r.exitCode})` : ''}: ${JSON.stringify(r.stdout.slice(0, 60))}`;
  // A sandbox or toolchain failure says nothing about the behaviour: skip the release.
  if (['sandbox-unavailable', 'sdk-missing', 'internal-error', 'canceled'].includes(r.status)) return { verdict: 'skip', summary: `${r.status}: ${r.message}` };
  switch (expect.kind) {
    case 'stdout-equals':
      return { verdict: r.stdout === expect.value || r.stdout === `${expect.value}\n` ? 'new' : 'old', summary: head };
    case 'stdout-contains':
      return { verdict: r.stdout.includes(expect.value) ? 'new' : 'old', summary: head };
    case 'stdout-matches':
      return { verdict: new RegExp(expect.pattern, 'm').test(r.stdout) ? 'new' : 'old', summary: head };
    case 'exit-code':
      return { verdict: r.exitCode === expect.code ? 'new' : 'old', summary: head };
    case 'compiles':
      return { verdict: (r.status !== 'compile-error') === expect.compiles ? 'new' : 'old', summary: r.status === 'compile-error' ? `compile-error: ${r.message}` : head };
    case 'same-as':
      return { verdict: behaviourKey(behaviourOf(r)) === reference ? 'new' : 'old', summary: head };
    case 'bench': {
      const values = runs
        .flatMap((x) => x.benchmarks ?? [])
        .filter((b) => b.name === expect.name || b.name.startsWith(`${expect.name}/`))
        .map((b) => (expect.metric === 'ns/op' ? b.nsPerOp : expect.metric === 'B/op' ? b.bytesPerOp : b.allocsPerOp))
        .filter((x): x is number => typeof x === 'number');
      if (values.length === 0) return { verdict: 'skip', summary: `no ${expect.name} result (${r.status}: ${r.message || 'no benchmark output'})` };
      const median = medianOf(values);
      const isNew = (expect.above === undefined || median > expect.above) && (expect.below === undefined || median < expect.below);
      return { verdict: isNew ? 'new' : 'old', summary: `${expect.name} median ${median} ${expect.metric} over ${values.length} runs` };
    }
  }
}

export function medianOf(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Release notes: go.dev/doc/go1.N for a minor's first release and its betas and release candidates
 * (the release history lists neither), the release history's minor-revisions entry for patches.
 */
export function releaseNotes(version: string): string | null {
  const p = parseGoVersion(version);
  if (!p) return null;
  if (p.pre !== null || p.patch === null || p.patch === 0) return `https://go.dev/doc/go${p.major}.${p.minor}`;
  return `https://go.dev/doc/devel/release#go${p.major}.${p.minor}.minor`;
}


function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
