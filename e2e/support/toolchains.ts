// Real Go toolchains besides the one on PATH, fetched once from the module proxy and cached in
// <repo>/.cache/sdks, so the e2e tests can switch versions without downloading during a run.
// The layout is a GOROOT as cmd/go unpacks golang.org/toolchain (see FACTS.md › Go toolchains).
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { REPO_ROOT } from './paths';

export const SDK_CACHE = join(REPO_ROOT, '.cache', 'sdks');
/** A second real toolchain: old enough to differ from any PATH Go, new enough for wasip1. */
export const SECOND_GO = 'go1.22.12';

/** Set by the global setup when a toolchain could not be prepared, for the tests that need it. */
const ERROR_ENV = 'GOPHERLAB_E2E_SDK_ERROR';

export function cachedGoroot(version: string): string {
  return join(SDK_CACHE, version);
}

export function isPrepared(version: string): boolean {
  return existsSync(join(cachedGoroot(version), 'bin', 'go'));
}

/** Downloads (once) and lays out a toolchain; returns its GOROOT. */
export function prepareToolchain(version: string): string {
  const goroot = cachedGoroot(version);
  if (isPrepared(version)) return goroot;

  const goEnv = { ...process.env, GOTOOLCHAIN: 'local' };
  const [goos, goarch] = execFileSync('go', ['env', 'GOOS', 'GOARCH'], { env: goEnv, encoding: 'utf8' }).trim().split(/\s+/);
  const module = `golang.org/toolchain@v0.0.1-${version}.${goos}-${goarch}`;
  let out: string;
  try {
    out = execFileSync('go', ['mod', 'download', '-json', module], {
      env: { ...goEnv, GOMODCACHE: join(SDK_CACHE, 'modcache'), GOFLAGS: '-modcacherw' },
      encoding: 'utf8',
      timeout: 10 * 60_000,
      maxBuffer: 4 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    // `go mod download -json` prints its error in the JSON and exits 1.
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`go mod download ${module} failed: ${errorOf(e.stdout) ?? e.stderr?.trim() ?? e.message}`);
  }
  const info = JSON.parse(out) as { Dir?: string; Error?: string };
  if (!info.Dir || info.Error) throw new Error(`go mod download ${module} failed: ${info.Error ?? 'no Dir in its output'}`);

  // Lay it out beside the final name, then rename: a half-prepared GOROOT is never found.
  const staging = `${goroot}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    renameSync(info.Dir, staging);
  } catch {
    cpSync(info.Dir, staging, { recursive: true });
  }
  // Zips carry no exec bits; cmd/go sets them on bin/* and pkg/tool/**.
  for (const dir of ['bin', join('pkg', 'tool')]) for (const f of filesUnder(join(staging, dir))) chmodSync(f, 0o755);
  // Every nested go.mod is shipped as _go.mod; src/go.mod goes last, as cmd/go's "done" marker.
  const renamed = filesUnder(staging).filter((f) => basename(f) === '_go.mod');
  const srcGoMod = join(staging, 'src', '_go.mod');
  for (const f of renamed.filter((f) => f !== srcGoMod)) copyFileSync(f, join(dirname(f), 'go.mod'));
  if (existsSync(srcGoMod)) copyFileSync(srcGoMod, join(staging, 'src', 'go.mod'));
  rmSync(goroot, { recursive: true, force: true });
  renameSync(staging, goroot);
  return goroot;
}

/** For the global setup: prepares what the specs need, recording (not throwing) a failure. */
export function prepareE2eToolchains(): void {
  try {
    prepareToolchain(SECOND_GO);
    delete process.env[ERROR_ENV];
  } catch (err) {
    // Only the specs that need this toolchain fail (with this reason); the rest still run.
    process.env[ERROR_ENV] = err instanceof Error ? err.message : String(err);
    console.warn(`e2e: could not prepare ${SECOND_GO}: ${process.env[ERROR_ENV]}`);
  }
}

/** The GOROOT of a prepared toolchain, or an error that says why it is missing. */
export function requirePrepared(version: string): string {
  if (isPrepared(version)) return cachedGoroot(version);
  const reason = process.env[ERROR_ENV] ?? 'the global setup did not prepare it';
  throw new Error(`e2e: the ${version} toolchain is not in ${SDK_CACHE}: ${reason}. It is fetched from the module proxy once (needs the network the first time).`);
}

function errorOf(stdout: string | undefined): string | null {
  try {
    return stdout ? ((JSON.parse(stdout) as { Error?: string }).Error ?? null) : null;
  } catch {
    return null;
  }
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(p));
    else if (entry.isFile() || statSync(p).isFile()) out.push(p);
  }
  return out;
}
