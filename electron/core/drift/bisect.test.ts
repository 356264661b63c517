// Bisects: the search itself against a fake core that answers from a table (cheap, exhaustive),
// then real bisects over the release list the module proxy really has, with SDKs installed on demand.
//
// SDKs come from the real module proxy, installed into a store outside the checkout
// (GOPHERLAB_TEST_SDK_TEST_STORE, default ~/.cache/gopherlab-test/store; zips in
// GOPHERLAB_TEST_SDK_TEST_ARCHIVES, default ~/.cache/gopherlab-test/sdk-archives) that later runs reuse.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRequest, RunResult } from '../../../shared/run';
import type { Toolchain } from '../../../shared/toolchain';
import { type Core } from '../core';
import { toReleases } from '../sdk/catalog';
import { SdkMissingError } from '../sdk/registry';
import { compareGoVersions, languageVersion, parseGoVersion } from '../sdk/version';
import { bisect, judge, medianOf, releaseNotes, satisfies, type BisectReport, type BisectRequest, type BisectStep } from './bisect';
import { DRIFT_EXAMPLES } from './examples';
import { fakeResult, openStore } from './test-support';



/** What a fake release does with the program. */
type Answer = Partial<RunResult> | 'not-installable';

/**
 * A core whose toolchains, catalogue, installs and runs answer from a table. Like the real registry,
 * resolving "go1.20" falls back to the newest installed go1.20.x when go1.20 itself is not installed,
 * and a run reports the toolchain it really ran on.
 */
function fakeCore(releases: string[], answer: (version: string) => Answer, installed: string[] = []) {
  const have = new Set(installed);
  const ran: string[] = [];
  const installs: string[] = [];
  const tc = (version: string): Toolchain => ({ id: version, version, goroot: `/fake/${version}`, source: 'store', isDefault: false });
  const resolve = async (spec: string | undefined): Promise<Toolchain> => {
    const v = spec?.startsWith('go') ? spec : `go${spec}`;
    if (have.has(v)) return tc(v);
    const p = parseGoVersion(v);
    const sameMinor = [...have].filter((h) => p && p.patch === null && p.pre === null && languageVersion(h) === languageVersion(v)).sort(compareGoVersions);
    if (sameMinor.length > 0) return tc(sameMinor.at(-1)!);
    throw new SdkMissingError(`Go ${v} is not installed`);
  };
  const core = {
    toolchains: { resolve, list: async () => [...have].map(tc) },
    sdk: {
      getCatalog: async () => ({ releases: toReleases(releases, have), proxy: 'https://fake.proxy', fetchedAt: 0, offline: false }),
      install: async (version: string) => {
        if (answer(version) === 'not-installable') throw new Error(`${version}: 404 Not Found`);
        installs.push(version);
        have.add(version);
        return tc(version);
      },
    },
    runs: {
      run: async (req: RunRequest): Promise<RunResult> => {
        const t = await resolve(req.go);
        ran.push(t.version);
        const a = answer(t.version);
        return fakeResult({ runId: req.runId, go: { version: t.version, goroot: t.goroot }, mode: req.mode ?? 'wasm', ...(a === 'not-installable' ? {} : a) });
      },
    },
  } as unknown as Core;
  return { core, ran, installs };
}

const NEW = { stdout: 'new\n' };
const OLD = { stdout: 'old\n' };
const expectNew: BisectRequest['expect'] = { kind: 'stdout-equals', value: 'new' };
const bound = (n: number) => Math.ceil(Math.log2(n)) + 2;

describe('the search (fake core, no toolchains)', () => {
  it('finds the first new release for every list length up to 40 and every position, within ⌈log2 N⌉ + 2 builds', async () => {
    for (let n = 2; n <= 40; n++) {
      const list = Array.from({ length: n }, (_, i) => `go1.30.${i}`);
      for (let first = 1; first < n; first++) {
        const { core, ran } = fakeCore(list, (v) => (Number(v.split('.')[2]) >= first ? NEW : OLD));
        const r = await bisect(core, { bisectId: 'b', source: '', good: list[0]!, bad: list[n - 1]!, expect: expectNew });
        expect(r.error).toBeUndefined();
        expect([r.first, r.last, r.releases]).toEqual([list[first], list[first - 1], n]);
        expect(r.builds).toBe(ran.length);
        expect(r.builds, `N=${n} first=${first}`).toBeLessThanOrEqual(bound(n));
        expect(r.candidates).toBeUndefined();
        expect(r.steps.slice(0, 2).map((s) => [s.version, s.verdict])).toEqual([
          [list[0], 'old'],
          [list[n - 1], 'new'],
        ]);
      }
    }
  });

  it('skips releases it cannot install, and names the candidates a skip hides', async () => {
    const list = Array.from({ length: 10 }, (_, i) => `go1.30.${i}`);
    const { core } = fakeCore(list, (v) => (v === 'go1.30.4' ? 'not-installable' : Number(v.split('.')[2]) >= 5 ? NEW : OLD));
    const r = await bisect(core, { bisectId: 'b', source: '', good: 'go1.30.0', bad: 'go1.30.9', expect: expectNew });
    expect(r.first).toBe('go1.30.5');
    expect(r.last).toBe('go1.30.3');
    expect(r.candidates).toEqual(['go1.30.4', 'go1.30.5']);
    const skip = r.steps.find((s) => s.version === 'go1.30.4')!;
    expect(skip).toMatchObject({ verdict: 'skip', result: 'not installed', note: expect.stringMatching(/404/) });
    // A release that was never built is not a build.
    expect(r.builds).toBe(r.steps.length - 1);
  });

  it('skips a release whose sandbox failed, and keeps searching around it', async () => {
    const list = Array.from({ length: 9 }, (_, i) => `go1.30.${i}`);
    const broken = { status: 'sandbox-unavailable' as const, exitCode: null, message: 'no container engine answers' };
    const { core } = fakeCore(list, (v) => (v === 'go1.30.4' ? broken : Number(v.split('.')[2]) >= 2 ? NEW : OLD));
    const r = await bisect(core, { bisectId: 'b', source: '', good: 'go1.30.0', bad: 'go1.30.8', expect: expectNew });
    expect([r.first, r.last, r.candidates]).toEqual(['go1.30.2', 'go1.30.1', undefined]);
    expect(r.steps.find((s) => s.version === 'go1.30.4')?.verdict).toBe('skip');
  });

  it('stops when the good release already shows the new behaviour, or the bad one does not', async () => {
    const list = ['go1.30.0', 'go1.30.1', 'go1.30.2', 'go1.30.3'];
    const allNew = fakeCore(list, () => NEW);
    const a = await bisect(allNew.core, { bisectId: 'b', source: '', good: 'go1.30.0', bad: 'go1.30.3', expect: expectNew });
    expect(a.error).toMatch(/good release go1\.30\.0 already shows the new behaviour/);
    expect([a.first, a.builds, allNew.ran]).toEqual([null, 1, ['go1.30.0']]);
    const allOld = fakeCore(list, () => OLD);
    const b = await bisect(allOld.core, { bisectId: 'b', source: '', good: 'go1.30.0', bad: 'go1.30.3', expect: expectNew });
    expect(b.error).toMatch(/bad release go1\.30\.3 does not show the new behaviour/);
    expect([b.first, b.builds]).toEqual([null, 2]);
  });

  it('rejects a good release that is not older than the bad one, and releases the proxy does not have', async () => {
    const { core, ran } = fakeCore(['go1.30.0', 'go1.30.1'], () => NEW);
    expect((await bisect(core, { bisectId: 'b', source: '', good: 'go1.30.1', bad: 'go1.30.0', expect: expectNew })).error).toMatch(/must be older/);
    expect((await bisect(core, { bisectId: 'b', source: '', good: 'go1.29.9', bad: 'go1.30.1', expect: expectNew })).error).toMatch(
      /go1\.29\.9 is not in the release list of https:\/\/fake\.proxy/,
    );
    expect(ran).toEqual([]);
  });

  it('stableOnly drops pre-releases and minor keeps one series (its pre-releases included)', async () => {
    const list = ['go1.29.5', 'go1.30rc1', 'go1.30rc2', 'go1.30.0', 'go1.30.1', 'go1.30.2', 'go1.31rc1', 'go1.31.0', 'go1.31.1'];
    // The change came in go1.30rc2.
    const answer = (v: string) => (compareGoVersions(v, 'go1.30rc2') >= 0 ? NEW : OLD);
    const all = fakeCore(list, answer);
    const r = await bisect(all.core, { bisectId: 'b', source: '', good: 'go1.29.5', bad: 'go1.31.1', expect: expectNew });
    expect([r.first, r.releases]).toEqual(['go1.30rc2', 9]);

    const stable = fakeCore(list, answer);
    const s = await bisect(stable.core, { bisectId: 'b', source: '', good: 'go1.29.5', bad: 'go1.31.1', expect: expectNew, stableOnly: true });
    expect([s.first, s.last, s.releases]).toEqual(['go1.30.0', 'go1.29.5', 6]);
    expect(stable.ran.filter((v) => /rc/.test(v))).toEqual([]);

    const minor = fakeCore(list, answer);
    const m = await bisect(minor.core, { bisectId: 'b', source: '', good: 'go1.29.5', bad: 'go1.31.1', expect: expectNew, minor: '1.30' });
    expect([m.first, m.releases]).toEqual(['go1.30rc2', 7]);
    expect(minor.ran.every((v) => languageVersion(v) === '1.30' || v === 'go1.29.5' || v === 'go1.31.1')).toBe(true);

    const both = fakeCore(list, answer);
    const b = await bisect(both.core, { bisectId: 'b', source: '', good: 'go1.29.5', bad: 'go1.31.1', expect: expectNew, minor: '1.30', stableOnly: true });
    expect([b.first, b.releases]).toEqual(['go1.30.0', 5]);
  });

  it('installs a first release named go1.N (before 1.21) itself instead of using an installed go1.N.x', async () => {
    const list = ['go1.19.13', 'go1.20', 'go1.20.1', 'go1.20.14'];
    // The change is in go1.20.1; go1.20.14 is installed already and must not stand in for go1.20.
    const { core, ran, installs } = fakeCore(list, (v) => (compareGoVersions(v, 'go1.20.1') >= 0 ? NEW : OLD), ['go1.20.14']);
    const r = await bisect(core, { bisectId: 'b', source: '', good: 'go1.19.13', bad: 'go1.20.14', expect: expectNew });
    expect([r.first, r.last]).toEqual(['go1.20.1', 'go1.20']);
    expect(installs).toContain('go1.20');
    expect(ran).toContain('go1.20');
    expect(r.steps.map((s) => s.mode)).toEqual(r.steps.map(() => 'docker'));
  });

  it('same-as: new means "behaves like the reference release"', async () => {
    const list = Array.from({ length: 8 }, (_, i) => `go1.30.${i}`);
    const { core, ran } = fakeCore(list, (v) => (Number(v.split('.')[2]) >= 6 ? { stdout: 'B\n' } : { stdout: 'A\n' }));
    const r = await bisect(core, { bisectId: 'b', source: '', good: 'go1.30.0', bad: 'go1.30.7', expect: { kind: 'same-as', version: 'go1.30.7' } });
    expect(r.first).toBe('go1.30.6');
    expect(ran[0]).toBe('go1.30.7'); // the reference first
  });

  it('bench: the median of benchCount runs against a threshold', async () => {
    const list = Array.from({ length: 6 }, (_, i) => `go1.30.${i}`);
    let calls = 0;
    const { core } = fakeCore(list, (v) => {
      calls++;
      const slow = Number(v.split('.')[2]) >= 3;
      // One outlier per release does not move the median.
      const ns = (slow ? 200 : 100) + (calls % 3 === 0 ? 1000 : 0);
      return { benchmarks: [{ name: 'BenchmarkX', procs: 2, iterations: 1000, nsPerOp: ns }] };
    });
    const r = await bisect(core, {
      bisectId: 'b',
      source: '',
      good: 'go1.30.0',
      bad: 'go1.30.5',
      expect: { kind: 'bench', name: 'BenchmarkX', metric: 'ns/op', above: 150 },
      benchCount: 3,
    });
    expect(r.first).toBe('go1.30.3');
    expect(r.steps[0]!.result).toMatch(/BenchmarkX median 100 ns\/op over 3 runs/);
    expect(medianOf([3, 1, 2])).toBe(2);
    expect(medianOf([4, 1, 2, 3])).toBe(2.5);
  });

  it('judges each kind of expectation, and says nothing about a failed sandbox', () => {
    const ok = fakeResult({ stdout: 'hello 42\n', exitCode: 0 });
    expect(satisfies({ kind: 'stdout-equals', value: 'hello 42' }, ok)).toBe(true);
    expect(satisfies({ kind: 'stdout-equals', value: 'hello 42\n' }, ok)).toBe(true);
    expect(satisfies({ kind: 'stdout-equals', value: 'hello' }, ok)).toBe(false);
    expect(satisfies({ kind: 'stdout-contains', value: 'lo 4' }, ok)).toBe(true);
    expect(satisfies({ kind: 'stdout-matches', pattern: '^hello \\d+$' }, ok)).toBe(true);
    expect(satisfies({ kind: 'stdout-matches', pattern: '^\\d+$' }, ok)).toBe(false);
    expect(satisfies({ kind: 'exit-code', code: 0 }, ok)).toBe(true);
    expect(satisfies({ kind: 'exit-code', code: 3 }, fakeResult({ status: 'exit', exitCode: 3 }))).toBe(true);
    const broken = fakeResult({ status: 'compile-error', exitCode: null, message: 'undefined: x' });
    expect(satisfies({ kind: 'compiles', compiles: true }, broken)).toBe(false);
    expect(satisfies({ kind: 'compiles', compiles: false }, broken)).toBe(true);
    expect(satisfies({ kind: 'compiles', compiles: true }, ok)).toBe(true);
    expect(judge({ kind: 'compiles', compiles: true }, [broken], null).summary).toBe('compile-error: undefined: x');
    for (const status of ['sandbox-unavailable', 'sdk-missing', 'internal-error', 'canceled'] as const) {
      expect(satisfies({ kind: 'compiles', compiles: true }, fakeResult({ status }))).toBeNull();
    }
    expect(satisfies({ kind: 'bench', name: 'BenchmarkX', metric: 'ns/op', below: 10 }, ok)).toBeNull();
  });

  it('points at the release notes: the minor page for a first release, the history for a patch', () => {
    expect(releaseNotes('go1.22.0')).toBe('https://go.dev/doc/go1.22');
    expect(releaseNotes('go1.18')).toBe('https://go.dev/doc/go1.18');
    expect(releaseNotes('go1.22.7')).toBe('https://go.dev/doc/devel/release#go1.22.minor');
    expect(releaseNotes('go1.26rc1')).toBe('https://go.dev/doc/go1.26');
    expect(releaseNotes('go1.18beta1')).toBe('https://go.dev/doc/go1.18');
    expect(releaseNotes('nonsense')).toBeNull();
  });
});

const example = (id: string) => DRIFT_EXAMPLES.find((e) => e.id === id)!;

describe('bisects with real toolchains', { timeout: 900_000 }, () => {
  let core: Core;
  let catalog: string[];

  beforeAll(async () => {
    core = openStore();
    const c = await core.sdk.getCatalog(true);
    expect(c.offline, c.error).toBe(false);
    catalog = c.releases.map((r) => r.version).sort(compareGoVersions);
  });
  afterAll(async () => {
    await core?.dispose();
  });

  /** The releases a bisect searches, as the proxy really lists them. */
  function listFor(good: string, bad: string, o: { stableOnly?: boolean; minor?: string } = {}): string[] {
    return catalog.filter(
      (v) =>
        compareGoVersions(v, good) >= 0 &&
        compareGoVersions(v, bad) <= 0 &&
        (v === good || v === bad || ((!o.stableOnly || parseGoVersion(v)!.pre === null) && (!o.minor || languageVersion(v) === o.minor))),
    );
  }

  async function run(id: string, req: Omit<BisectRequest, 'bisectId' | 'source' | 'expect'>): Promise<{ report: BisectReport; seen: BisectStep[] }> {
    const ex = example(id);
    const seen: BisectStep[] = [];
    const report = await bisect(core, { bisectId: `bisect-${id}`, source: ex.source, expect: ex.expect, mode: 'auto', ...req }, { onStep: (s) => seen.push(s) });
    const log = report.steps.map((s) => `${s.version} ${s.verdict} ${s.result}${s.note ? ` (${s.note})` : ''}`).join('\n');
    console.log(`[bisect ${id}] ${req.good}..${req.bad}: first=${report.first} builds=${report.builds} N=${report.releases} ${report.wallMs} ms\n${log}`);
    return { report, seen };
  }

  function expectFound(report: BisectReport, list: string[], isNew: (v: string) => boolean) {
    const steps = report.steps.map((s) => `${s.version}: ${s.verdict} ${s.result}`).join('; ');
    const first = list.find(isNew)!;
    expect(report.error, steps).toBeUndefined();
    expect(report.first, steps).toBe(first);
    expect(report.last).toBe(list[list.indexOf(first) - 1]);
    expect(report.releases).toBe(list.length);
    expect(report.builds, steps).toBeLessThanOrEqual(bound(list.length));
    expect(report.candidates).toBeUndefined();
    expect(report.notes).toBe(releaseNotes(first));
    // Every verdict agrees with where the change really is.
    for (const s of report.steps) expect(s.verdict, `${s.version}: ${s.result}`).toBe(isNew(s.version) ? 'new' : 'old');
  }

  it('a change inside a patch series: the go/build/constraint limit, first in go1.22.7 of the 1.22 series', async () => {
    const ex = example('build-constraint-depth');
    const req = { good: 'go1.21.13', bad: 'go1.23.12', minor: '1.22' };
    const list = listFor(req.good, req.bad, req);
    expect(list.length).toBeGreaterThan(4);
    const { report, seen } = await run(ex.id, req);
    // The 1.22 series only (plus both ends): go1.23.0, which lacks the fix, is not in it.
    expectFound(report, list, (v) => compareGoVersions(v, ex.changesIn) >= 0);
    expect(report.first).toBe(ex.changesIn);
    expect(seen).toEqual(report.steps);
  });

  it('a library change in a minor release: sync.WaitGroup.Go, first in go1.25.0', async () => {
    const ex = example('waitgroup-go');
    const req = { good: ex.good, bad: 'go1.25.14' };
    const list = listFor(req.good, req.bad);
    expect(list.length).toBeGreaterThan(4);
    const { report } = await run(ex.id, req);
    expectFound(report, list, (v) => compareGoVersions(v, ex.changesIn) >= 0);
    expect(report.notes).toBe('https://go.dev/doc/go1.25');
  });

  it('errors.AsType: the first release with it is the release candidate; stableOnly says go1.26.0', async () => {
    const ex = example('errors-astype');
    // Every pre-release of 1.26 has the API (it is frozen before the first one).
    const isNew = (v: string) => compareGoVersions(v, 'go1.26beta1') >= 0;
    const all = listFor(ex.good, ex.bad);
    const withRc = await run(ex.id, { good: ex.good, bad: ex.bad });
    expectFound(withRc.report, all, isNew);
    const stable = listFor(ex.good, ex.bad, { stableOnly: true });
    const stableOnly = await run(ex.id, { good: ex.good, bad: ex.bad, stableOnly: true });
    expectFound(stableOnly.report, stable, isNew);
    expect(stableOnly.report.first).toBe('go1.26.0');
    expect(stableOnly.report.steps.every((s) => parseGoVersion(s.version)!.pre === null)).toBe(true);
    if (all.length > stable.length) {
      expect(withRc.report.first).toMatch(/^go1\.26(rc|beta)\d+$/);
      expect(withRc.report.notes).toBe('https://go.dev/doc/go1.26');
    }
  });

  it('generics across Docker-only releases: go1.17.13 → go1.18 finds go1.18beta1, the first release on the list with type parameters', async () => {
    const ex = example('generics');
    const isNew = (v: string) => compareGoVersions(v, 'go1.18beta1') >= 0;
    const list = listFor(ex.good, ex.bad);
    const { report } = await run(ex.id, { good: ex.good, bad: ex.bad });
    expectFound(report, list, isNew);
    expect(report.steps.every((s) => s.mode === 'docker' && s.note?.includes('ran in Docker'))).toBe(true);
    expect(report.notes).toBe('https://go.dev/doc/go1.18');
  });

  it('stops after one build when the good release already shows the new behaviour, and says so', async () => {
    const ex = example('waitgroup-go');
    const { report } = await run(ex.id, { good: ex.changesIn, bad: 'go1.25.14' });
    expect(report.first).toBeNull();
    expect(report.error).toBe(`the good release ${ex.changesIn} already shows the new behaviour: pick an older good release`);
    expect(report.builds).toBe(1);
    expect(report.steps.map((s) => [s.version, s.verdict])).toEqual([[ex.changesIn, 'new']]);
  });
});
