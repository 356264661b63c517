// The SDK manager against the real Go module proxy and checksum database. Downloaded toolchain
// zips are kept in a cache outside the checkout (GOPHERLAB_TEST_SDK_ARCHIVES, default
// ~/.cache/gopherlab-test/sdk-archives) that later runs on the same machine reuse; a reused zip is
// verified against the checksum database exactly like a fresh download.
import { execFileSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InstallProgress } from '../../../shared/toolchain';
import { createCore, type Core } from '../core';
import { SdkManager } from './manager';
import { hostPlatform, toolchainModuleVersion } from './proxy';
import { ToolchainRegistry } from './registry';

const ARCHIVES = process.env.GOPHERLAB_TEST_SDK_ARCHIVES ?? join(homedir(), '.cache', 'gopherlab-test', 'sdk-archives');
const OLD = 'go1.20.14'; // before wasip1 and the 1.21 toolchain-switching era: a converted zip
const NEW = 'go1.22.12';
const PROGRAM = 'package main\nimport ("fmt";"runtime")\nfunc main() { fmt.Println(runtime.Version()) }\n';

let dir: string;
let core: Core;
const progress: InstallProgress[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gopherlab-sdk-test-'));
  process.env.GOPHERLAB_SDK_ARCHIVES = ARCHIVES;
  core = createCore({ dataDir: join(dir, 'a') });
  core.sdk.onProgress((p) => progress.push(p));
});
afterAll(async () => {
  await core.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('SDK manager (real module proxy)', { timeout: 900_000 }, () => {
  it('lists the releases the proxy has for this machine, sorted, with the newest patch of each minor marked', async () => {
    const catalog = await core.sdk.getCatalog(true);
    expect(catalog.offline).toBe(false);
    const versions = catalog.releases.map((r) => r.version);
    expect(versions).toContain(NEW);
    expect(versions).toContain(OLD);
    expect(versions.indexOf('go1.22.12')).toBeLessThan(versions.indexOf('go1.9'));
    const minor22 = catalog.releases.filter((r) => r.version.startsWith('go1.22.') && r.stable);
    expect(minor22.filter((r) => r.latestPatch).map((r) => r.version)).toEqual([minor22[0]!.version]);
    for (const r of catalog.releases) expect(r.stable).toBe(!/rc|beta/.test(r.version));
  });

  it('falls back to the cached list when the proxy cannot be reached, and says what to do', async () => {
    const registry = new ToolchainRegistry({ dataDir: join(dir, 'a') });
    const offline = new SdkManager({ dataDir: join(dir, 'a'), registry, prewarm: async () => undefined, goproxy: 'http://127.0.0.1:9' });
    const catalog = await offline.getCatalog(true);
    expect(catalog.offline).toBe(true);
    expect(catalog.error).toMatch(/cannot reach http:\/\/127\.0\.0\.1:9 .*showing the list cached/);
    expect(catalog.releases.map((r) => r.version)).toContain(NEW);
    const empty = new SdkManager({ dataDir: join(dir, 'empty'), registry, prewarm: async () => undefined, goproxy: 'http://127.0.0.1:9' });
    expect((await empty.getCatalog(true)).error).toMatch(/connect to the internet, or import a kit/);
  });

  it('leaves nothing behind when a download is interrupted, and the retry works', async () => {
    // No archive cache here, so the bytes really come from the proxy.
    const registry = new ToolchainRegistry({ dataDir: join(dir, 'b') });
    const events: InstallProgress[] = [];
    const mgr = new SdkManager({ dataDir: join(dir, 'b'), registry, prewarm: async () => undefined, archiveCache: join(dir, 'no-cache') });
    mgr.onProgress((p) => {
      events.push(p);
      if (p.phase === 'download' && p.bytes > 0) mgr.cancelInstall(OLD);
    });
    await expect(mgr.install(OLD)).rejects.toThrow(/canceled/);
    expect(events.some((e) => e.phase === 'download' && e.total !== null && e.total > 50_000_000)).toBe(true);
    expect(events.at(-1)?.phase).toBe('canceled');
    expect((await registry.list({ refresh: true })).map((t) => t.version)).not.toContain(OLD);
    expect(existsSync(join(dir, 'b', 'sdk', OLD))).toBe(false);
    expect(readdirSync(join(dir, 'b', 'tmp'))).toEqual([]);
    // The retry downloads again from the start and completes.
    mgr.onProgress(() => undefined);
    events.length = 0;
    const retried = new SdkManager({ dataDir: join(dir, 'b'), registry, prewarm: async () => undefined, archiveCache: join(dir, 'no-cache') });
    const tc = await retried.install(OLD);
    expect(tc.version).toBe(OLD);
    expect((await registry.list({ refresh: true })).map((t) => t.version)).toContain(OLD);
  });

  it('installs a release from before 1.21 (a converted zip): verified, extracted with exec bits, listed, working', async () => {
    const tc = await core.sdk.install(OLD);
    expect(tc).toMatchObject({ version: OLD, source: 'store', removable: true, verification: 'checksum-db' });
    expect(execFileSync(join(tc.goroot, 'bin', 'go'), ['version'], { encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local', GOROOT: tc.goroot } })).toContain(OLD);
    expect(statSync(join(tc.goroot, 'src', 'go.mod')).isFile()).toBe(true);
    expect(tc.diskBytes).toBeGreaterThan(100 * 1024 * 1024);
    // WASI needs Go 1.21: the WASM sandbox says so instead of failing obscurely…
    const r = await core.runs.run({ runId: 'old-1', source: PROGRAM, go: OLD });
    expect(r.status).toBe('sandbox-unavailable');
    expect(r.message).toMatch(/Go 1\.21 or newer, or run it in Docker mode/);
    // …and Docker runs it.
    if ((await core.runs.sandboxStatus()).available || process.env.CI) {
      const d = await core.runs.run({ runId: 'old-docker', source: PROGRAM, go: OLD, mode: 'docker', limits: { timeoutMs: 30_000 } });
      expect(d.status).toBe('ok');
      expect(d.stdout).toBe(`${OLD}\n`);
    } else {
      console.warn(`running ${OLD} in Docker not checked: no Docker engine answers here`);
    }
    const phases = progress.filter((p) => p.version === OLD).map((p) => p.phase);
    expect(phases).toContain('extract');
    expect(phases).toContain('prewarm');
    expect(phases.at(-1)).toBe('done');
  });

  it('installs a current release and a program on it reports that runtime.Version()', async () => {
    const [a, b] = await Promise.all([core.sdk.install(NEW), core.sdk.install(`1.22.12`)]);
    expect(a).toEqual(b); // two requests, one install
    expect(progress.filter((p) => p.version === NEW && p.phase === 'done')).toHaveLength(1);
    const r = await core.runs.run({ runId: 'new-1', source: PROGRAM, go: NEW });
    expect(r.status).toBe('ok');
    expect(r.stdout).toBe(`${NEW}\n`);
    // Prewarmed: the first run on the new SDK compiles only the snippet.
    expect(r.spans.find((s) => s.name === 'compile')!.durationMs).toBeLessThan(5000);
    expect(existsSync(join(ARCHIVES, `${toolchainModuleVersion(NEW)}.zip`))).toBe(true);
  });

  it('rejects a corrupted zip with a checksum error and lists nothing', async () => {
    const cache = join(dir, 'bad-archives');
    mkdirSync(cache, { recursive: true });
    const good = join(dir, 'a', 'archives', `${toolchainModuleVersion(NEW)}.zip`);
    const bad = join(cache, `${toolchainModuleVersion(NEW)}.zip`);
    copyFileSync(good, bad);
    // Overwrite bytes in the middle of the file: a damaged download.
    const fd = openSync(bad, 'r+');
    writeSync(fd, Buffer.from('corrupted!'), 0, 10, Math.floor(statSync(bad).size / 2));
    closeSync(fd);
    const registry = new ToolchainRegistry({ dataDir: join(dir, 'c') });
    const mgr = new SdkManager({ dataDir: join(dir, 'c'), registry, prewarm: async () => undefined, archiveCache: cache });
    await expect(mgr.install(NEW)).rejects.toThrow(/corrupted or tampered with/);
    expect((await registry.list({ refresh: true })).filter((t) => t.source === 'store')).toEqual([]);
    expect(existsSync(join(dir, 'c', 'sdk', NEW))).toBe(false);
  });

  it('exports a kit and imports it on an empty store with the network off', async () => {
    const kit = join(dir, 'class.gopherlab-kit.zip');
    const written = await core.sdk.exportKit([NEW], kit);
    expect(written.versions).toEqual([NEW]);
    expect(written.bytes).toBeGreaterThan(50_000_000);

    const offlineDir = join(dir, 'offline');
    const registry = new ToolchainRegistry({ dataDir: offlineDir });
    const offline = createCore({ dataDir: offlineDir });
    try {
      const mgr = new SdkManager({
        dataDir: offlineDir,
        registry: offline.toolchains,
        prewarm: (tc) => offline.runs.prepare(tc),
        goproxy: 'off',
      });
      await expect(mgr.install('1.21.13')).rejects.toThrow(/module downloads are off .*import a kit/);
      const imported = await mgr.importFile(kit);
      expect(imported.map((t) => [t.version, t.verification])).toEqual([[NEW, 'kit-manifest']]);
      const r = await offline.runs.run({ runId: 'kit-1', source: PROGRAM, go: NEW });
      expect(r.stdout).toBe(`${NEW}\n`);
      expect((await registry.list()).map((t) => t.version)).toContain(NEW);
    } finally {
      await offline.dispose();
    }
  });

  it('refuses a kit whose archive does not match its manifest', async () => {
    const fakeKitDir = join(dir, 'fake');
    mkdirSync(fakeKitDir, { recursive: true });
    writeFileSync(join(fakeKitDir, 'note.txt'), 'not a kit');
    const mgr = core.sdk;
    await expect(mgr.importFile(join(fakeKitDir, 'missing.zip'))).rejects.toThrow(/does not exist/);
    await expect(mgr.importFile(join(fakeKitDir, 'note.txt'))).rejects.toThrow();
  });

  it('removes an SDK with its build cache and reports the space freed', async () => {
    const tc = (await core.toolchains.list()).find((t) => t.version === OLD)!;
    const cache = core.toolchains.goCacheFor(tc);
    const r = await core.sdk.remove(OLD);
    expect(r.removed).toBe(true);
    expect(r.freedBytes).toBeGreaterThan(100 * 1024 * 1024);
    expect((await core.toolchains.list()).map((t) => t.version)).not.toContain(OLD);
    expect(existsSync(tc.goroot)).toBe(false);
    expect(existsSync(cache)).toBe(false);
    await expect(core.sdk.remove('1.3.3')).resolves.toEqual({ removed: false, freedBytes: 0 });
    const pathGo = (await core.toolchains.list()).find((t) => t.source === 'path')!;
    await expect(core.sdk.remove(pathGo.version.replace(/^go/, ''))).rejects.toThrow(/not installed by Gopherlab|remove it the way/);
    expect(hostPlatform().goos).toBe(process.platform === 'win32' ? 'windows' : process.platform);
  });
});
