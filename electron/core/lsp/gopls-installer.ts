// Installs gopls into the app's store with `go install golang.org/x/tools/gopls@VERSION`: cmd/go
// downloads the modules through the app's proxy, checks them against the checksum database and
// builds. GOBIN is a staging folder renamed into place; the marker is written last, so a crash
// never leaves a gopls that is used. Progress comes from cmd/go's own stderr (-v).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { GoplsProgress } from '../../../shared/lsp';
import type { Toolchain } from '../../../shared/toolchain';
import { goBinary } from '../sdk/go-env';
import { isAlive } from '../util/process';
import { writeFileAtomic } from '../util/atomic-write';
import { GOPLS_MODULE } from './gopls-release';
import { COMPLETE_MARKER, GOPLS_EXE, goplsStoreRoot, type StoreMarker } from './gopls-locator';

export class GoplsInstallError extends Error {
  constructor(
    message: string,
    readonly kind: 'offline' | 'no-go' | 'canceled' | 'failed',
  ) {
    super(message);
    this.name = 'GoplsInstallError';
  }
}

export interface GoplsInstallRequest {
  dataDir: string;
  version: string;
  /** The Go that builds it (new enough for that release). */
  toolchain: Toolchain;
  /** The module proxy, or null when module downloads are off. */
  proxy: string | null;
  /** The build cache of that Go (shared with its runs: a reinstall or upgrade rebuilds little); default a temp one. */
  goCache?: string;
  onProgress?: (p: GoplsProgress) => void;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
}

/** Installs one release; returns the binary's path. A release already in the store is reused. */
export async function installGopls(o: GoplsInstallRequest): Promise<string> {
  const emit = (phase: GoplsProgress['phase'], count: number, message?: string, total: number | null = null) =>
    o.onProgress?.({ version: o.version, phase, count, total, ...(message ? { message } : {}) });
  const root = goplsStoreRoot(o.dataDir);
  const target = join(root, o.version);
  const binary = join(target, GOPLS_EXE);
  emit('queued', 0);
  try {
    if (existsSync(join(target, COMPLETE_MARKER)) && existsSync(binary)) {
      emit('done', 0, `gopls ${o.version} is already installed`);
      return binary;
    }
    if (!o.proxy) {
      throw new GoplsInstallError(
        'gopls is not installed and module downloads are off (GOPROXY=off): set a module proxy in Settings and connect to the internet, or put gopls on PATH',
        'offline',
      );
    }
    await mkdir(root, { recursive: true });
    await sweepStaging(root);
    const staging = join(root, `.tmp-${process.pid}-${randomBytes(3).toString('hex')}`);
    try {
      await goInstall(o, staging, o.proxy, (phase, count, total, message) => emit(phase, count, message, total));
      if (!existsSync(join(staging, 'bin', GOPLS_EXE))) throw new GoplsInstallError('go install finished but left no gopls binary', 'failed');
      await rm(target, { recursive: true, force: true });
      try {
        await rename(join(staging, 'bin'), target);
      } catch (err) {
        // Another process finished the same release first: use theirs.
        if (!existsSync(join(target, COMPLETE_MARKER))) throw err;
      }
      const marker: StoreMarker = { version: o.version, go: o.toolchain.version, installedAt: new Date().toISOString() };
      await writeFileAtomic(join(target, COMPLETE_MARKER), JSON.stringify(marker, null, 2));
    } finally {
      await rm(staging, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
    }
    emit('done', 0);
    return binary;
  } catch (err) {
    const e =
      err instanceof GoplsInstallError
        ? err
        : o.signal?.aborted
          ? new GoplsInstallError('the gopls install was canceled', 'canceled')
          : new GoplsInstallError(`installing gopls failed: ${err instanceof Error ? err.message : String(err)}`, 'failed');
    emit('failed', 0, e.message);
    throw e;
  }
}

/**
 * Two passes of cmd/go: `install -n` resolves and downloads the modules and prints the build plan
 * without running it (so we know how many packages will compile), then `install -v` builds and
 * names each package as it compiles.
 */
async function goInstall(
  o: GoplsInstallRequest,
  staging: string,
  proxy: string,
  progress: (phase: 'downloading' | 'building', count: number, total: number | null, message?: string) => void,
): Promise<void> {
  const env = installEnv(o, staging, proxy);
  const target = `${GOPLS_MODULE}@${o.version}`;
  let downloaded = 0;
  let planned = 0;
  const throttle = throttled();
  await runGo(o, env, ['install', '-n', '-trimpath', target], (line) => {
    const dl = /^go: downloading (\S+) (\S+)/.exec(line);
    if (dl) {
      downloaded++;
      if (throttle()) progress('downloading', downloaded, null, `${dl[1]} ${dl[2]}`);
    } else if (/\/compile(\.exe)? -o /.test(line)) planned++;
  });
  let built = 0;
  progress('building', 0, planned);
  await runGo(o, env, ['install', '-v', '-trimpath', target], (line) => {
    if (!/^[\w.-]+(\/[\w.~-]+)*$/.test(line)) return;
    built++;
    if (throttle()) progress('building', Math.min(built, planned), planned, line);
  });
}

function throttled(ms = 100): () => boolean {
  let last = 0;
  return () => {
    const now = Date.now();
    if (now - last < ms) return false;
    last = now;
    return true;
  };
}

function installEnv(o: GoplsInstallRequest, staging: string, proxy: string): NodeJS.ProcessEnv {
  const base = o.env ?? process.env;
  const goroot = o.toolchain.goroot;
  const env: NodeJS.ProcessEnv = {
    PATH: [join(goroot, 'bin'), base.PATH].filter(Boolean).join(process.platform === 'win32' ? ';' : ':'),
    HOME: base.HOME,
    USERPROFILE: base.USERPROFILE,
    SYSTEMROOT: base.SYSTEMROOT,
    TMPDIR: base.TMPDIR,
    HTTPS_PROXY: base.HTTPS_PROXY,
    HTTP_PROXY: base.HTTP_PROXY,
    NO_PROXY: base.NO_PROXY,
    SSL_CERT_FILE: base.SSL_CERT_FILE,
    SSL_CERT_DIR: base.SSL_CERT_DIR,
    GOROOT: goroot,
    GOBIN: join(staging, 'bin'),
    // A module cache of its own, removed afterwards: gopls' dependencies never reach the snippets' one.
    GOMODCACHE: join(staging, 'modcache'),
    GOCACHE: o.goCache ?? join(staging, 'gocache'),
    GOPATH: join(staging, 'gopath'),
    GOFLAGS: '-modcacherw',
    GOPROXY: proxy,
    GOSUMDB: base.GOSUMDB || 'sum.golang.org',
    GONOSUMDB: '',
    GOPRIVATE: '',
    GOINSECURE: '',
    GOTOOLCHAIN: 'local',
    GOENV: 'off',
    GOWORK: 'off',
    GO111MODULE: 'on',
    GOTELEMETRY: 'off',
    CGO_ENABLED: '0',
  };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return env;
}

/** Runs the go command, feeding its stderr line by line; rejects with what went wrong. */
function runGo(o: GoplsInstallRequest, env: NodeJS.ProcessEnv, args: string[], onLine: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    if (o.signal?.aborted) {
      reject(new GoplsInstallError('the gopls install was canceled', 'canceled'));
      return;
    }
    const child = spawn(goBinary(o.toolchain.goroot), args, {
      cwd: o.dataDir,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: process.platform !== 'win32',
    });
    let tail = '';
    let partial = '';
    const line = (l: string) => {
      if (!l.trim()) return;
      // The plan printed by -n is long: keep only what explains a failure.
      if (!l.startsWith('mkdir ') && !l.startsWith('cat ') && !l.startsWith('EOF')) tail = (tail + l + '\n').slice(-4000);
      onLine(l.trim());
    };
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      lines.forEach(line);
    });
    const kill = () => {
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // gone already
      }
    };
    o.signal?.addEventListener('abort', kill, { once: true });
    child.on('error', (e) => reject(new GoplsInstallError(`could not run ${o.toolchain.version}'s go: ${e.message}`, 'no-go')));
    child.on('close', (code) => {
      o.signal?.removeEventListener('abort', kill);
      if (partial) line(partial);
      if (o.signal?.aborted) reject(new GoplsInstallError('the gopls install was canceled', 'canceled'));
      else if (code === 0) resolve();
      else reject(explainInstallError(tail, String(env.GOPROXY)));
    });
  });
}

function explainInstallError(stderr: string, proxy: string): GoplsInstallError {
  const text = stderr.trim();
  if (/dial tcp|no such host|lookup .* on|connection refused|network is unreachable|i\/o timeout|TLS handshake|no route to host/i.test(text)) {
    return new GoplsInstallError(`cannot reach the module proxy (${proxy}) to download gopls: connect to the internet, or put gopls on PATH`, 'offline');
  }
  const lines = text.split('\n').filter((l) => !/^go: downloading /.test(l));
  const first = lines.find((l) => /error|cannot|requires|invalid|not found|mismatch/i.test(l)) ?? lines[lines.length - 1] ?? 'go install failed';
  return new GoplsInstallError(`go install ${GOPLS_MODULE} failed: ${first.trim()}`, 'failed');
}

/** Staging folders of processes that are gone (a crash mid-install). */
async function sweepStaging(root: string): Promise<void> {
  for (const name of await readdir(root).catch(() => [] as string[])) {
    const m = /^\.tmp-(\d+)-/.exec(name);
    if (!m || isAlive(Number(m[1]))) continue;
    await rm(join(root, name), { recursive: true, force: true }).catch(() => undefined);
  }
}
