// The environment of every go command we run: built from scratch, never inherited wholesale, so
// a user's GOFLAGS (-toolexec…), go.env, GOTOOLCHAIN or GOPROXY cannot leak into a sandboxed build.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Toolchain } from '../../../shared/toolchain';

export interface Target {
  goos: string;
  goarch: string;
}

export interface BuildEnvOptions {
  toolchain: Toolchain;
  goCache: string;
  dataDir: string;
  target: Target;
  baseEnv?: NodeJS.ProcessEnv;
  /** Module downloads are off unless the user turned them on. */
  goproxy?: string;
  /** Where downloaded modules are kept; defaults to one inside dataDir (a run's own folder). */
  goModCache?: string;
}

const PASS_THROUGH = ['PATH', 'HOME', 'USERPROFILE', 'TMPDIR', 'TMP', 'TEMP', 'SYSTEMROOT', 'LANG', 'LC_ALL'];

export function buildEnv(o: BuildEnvOptions): NodeJS.ProcessEnv {
  const base = o.baseEnv ?? process.env;
  const env: NodeJS.ProcessEnv = {};
  for (const key of PASS_THROUGH) if (base[key] !== undefined) env[key] = base[key];
  return {
    ...env,
    GOROOT: o.toolchain.goroot,
    GOOS: o.target.goos,
    GOARCH: o.target.goarch,
    GOTOOLCHAIN: 'local',
    CGO_ENABLED: '0',
    // A kept module cache stays writable, so the user (or a test) can delete it like any folder.
    GOFLAGS: o.goModCache ? '-mod=mod -modcacherw' : '-mod=mod',
    GOPROXY: o.goproxy ?? 'off',
    GOSUMDB: 'off',
    GOENV: 'off',
    GOWORK: 'off',
    GOTELEMETRY: 'off',
    GOCACHE: o.goCache,
    GOPATH: join(o.dataDir, 'gopath'),
    GOMODCACHE: o.goModCache ?? join(o.dataDir, 'gopath', 'pkg', 'mod'),
  };
}

export function goBinary(goroot: string): string {
  return join(goroot, 'bin', process.platform === 'win32' ? 'go.exe' : 'go');
}

/**
 * GOPROXY for builds when module downloads are on: the proxy first, then (on any error: offline)
 * the module cache itself, which a file:// GOPROXY can serve, so what was fetched once builds offline.
 */
export function moduleProxy(proxy: string | null, goModCache: string): string {
  const cache = pathToFileURL(join(goModCache, 'cache', 'download')).href;
  return proxy ? `${proxy}|${cache}` : cache;
}
