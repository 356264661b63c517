// The Go module proxy Gopherlab talks to: the first http(s) entry of GOPROXY (or the app's
// setting), the way cmd/go reads the list. "off" (or only "direct") means no proxy: offline.
import { execFileSync } from 'node:child_process';

export const DEFAULT_PROXY = 'https://proxy.golang.org';
export const TOOLCHAIN_MODULE = 'golang.org/toolchain';

export function proxyFromList(list: string | undefined): string | null {
  const value = (list ?? '').trim();
  if (value === '') return DEFAULT_PROXY;
  for (const entry of value.split(/[,|]/)) {
    const e = entry.trim();
    if (e === 'off') return null;
    if (/^https?:\/\//.test(e)) return e.replace(/\/+$/, '');
  }
  return null;
}

/** GOPROXY from the environment, else from `go env` (a go.env or `go env -w` setting). */
export function resolveProxy(env: NodeJS.ProcessEnv = process.env, setting?: string): string | null {
  if (setting) return proxyFromList(setting);
  if (env.GOPROXY !== undefined) return proxyFromList(env.GOPROXY);
  try {
    return proxyFromList(execFileSync('go', ['env', 'GOPROXY'], { encoding: 'utf8', timeout: 10_000, env: { ...env, GOTOOLCHAIN: 'local' } }));
  } catch {
    return DEFAULT_PROXY;
  }
}

/** GOOS/GOARCH of this machine, as Go spells them. */
export function hostPlatform(): { goos: string; goarch: string } {
  const goos = process.platform === 'win32' ? 'windows' : process.platform;
  const goarch =
    ({ x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm', riscv64: 'riscv64', ppc64: 'ppc64le', s390x: 's390x', loong64: 'loong64' } as Record<string, string>)[
      process.arch
    ] ?? process.arch;
  return { goos, goarch };
}

/** go1.22.3 → v0.0.1-go1.22.3.linux-amd64 (the module version of that release for a platform). */
export function toolchainModuleVersion(goVersion: string, platform = hostPlatform()): string {
  return `v0.0.1-${goVersion}.${platform.goos}-${platform.goarch}`;
}

