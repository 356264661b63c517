// Installing gopls for real: through the module proxy (the app's GOPROXY), built by an installed
// Go, into an empty store, with progress. The build cache is the shared test one, so after the
// first run on a machine this is a download and a link, not a full build.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GoplsProgress } from '../../../shared/lsp';
import { createCore, type Core } from '../core';
import { TEST_STORE } from '../drift/test-support';
import { COMPLETE_MARKER, goplsStoreRoot, parseGoplsVersion, storeInstalls } from './gopls-locator';
import { GOPLS_RELEASES, planGoplsInstall } from './gopls-release';

const cores: Core[] = [];
const dirs: string[] = [];

afterAll(async () => {
  for (const c of cores) await c.dispose();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('choosing a release', () => {
  const tc = (version: string) => ({ id: version, version, goroot: `/sdk/${version}`, source: 'store' as const, isDefault: false });

  it('builds the newest gopls the newest final release can build, with that release', () => {
    expect(planGoplsInstall([tc('go1.22.12'), tc('go1.26.8'), tc('go1.25.3')])).toMatchObject({ version: 'v0.23.0', toolchain: { version: 'go1.26.8' } });
    expect(planGoplsInstall([tc('go1.24.2')])?.version).toBe('v0.20.0');
    expect(planGoplsInstall([tc('go1.24.1')])?.version).toBe('v0.18.1');
    // A release candidate is not trusted to build the tool the editor depends on.
    expect(planGoplsInstall([tc('go1.27rc1'), tc('go1.25.0')])).toMatchObject({ version: 'v0.21.1', toolchain: { version: 'go1.25.0' } });
    expect(planGoplsInstall([tc('go1.22.12')])).toBeNull();
    expect(planGoplsInstall([])).toBeNull();
  });

  it('lists releases newest first', () => {
    const versions = GOPLS_RELEASES.map((r) => r.version);
    expect([...versions].sort((a, b) => b.localeCompare(a, 'en', { numeric: true }))).toEqual(versions);
  });

  it('reads the version from `gopls version` output', () => {
    expect(parseGoplsVersion('golang.org/x/tools/gopls v0.23.0\n')).toBe('v0.23.0');
    expect(parseGoplsVersion('Build info\n----------\ngolang.org/x/tools/gopls v0.16.2\n    golang.org/x/tools/gopls@v0.16.2 h1:K1z03…\n')).toBe('v0.16.2');
    expect(parseGoplsVersion('golang.org/x/tools/gopls (devel)\n')).toBe('(devel)');
    expect(parseGoplsVersion('something else')).toBeNull();
  });
});

describe('installing', () => {
  it('downloads through the proxy, builds, and puts a working gopls in the store with its marker last', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gopherlab-gopls-install-'));
    dirs.push(dataDir);
    const core = createCore({ dataDir, goCacheRoot: join(TEST_STORE, 'gocache'), oneShot: true });
    cores.push(core);
    const before = await core.lsp.status();
    expect(before.installable).not.toBeNull();
    const progress: GoplsProgress[] = [];
    core.lsp.onProgress((p) => progress.push(p));

    // Two clicks share one install.
    const [status, again] = await Promise.all([core.lsp.install(), core.lsp.install()]);
    expect(again).toEqual(status);
    expect(status).toMatchObject({ available: true, source: 'store', version: before.installable!.version, installing: false });

    const phases = progress.map((p) => p.phase).filter((p, i, all) => all[i - 1] !== p);
    expect(phases).toEqual(['queued', 'downloading', 'building', 'done']);
    // Each download names a module and its version; the build knows how many packages it compiles.
    const downloads = progress.filter((p) => p.phase === 'downloading');
    expect(downloads.every((p) => /^[\w.-]+(\/[\w.-]+)* v\d+\.\d+\.\d+\S*$/.test(p.message ?? ''))).toBe(true);
    // (the plan leaves out what the build cache already has: 0 packages when it has them all).
    const building = progress.filter((p) => p.phase === 'building');
    const total = building[0]?.total;
    expect(typeof total).toBe('number');
    expect(building.every((p) => p.total === total && p.count <= total!)).toBe(true);

    const installs = storeInstalls(dataDir);
    expect(installs.map((i) => i.marker.version)).toEqual([before.installable!.version]);
    expect(installs[0]?.marker.go).toBe(before.installable!.go);
    expect(readdirSync(goplsStoreRoot(dataDir)).sort()).toEqual([before.installable!.version]);
    expect(existsSync(join(goplsStoreRoot(dataDir), before.installable!.version, COMPLETE_MARKER))).toBe(true);
    const out = execFileSync(status.path!, ['version'], { encoding: 'utf8' });
    expect(parseGoplsVersion(out)).toBe(before.installable!.version);
    expect(JSON.parse(readFileSync(join(goplsStoreRoot(dataDir), before.installable!.version, COMPLETE_MARKER), 'utf8'))).toMatchObject({
      version: before.installable!.version,
    });
  }, 900_000);
});
