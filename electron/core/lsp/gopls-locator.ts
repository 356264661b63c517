// Finds a gopls binary: the one the app installed into its store first (a known release that was
// built with a known Go), then PATH, then GOBIN / GOPATH/bin / ~/go/bin (where `go install` puts it).
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const GOPLS_EXE = process.platform === 'win32' ? 'gopls.exe' : 'gopls';
/** Written last into a store install's folder: a folder without it is never used. */
export const COMPLETE_MARKER = '.gopherlab-complete';

export interface FoundGopls {
  path: string;
  source: 'store' | 'path' | 'gopath';
  /** From the store marker, or `gopls version`; null when it could not be told. */
  version: string | null;
}

/** `<dataDir>/tools/gopls`: one folder per installed release. */
export function goplsStoreRoot(dataDir: string): string {
  return join(dataDir, 'tools', 'gopls');
}

export interface StoreMarker {
  version: string;
  go: string;
  installedAt: string;
}

/** Store installs, newest release first. */
export function storeInstalls(dataDir: string): Array<FoundGopls & { marker: StoreMarker }> {
  const root = goplsStoreRoot(dataDir);
  let names: string[];
  try {
    names = readdirSync(root).filter((n) => /^v\d+\.\d+\.\d+/.test(n));
  } catch {
    return [];
  }
  const out: Array<FoundGopls & { marker: StoreMarker }> = [];
  for (const name of names) {
    const dir = join(root, name);
    try {
      const marker = JSON.parse(readFileSync(join(dir, COMPLETE_MARKER), 'utf8')) as StoreMarker;
      if (!isFile(join(dir, GOPLS_EXE))) continue;
      out.push({ path: join(dir, GOPLS_EXE), source: 'store', version: marker.version, marker });
    } catch {
      // Half installed, or damaged: never used.
    }
  }
  return out.sort((a, b) => compareSemver(b.marker.version, a.marker.version));
}

export async function locateGopls(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<FoundGopls | null> {
  const stored = storeInstalls(dataDir)[0];
  if (stored) return { path: stored.path, source: 'store', version: stored.version };
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, GOPLS_EXE);
    if (isFile(candidate)) return { path: candidate, source: 'path', version: await goplsVersion(candidate) };
  }
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  const gopaths = (env.GOPATH ?? '').split(delimiter).filter(Boolean);
  const dirs = [env.GOBIN, ...gopaths.map((p) => join(p, 'bin')), join(home, 'go', 'bin')].filter((d): d is string => !!d);
  for (const dir of dirs) {
    const candidate = join(dir, GOPLS_EXE);
    if (isFile(candidate)) return { path: candidate, source: 'gopath', version: await goplsVersion(candidate) };
  }
  return null;
}

/** `gopls version` prints `golang.org/x/tools/gopls v0.23.0` on its first or second line. */
export async function goplsVersion(binary: string): Promise<string | null> {
  try {
    const { stdout } = await execFileAsync(binary, ['version'], { timeout: 10_000, env: { ...process.env, GOTOOLCHAIN: 'local' } });
    return parseGoplsVersion(stdout);
  } catch {
    return null;
  }
}

export function parseGoplsVersion(output: string): string | null {
  return /golang\.org\/x\/tools\/gopls\s+(v\d+\.\d+\.\d+\S*|\(devel\))/.exec(output)?.[1] ?? null;
}

function compareSemver(a: string, b: string): number {
  const pa = a.replace(/^v/, '').split(/[.-]/).map((x) => Number(x) || 0);
  const pb = b.replace(/^v/, '').split(/[.-]/).map((x) => Number(x) || 0);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
