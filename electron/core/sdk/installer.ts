// Installs a Go release from the module proxy. cmd/go does the download, the checksum-database
// verification and the extraction (`go mod download` of golang.org/toolchain: the same guarantee
// it gives itself when it switches toolchains); we watch its download file for progress, finish
// the GOROOT as cmd/go does (exec bits, go.mod files), move it into the store in one rename, write
// the completion marker last, and prewarm it. Two requests for one version share one install.
import { spawn } from 'node:child_process';
import { copyFile, chmod, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { InstallProgress, Toolchain } from '../../../shared/toolchain';
import { goBinary } from './go-env';
import { hostPlatform, TOOLCHAIN_MODULE, toolchainModuleVersion } from './proxy';
import { markStoreInstall, storeArchivePath, storeDir, tempName, type StoreMarker } from './store';
import { parseGoVersion } from './version';
import { isAlive } from '../util/process';
import { normalizeGoVersion } from '../../../shared/go-version';

export class InstallError extends Error {
  constructor(
    message: string,
    readonly kind: 'offline' | 'not-found' | 'checksum' | 'no-go' | 'canceled' | 'failed',
  ) {
    super(message);
    this.name = 'InstallError';
  }
}

export interface InstallerOptions {
  dataDir: string;
  /** The proxy URL, or null when module downloads are off. */
  proxy: () => string | null;
  /** A Go toolchain to run `go mod download` with (any installed one). */
  hostGo: () => Promise<Toolchain | null>;
  /** Called after the SDK is in the store: refresh listings. */
  installed: (version: string) => Promise<Toolchain>;
  /** Build the standard library for the app's targets. */
  prewarm: (toolchain: Toolchain) => Promise<void>;
  onProgress: (p: InstallProgress) => void;
  /** A folder of toolchain zips (`<module version>.zip`) to use instead of downloading; still verified. */
  archiveCache?: string;
  env?: NodeJS.ProcessEnv;
}

interface Job {
  promise: Promise<Toolchain>;
  controller: AbortController;
}

export class SdkInstaller {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly o: InstallerOptions) {}

  isInstalling(version: string): boolean {
    return this.jobs.has(normalizeGoVersion(version));
  }

  /** prewarm: false skips building the standard library (a bisect builds only what it needs). */
  install(versionInput: string, opts: { prewarm?: boolean } = {}): Promise<Toolchain> {
    const version = normalizeGoVersion(versionInput);
    const existing = this.jobs.get(version);
    if (existing) return existing.promise;
    const controller = new AbortController();
    const promise = this.run(version, controller.signal, opts.prewarm !== false).finally(() => this.jobs.delete(version));
    this.jobs.set(version, { promise, controller });
    return promise;
  }

  cancel(versionInput: string): boolean {
    const job = this.jobs.get(normalizeGoVersion(versionInput));
    if (!job) return false;
    job.controller.abort();
    return true;
  }

  private emit(p: Omit<InstallProgress, 'bytes' | 'total' | 'rate' | 'etaMs'> & Partial<InstallProgress>): void {
    this.o.onProgress({ bytes: 0, total: null, rate: null, etaMs: null, ...p });
  }

  private async run(version: string, signal: AbortSignal, prewarm: boolean): Promise<Toolchain> {
    if (!parseGoVersion(version)) throw new InstallError(`"${version}" is not a Go release name (like go1.22.3)`, 'not-found');
    const platform = hostPlatform();
    const modVersion = toolchainModuleVersion(version, platform);
    const tmp = join(this.o.dataDir, 'tmp', tempName(`install-${version}`));
    this.emit({ version, phase: 'queued' });
    // Another process (the CLI, a second window) may be installing the same release into this store.
    let unlock: (() => Promise<void>) | null = null;
    try {
      unlock = await lockVersion(join(this.o.dataDir, 'sdk'), version, signal);
      if (existsSync(join(storeDir(this.o.dataDir, version), '.gopherlab-complete'))) {
        const tc = await this.o.installed(version);
        this.emit({ version, phase: 'done', message: `${version} is already installed` });
        return tc;
      }
      const proxy = this.o.proxy();
      if (!proxy) {
        throw new InstallError(`${version} is not installed and module downloads are off (GOPROXY=off): connect to the internet, or import a kit`, 'offline');
      }
      const hostGo = await this.o.hostGo();
      if (!hostGo) {
        throw new InstallError('installing needs a Go toolchain to verify the download with the checksum database: install Go from go.dev/dl, or import a kit', 'no-go');
      }

      const modcache = join(tmp, 'modcache');
      const downloadDir = join(modcache, 'cache', 'download', ...TOOLCHAIN_MODULE.split('/'), '@v');
      await mkdir(downloadDir, { recursive: true });
      const cached = this.o.archiveCache ? join(this.o.archiveCache, `${modVersion}.zip`) : null;
      let total: number | null = null;
      if (cached && existsSync(cached)) {
        // Seeded zips are verified like downloaded ones: cmd/go hashes them against the checksum database.
        await copyFile(cached, join(downloadDir, `${modVersion}.zip`));
        total = (await stat(cached)).size;
      } else {
        total = await contentLength(`${proxy}/${TOOLCHAIN_MODULE}/@v/${modVersion}.zip`);
      }

      const dl = await this.goModDownload(
        hostGo,
        modcache,
        `${TOOLCHAIN_MODULE}@${modVersion}`,
        proxy,
        signal,
        (p) => {
          const etaMs = p.rate && total && p.rate > 0 ? Math.max(0, ((total - p.bytes) / p.rate) * 1000) : null;
          this.emit({ version, ...p, total, etaMs: p.phase === 'download' ? etaMs : null });
        },
        (report) => watchDownload(downloadDir, modVersion, total, report),
      );
      if (signal.aborted) throw new InstallError(`the install of ${version} was canceled`, 'canceled');

      this.emit({ version, phase: 'extract', message: 'finishing the GOROOT' });
      await finishGoroot(dl.dir);
      // Into the store in one rename; the marker is written last, so a crash before it leaves
      // nothing that is ever listed (and the next install replaces it).
      const target = storeDir(this.o.dataDir, version);
      await rm(target, { recursive: true, force: true });
      await mkdir(join(this.o.dataDir, 'sdk'), { recursive: true });
      await rename(dl.dir, target);
      await mkdir(join(this.o.dataDir, 'archives'), { recursive: true });
      const kept = storeArchivePath(this.o.dataDir, modVersion);
      await rename(dl.zip, kept).catch(() => undefined);
      if (this.o.archiveCache && cached && !existsSync(cached)) {
        // Fill the shared archive cache (CI keeps it between runs); it is only ever used verified.
        await mkdir(this.o.archiveCache, { recursive: true });
        const tmpCopy = `${cached}.${process.pid}.tmp`;
        await copyFile(kept, tmpCopy).then(() => rename(tmpCopy, cached)).catch(() => rm(tmpCopy, { force: true }));
      }
      const marker: StoreMarker = {
        version,
        module: `${TOOLCHAIN_MODULE}@${modVersion}`,
        h1: dl.sum,
        verification: 'checksum-db',
        source: 'proxy',
        installedAt: new Date().toISOString(),
      };
      await markStoreInstall(target, marker);
      const tc = await this.o.installed(version);

      if (prewarm) {
        this.emit({ version, phase: 'prewarm', message: 'building the standard library for the sandbox targets' });
        await this.o.prewarm(tc);
      }
      this.emit({ version, phase: 'done' });
      return tc;
    } catch (err) {
      const e =
        err instanceof InstallError
          ? err
          : signal.aborted
            ? new InstallError(`the install of ${version} was canceled`, 'canceled')
            : new InstallError(`installing ${version} failed: ${err instanceof Error ? err.message : String(err)}`, 'failed');
      this.emit({ version, phase: e.kind === 'canceled' ? 'canceled' : 'failed', message: e.message });
      throw e;
    } finally {
      await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
      await unlock?.();
    }
  }

  private goModDownload(
    hostGo: Toolchain,
    modcache: string,
    module: string,
    proxy: string,
    signal: AbortSignal,
    progress: (p: { phase: 'download' | 'verify' | 'extract'; bytes: number; rate: number | null; etaMs: number | null }) => void,
    watch: (report: (bytes: number, state: 'download' | 'verify' | 'extract') => void) => () => void,
  ): Promise<{ dir: string; zip: string; sum: string }> {
    return new Promise((resolve, reject) => {
      const base = this.o.env ?? process.env;
      const env: NodeJS.ProcessEnv = {
        PATH: base.PATH,
        HOME: base.HOME,
        USERPROFILE: base.USERPROFILE,
        SYSTEMROOT: base.SYSTEMROOT,
        TMPDIR: base.TMPDIR,
        HTTPS_PROXY: base.HTTPS_PROXY,
        HTTP_PROXY: base.HTTP_PROXY,
        NO_PROXY: base.NO_PROXY,
        SSL_CERT_FILE: base.SSL_CERT_FILE,
        SSL_CERT_DIR: base.SSL_CERT_DIR,
        GOMODCACHE: modcache,
        GOFLAGS: '-modcacherw',
        GOPROXY: proxy,
        GOSUMDB: base.GOSUMDB || 'sum.golang.org',
        GONOSUMDB: '',
        GONOSUMCHECK: '',
        GOPRIVATE: '',
        GOINSECURE: '',
        GOTOOLCHAIN: 'local',
        GOENV: 'off',
        GO111MODULE: 'on',
        GOTELEMETRY: 'off',
      };
      const child = spawn(goBinary(hostGo.goroot), ['mod', 'download', '-json', module], {
        cwd: modcache,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: process.platform !== 'win32',
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (b: Buffer) => (out += b.toString()));
      child.stderr.on('data', (b: Buffer) => (err += b.toString()));

      const meter = new RateMeter();
      const stop = watch((bytes, state) => {
        const { rate, etaMs } = meter.update(bytes);
        progress({ phase: state, bytes, rate: state === 'download' ? rate : null, etaMs: state === 'download' ? etaMs : null });
      });
      const kill = () => {
        try {
          if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
          else child.kill('SIGKILL');
        } catch {
          // gone already
        }
      };
      signal.addEventListener('abort', kill, { once: true });
      child.on('error', (e) => {
        stop();
        reject(new InstallError(`could not run go: ${e.message}`, 'failed'));
      });
      child.on('close', (code) => {
        stop();
        signal.removeEventListener('abort', kill);
        if (signal.aborted) {
          reject(new InstallError('canceled', 'canceled'));
          return;
        }
        let info: { Dir?: string; Zip?: string; Sum?: string; Error?: string } = {};
        try {
          info = JSON.parse(out) as typeof info;
        } catch {
          // no JSON: fall through to stderr
        }
        if (code === 0 && info.Dir && info.Zip && info.Sum) {
          resolve({ dir: info.Dir, zip: info.Zip, sum: info.Sum });
          return;
        }
        reject(explainDownloadError(info.Error ?? err, module, proxy));
      });
    });
  }
}

/**
 * A per-release lock shared by every process using this store: a directory holding the owner's
 * pid, taken over when that process is gone.
 */
async function lockVersion(sdkDir: string, version: string, signal: AbortSignal): Promise<() => Promise<void>> {
  const lock = join(sdkDir, `.${version}.lock`);
  await mkdir(sdkDir, { recursive: true });
  const deadline = Date.now() + 60 * 60_000;
  for (;;) {
    try {
      await mkdir(lock);
      await writeFile(join(lock, 'pid'), String(process.pid));
      return () => rm(lock, { recursive: true, force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => '0'));
    if (owner > 0 && !isAlive(owner)) {
      await rm(lock, { recursive: true, force: true });
      continue;
    }
    if (signal.aborted) throw new InstallError(`the install of ${version} was canceled`, 'canceled');
    if (Date.now() > deadline) throw new InstallError(`another Gopherlab process has been installing ${version} for an hour; remove ${lock} if it is stuck`, 'failed');
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Watches cmd/go's download folder: a `<zip>NNN.tmp` growing, then the zip (verified), then the ziphash. */
function watchDownload(
  dir: string,
  modVersion: string,
  total: number | null,
  report: (bytes: number, state: 'download' | 'verify' | 'extract') => void,
): () => void {
  let stopped = false;
  let last = '';
  const tick = async () => {
    if (stopped) return;
    try {
      const names = await readdir(dir);
      const zip = `${modVersion}.zip`;
      let state: 'download' | 'verify' | 'extract' = 'download';
      let bytes = 0;
      if (names.includes(`${zip}hash`)) state = 'extract';
      else if (names.includes(zip)) state = 'verify';
      for (const n of names) {
        if (n === zip || (n.startsWith(zip) && n.endsWith('.tmp'))) bytes = Math.max(bytes, (await stat(join(dir, n))).size);
      }
      // cmd/go checks the checksum before it renames the finished download into place.
      if (state === 'download' && total !== null && bytes >= total) state = 'verify';
      const key = `${state}:${bytes}`;
      if (!stopped && key !== last && (bytes > 0 || state !== 'download')) {
        last = key;
        report(bytes, state);
      }
    } catch {
      // the folder may not exist yet
    }
  };
  const timer = setInterval(() => void tick(), 200);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

/** Bytes per second over roughly the last second, and the time left at that rate. */
class RateMeter {
  private samples: { t: number; bytes: number }[] = [];

  update(bytes: number): { rate: number | null; etaMs: number | null } {
    const t = performance.now();
    this.samples.push({ t, bytes });
    while (this.samples.length > 2 && t - this.samples[0]!.t > 1500) this.samples.shift();
    const first = this.samples[0]!;
    const dt = (t - first.t) / 1000;
    const rate = dt > 0.15 ? (bytes - first.bytes) / dt : null;
    return { rate, etaMs: null };
  }
}

async function contentLength(url: string): Promise<number | null> {
  try {
    const res = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(10_000) });
    const n = Number(res.headers.get('content-length'));
    return res.ok && Number.isFinite(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

function explainDownloadError(raw: string, module: string, proxy: string): InstallError {
  const text = raw.trim();
  if (/checksum mismatch|SECURITY ERROR|verifying module|zip: |flate: |unexpected EOF|crc32/i.test(text)) {
    return new InstallError(
      `the download of ${module} does not match the Go checksum database: it was corrupted or tampered with, and was thrown away; try again`,
      'checksum',
    );
  }
  if (/dial tcp|no such host|lookup .* on|connection refused|network is unreachable|i\/o timeout|TLS handshake|no route to host/i.test(text)) {
    return new InstallError(`cannot reach the module proxy (${proxy}): connect to the internet, or import a kit`, 'offline');
  }
  if (/unknown revision|not found|\b(403|404|410)\b|invalid version/i.test(text)) {
    return new InstallError(`${module.replace(/^.*@v0\.0\.1-/, '')} is not on the module proxy (${proxy}); pick a release from the list`, 'not-found');
  }
  return new InstallError(`the download failed: ${text.split('\n')[0] ?? 'go mod download failed'}`, 'failed');
}

/** What cmd/go does after unzipping a toolchain: exec bits, and each _go.mod back to go.mod (src/go.mod last). */
export async function finishGoroot(goroot: string): Promise<void> {
  for (const dir of ['bin', join('pkg', 'tool')]) {
    for (const f of await walkFiles(join(goroot, dir))) await chmod(f, 0o755);
  }
  const goMods = (await walkFiles(join(goroot, 'src'), (name) => name === '_go.mod')).sort();
  const rootMod = join(goroot, 'src', '_go.mod');
  for (const m of goMods) if (m !== rootMod) await copyFile(m, join(m, '..', 'go.mod'));
  if (goMods.includes(rootMod)) await copyFile(rootMod, join(goroot, 'src', 'go.mod'));
}

async function walkFiles(dir: string, keep: (name: string) => boolean = () => true): Promise<string[]> {
  const out: string[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walkFiles(p, keep)));
    else if (e.isFile() && keep(e.name)) out.push(p);
  }
  return out;
}

