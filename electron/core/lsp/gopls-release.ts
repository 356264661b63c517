// Which gopls to install, and with which Go. Each gopls release needs a minimum Go to build (its
// go.mod `go` line); we pick the newest release the newest installed Go can build, and build it
// with exactly that Go (GOTOOLCHAIN=local: nothing is switched or downloaded behind our back).
import type { Toolchain } from '../../../shared/toolchain';
import { compareGoVersions, parseGoVersion } from '../sdk/version';

export const GOPLS_MODULE = 'golang.org/x/tools/gopls';

/** Releases we know build and serve well, newest first, with the Go their go.mod asks for. */
export const GOPLS_RELEASES: ReadonlyArray<{ version: string; go: string }> = [
  { version: 'v0.24.0', go: 'go1.27.0' },
  { version: 'v0.23.0', go: 'go1.26.0' },
  { version: 'v0.21.1', go: 'go1.25.0' },
  { version: 'v0.20.0', go: 'go1.24.2' },
  { version: 'v0.18.1', go: 'go1.23.4' },
];

export interface GoplsPlan {
  version: string;
  toolchain: Toolchain;
}

/** The newest gopls some installed final release can build, and that release; null when none can. */
export function planGoplsInstall(toolchains: ReadonlyArray<Toolchain>): GoplsPlan | null {
  const finals = toolchains.filter((t) => parseGoVersion(t.version)?.pre === null).sort((a, b) => compareGoVersions(b.version, a.version));
  const newest = finals[0];
  if (!newest) return null;
  const release = GOPLS_RELEASES.find((r) => compareGoVersions(newest.version, r.go) >= 0);
  return release ? { version: release.version, toolchain: newest } : null;
}

/** The oldest Go any known gopls release builds with, for messages. */
export const OLDEST_BUILDER = GOPLS_RELEASES[GOPLS_RELEASES.length - 1]!.go;
