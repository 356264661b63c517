// The drift library against real toolchains: every curated example shows its old behaviour on its
// `good` release and its new behaviour on its `bad` one, and its axis is right — run on the new
// toolchain with the old go line, a language change goes back to the old behaviour and a toolchain
// (library) change does not.
//
// SDKs come from the real module proxy, installed on demand into a store outside the checkout
// (GOPHERLAB_TEST_SDK_TEST_STORE, default ~/.cache/gopherlab-test/store) that later runs on the same
// machine reuse, with the downloaded zips kept in GOPHERLAB_TEST_SDK_TEST_ARCHIVES (default
// ~/.cache/gopherlab-test/sdk-archives); a reused zip is still verified against the checksum database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DriftExampleSchema, type DriftExample } from '../../../shared/drift';
import type { RunResult } from '../../../shared/run';
import { type Core } from '../core';
import { compareGoVersions, languageVersion } from '../sdk/version';
import { satisfies } from './bisect';
import { DRIFT_EXAMPLES } from './examples';
import { hasRelease, modeFor } from './matrix';
import { openStore } from './test-support';


let core: Core;
let releases: string[];

beforeAll(async () => {
  core = openStore();
  const catalog = await core.sdk.getCatalog(true);
  expect(catalog.offline, catalog.error).toBe(false);
  releases = catalog.releases.map((r) => r.version).sort(compareGoVersions);
});
afterAll(async () => {
  await core?.dispose();
});

function summary(r: RunResult): string {
  return `${r.go?.version ?? '?'} ${r.mode}: ${r.status}${r.exitCode !== null ? ` (exit ${r.exitCode})` : ''} stdout=${JSON.stringify(r.stdout)} ${r.message}`;
}

let seq = 0;
/** Runs an example on a release (installed on demand), optionally with another go line. */
async function runOn(ex: DriftExample, version: string, goLine?: string): Promise<RunResult> {
  if (!(await hasRelease(core, version))) await core.sdk.install(version, { prewarm: false });
  const r = await core.runs.run({
    runId: `example-${ex.id}-${seq++}`,
    source: ex.source,
    go: version,
    mode: modeFor(version, 'auto'),
    ...(goLine ? { goLine } : {}),
    limits: { timeoutMs: 30_000 },
  });
  expect(r.go?.version, summary(r)).toBe(version);
  return r;
}

describe('the drift library', () => {
  it('has at least 12 well-formed examples with unique ids, good < changesIn ≤ bad, all releases the proxy has', () => {
    expect(DRIFT_EXAMPLES.length).toBeGreaterThanOrEqual(12);
    expect(new Set(DRIFT_EXAMPLES.map((e) => e.id)).size).toBe(DRIFT_EXAMPLES.length);
    for (const ex of DRIFT_EXAMPLES) {
      expect(() => DriftExampleSchema.parse(ex), ex.id).not.toThrow();
      expect(compareGoVersions(ex.good, ex.changesIn), ex.id).toBeLessThan(0);
      expect(compareGoVersions(ex.changesIn, ex.bad), ex.id).toBeLessThanOrEqual(0);
      for (const v of [ex.good, ex.bad, ex.changesIn]) expect(releases, `${ex.id}: ${v}`).toContain(v);
      expect(ex.why, `${ex.id}: one sentence`).toMatch(/^[A-Z][^]*\.$/);
      expect(ex.why, `${ex.id}: one sentence`).not.toMatch(/[.!?]\s+[A-Z]/);
    }
    // Both axes are represented, and at least one change lives inside a patch series.
    expect(new Set(DRIFT_EXAMPLES.map((e) => e.axis))).toEqual(new Set(['language', 'toolchain']));
    expect(DRIFT_EXAMPLES.some((e) => languageVersion(e.good) === languageVersion(e.bad))).toBe(true);
  });

  for (const ex of DRIFT_EXAMPLES) {
    it(`${ex.id}: old on ${ex.good}, new on ${ex.bad}; a ${ex.axis} change`, { timeout: 900_000 }, async () => {
      const [good, bad] = await Promise.all([runOn(ex, ex.good), runOn(ex, ex.bad)]);
      expect(good.mode).toBe(modeFor(ex.good, 'auto'));
      expect(satisfies(ex.expect, good), `on ${ex.good} (good) the new behaviour must not show: ${summary(good)}`).toBe(false);
      expect(satisfies(ex.expect, bad), `on ${ex.bad} (bad) the new behaviour must show: ${summary(bad)}`).toBe(true);
      // The old behaviour is a real program outcome, not a sandbox failure.
      expect(['ok', 'exit', 'compile-error', 'runtime-panic'], summary(good)).toContain(good.status);

      // The axis: the new toolchain with the good release's go line.
      const oldLine = languageVersion(ex.good);
      const mixed = await runOn(ex, ex.bad, oldLine);
      expect(
        satisfies(ex.expect, mixed),
        `${ex.bad} with go ${oldLine} should show the ${ex.axis === 'language' ? 'old' : 'new'} behaviour: ${summary(mixed)}`,
      ).toBe(ex.axis === 'toolchain');
    });
  }
});
