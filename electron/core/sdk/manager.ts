// The SDK manager: the catalogue, installs, removal, and offline archives and kits, over the
// registry that resolves toolchains for runs.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Catalog, InstallProgress, Toolchain } from '../../../shared/toolchain';
import { ReleaseCatalog } from './catalog';
import { InstallError, SdkInstaller } from './installer';
import { hostPlatform, resolveProxy, toolchainModuleVersion, TOOLCHAIN_MODULE } from './proxy';
import type { ToolchainRegistry } from './registry';
import { diskUsage, markStoreInstall, readMarker, removeTree, storeArchivePath, storeDir, sweepStore, tempName, type StoreMarker } from './store';
import { normalizeGoVersion } from '../../../shared/go-version';

/** zip/tar code is loaded on first use: most processes never import or export anything. */
const archives = () => import('./archive/index');

export interface SdkManagerOptions {
  dataDir: string;
  registry: ToolchainRegistry;
  /** Builds the standard library of a new SDK for the app's targets. */
  prewarm: (toolchain: Toolchain) => Promise<void>;
  env?: NodeJS.ProcessEnv;
  /** A GOPROXY list that overrides the environment (the app's setting; empty: the environment). */
  goproxy?: string | (() => string);
  archiveCache?: string;
}

export class SdkManager {
  readonly catalog: ReleaseCatalog;
  private readonly installer: SdkInstaller;
  private readonly listeners = new Set<(p: InstallProgress) => void>();
  private readonly proxy: () => string | null;

  constructor(private readonly o: SdkManagerOptions) {
    const env = o.env ?? process.env;
    // Resolved once per setting value: `go env GOPROXY` is a process start.
    const resolved = new Map<string, string | null>();
    this.proxy = () => {
      const setting = (typeof o.goproxy === 'function' ? o.goproxy() : o.goproxy) ?? '';
      if (!resolved.has(setting)) resolved.set(setting, resolveProxy(env, setting || undefined));
      return resolved.get(setting) ?? null;
    };
    this.catalog = new ReleaseCatalog({
      dataDir: o.dataDir,
      proxy: this.proxy,
      installed: async () => (await o.registry.list()).map((t) => t.version),
    });
    this.installer = new SdkInstaller({
      dataDir: o.dataDir,
      proxy: this.proxy,
      env,
      hostGo: async () => (await o.registry.list()).find((t) => t.isDefault) ?? null,
      installed: (version) => this.refreshAndFind(version),
      prewarm: o.prewarm,
      onProgress: (p) => this.emit(p),
      ...(o.archiveCache ?? env.GOPHERLAB_SDK_ARCHIVES ? { archiveCache: o.archiveCache ?? env.GOPHERLAB_SDK_ARCHIVES } : {}),
    });
  }

  /** Progress of every install, for every listener (installs are shared between clients). */
  onProgress(listener: (p: InstallProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(p: InstallProgress): void {
    for (const l of [...this.listeners]) l(p);
  }

  sweep(): Promise<void> {
    return sweepStore(this.o.dataDir);
  }

  getCatalog(refresh = false): Promise<Catalog> {
    return this.catalog.get({ refresh });
  }

  install(version: string, opts: { prewarm?: boolean } = {}): Promise<Toolchain> {
    return this.installer.install(version, opts);
  }

  cancelInstall(version: string): boolean {
    return this.installer.cancel(version);
  }

  /** Removes a store SDK, its archive and its build cache. */
  async remove(versionInput: string): Promise<{ removed: boolean; freedBytes: number }> {
    const version = normalizeGoVersion(versionInput);
    const all = await this.o.registry.list();
    const tc = all.find((t) => t.version === version && t.source === 'store');
    if (!tc) {
      const other = all.find((t) => t.version === version);
      if (other) throw new InstallError(`${version} was not installed by Gopherlab (${other.goroot}); remove it the way it was installed`, 'failed');
      return { removed: false, freedBytes: 0 };
    }
    const marker = readMarker(tc.goroot);
    // A background prewarm may still be writing into its build cache.
    this.o.registry.stopPrewarm(tc.goroot);
    let freed = marker?.diskBytes ?? (await diskUsage(tc.goroot));
    await removeTree(this.o.dataDir, tc.goroot);
    // The build cache is per version: keep it while another toolchain of that version remains.
    if (!all.some((t) => t !== tc && t.version === version)) {
      const cache = this.o.registry.goCacheFor(tc);
      freed += await diskUsage(cache);
      await rm(cache, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    }
    if (marker?.module) {
      const archive = storeArchivePath(this.o.dataDir, marker.module.split('@')[1] ?? '');
      freed += await diskUsage(archive);
      await rm(archive, { force: true });
    }
    await this.o.registry.list({ refresh: true });
    return { removed: true, freedBytes: freed };
  }

  /**
   * Imports a classroom kit, a golang.org/toolchain zip or a go.dev archive. Works offline: kits
   * are checked against their manifest's checksums; a lone archive is marked unverified.
   */
  async importFile(pathInput: string): Promise<Toolchain[]> {
    const path = resolve(pathInput);
    if (!existsSync(path)) throw new InstallError(`${pathInput} does not exist: give the path of a kit, a toolchain .zip or a go.dev .tar.gz`, 'not-found');
    const { readKitManifest, extractKitSdk } = await archives();
    const manifest = await readKitManifest(path);
    const out: Toolchain[] = [];
    if (manifest) {
      const { goos, goarch } = hostPlatform();
      const sdks = manifest.sdks.filter((s) => s.module.endsWith(`.${goos}-${goarch}`));
      if (sdks.length === 0) {
        throw new InstallError(`the kit holds no SDK for ${goos}/${goarch} (it was made for ${manifest.goos}/${manifest.goarch})`, 'not-found');
      }
      for (const sdk of sdks) {
        const tmpZip = join(this.o.dataDir, 'tmp', `${tempName('kit')}.zip`);
        await mkdir(join(this.o.dataDir, 'tmp'), { recursive: true });
        try {
          await extractKitSdk(path, sdk, tmpZip);
          out.push(await this.importArchive(tmpZip, { expectedH1: sdk.h1, module: sdk.module, source: 'kit' }));
        } finally {
          await rm(tmpZip, { force: true });
        }
      }
    } else {
      out.push(await this.importArchive(path, { source: 'archive' }));
    }
    return out;
  }

  private async importArchive(
    archive: string,
    o: { expectedH1?: string; module?: string; source: StoreMarker['source'] },
  ): Promise<Toolchain> {
    const staging = join(this.o.dataDir, 'tmp', tempName('import'));
    await mkdir(join(this.o.dataDir, 'tmp'), { recursive: true });
    try {
      const { extractToolchainArchive } = await archives();
      const extracted = await extractToolchainArchive(archive, staging);
      if (o.expectedH1 && extracted.h1 !== o.expectedH1) {
        throw new InstallError(
          `${extracted.version} in the kit does not match the checksum in its manifest: the kit is damaged; copy it again`,
          'checksum',
        );
      }
      const version = extracted.version;
      const target = storeDir(this.o.dataDir, version);
      if (readMarker(target)) throw new InstallError(`${version} is already installed; remove it first to replace it`, 'failed');
      await rm(target, { recursive: true, force: true });
      await mkdir(join(this.o.dataDir, 'sdk'), { recursive: true });
      await rename(staging, target);
      const modVersion = toolchainModuleVersion(version);
      let module: string | undefined;
      if (extracted.kind === 'toolchain-module' && extracted.h1) {
        module = o.module ?? `${TOOLCHAIN_MODULE}@${modVersion}`;
        await mkdir(join(this.o.dataDir, 'archives'), { recursive: true });
        await copyInto(archive, storeArchivePath(this.o.dataDir, modVersion));
      }
      await markStoreInstall(target, {
        version,
        ...(module ? { module } : {}),
        ...(extracted.h1 ? { h1: extracted.h1 } : {}),
        verification: o.expectedH1 ? 'kit-manifest' : 'unverified',
        source: o.source,
        installedAt: new Date().toISOString(),
      });
      const tc = await this.refreshAndFind(version);
      await this.o.prewarm(tc);
      return tc;
    } finally {
      await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  /** Writes a kit of store SDKs that came as toolchain zips (from the proxy or another kit). */
  async exportKit(versionsInput: string[], outInput: string): Promise<{ path: string; bytes: number; versions: string[] }> {
    const out = resolve(outInput);
    const all = await this.o.registry.list();
    const { goos, goarch } = hostPlatform();
    const sdks = [];
    for (const v of versionsInput.map(normalizeGoVersion)) {
      const tc = all.find((t) => t.version === v && t.source === 'store');
      const marker = tc ? readMarker(tc.goroot) : null;
      if (!tc || !marker) throw new InstallError(`${v} is not installed by Gopherlab: install it first, then export the kit`, 'not-found');
      if (!marker.module || !marker.h1) {
        throw new InstallError(`${v} was imported from a go.dev archive; kits carry toolchain zips with checksums: install it from the proxy`, 'failed');
      }
      const archivePath = storeArchivePath(this.o.dataDir, marker.module.split('@')[1] ?? '');
      if (!existsSync(archivePath)) throw new InstallError(`the archive of ${v} is missing from the store: reinstall it, then export the kit`, 'failed');
      sdks.push({ version: v, module: marker.module, h1: marker.h1, archivePath });
    }
    const { writeKit } = await archives();
    const { bytes } = await writeKit(out, { goos, goarch, sdks });
    return { path: out, bytes, versions: sdks.map((s) => s.version) };
  }

  private async refreshAndFind(version: string): Promise<Toolchain> {
    const all = await this.o.registry.list({ refresh: true });
    const tc = all.find((t) => t.version === version && t.source === 'store');
    if (!tc) throw new InstallError(`${version} was installed but cannot be found in the store`, 'failed');
    this.o.registry.revive(tc.goroot);
    return tc;
  }
}

/** Copies next to the target, then renames: the target is never half-written. */
async function copyInto(from: string, to: string): Promise<void> {
  const tmp = `${to}.${randomBytes(4).toString('hex')}.tmp`;
  await copyFile(from, tmp);
  await rename(tmp, to);
}
