// The drift library against real toolchains: every curated example shows its old behaviour on its
// `good` release and its new behaviour on its `bad` one, and its axis is right — run on the new
// toolchain with the old go line, a language change goes back to the old behaviour and a toolchain
// (library) change does not.
//
// SDKs come from the real module proxy, installed on demand into a store outside the checkout
// (GOPHERLAB_TEST_SDK_STORE, default ~/.cache/gopherlab-test/store) that later runs on the same
// machine reuse, with the downloaded zips kept in GOPHERLAB_TEST_SDK_ARCHIVES (default
// ~/.cache/gopherlab-test/sdk-archives); a reused zip is still verified against the checksum database.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DriftExampleSchema, type DriftExample } from '../../../shared/drift';
import type { RunResult } from '../../../shared/run';
import { createCore, type Core } from '../core';
import { compareGoVersions, languageVersion } from '../sdk/version';
import { satisfies } from './bisect';
import { DRIFT_EXAMPLES } from './examples';
import { hasRelease, modeFor } from './matrix';

// ── The shared SDK store (the same few lines in each drift test file: test files cannot import
// each other). Test files run in parallel processes, so installs into the store take a lock.
const STORE = process.env.GOPHERLAB_TEST_SDK_STORE ?? join(homedir(), '.cache', 'gopherlab-test', 'store');
const ARCHIVES = process.env.GOPHERLAB_TEST_SDK_ARCHIVES ?? join(homedir(), '.cache', 'gopherlab-test', 'sdk-archives');

function openStore(): Core {
  process.env.GOPHERLAB_SDK_ARCHIVES = ARCHIVES;
  const core = createCore({ dataDir: STORE, goCacheRoot: join(STORE, 'gocache') });
  const install = core.sdk.install.bind(core.sdk);
  core.sdk.install = (version, opts) => underLock(join(STORE, 'locks', version), () => install(version, opts));
  return core;
}

async function underLock<T>(lock: string, fn: () => Promise<T>): Promise<T> {
  mkdirSync(dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (lockIsStale(lock)) rmSync(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function lockIsStale(lock: string): boolean {
  try {
    process.kill(Number(readFileSync(join(lock, 'pid'), 'utf8')), 0);
    return false;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ESRCH') return true; // its process is gone
    if (code === 'ENOENT') return Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 60_000;
    return false;
  }
}
// ──

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
