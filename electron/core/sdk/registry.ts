// Finds the Go toolchains on this machine and resolves what a run asks for ("", "1.22.3",
// "go1.22.3", a GOROOT, a go binary) to one of them. Discovery is cached: resolving is on every
// run's critical path and must cost nothing after the first time.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { homedir, setPriority } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Toolchain } from '../../../shared/toolchain';
import { buildEnv, goBinary, type Target } from './go-env';
import { readMarker } from './store';
import { compareGoVersions, parseGoVersion } from './version';
import { normalizeGoVersion } from '../../../shared/go-version';

const execFileAsync = promisify(execFile);

/** The run asked for a toolchain this machine does not have. */
export class SdkMissingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SdkMissingError';
  }
}

export interface RegistryOptions {
  dataDir: string;
  /** GOROOTs the user added (a setting). */
  extraGoroots?: () => string[];
  goCacheRoot?: string;
  env?: NodeJS.ProcessEnv;
}

export class ToolchainRegistry {
  private cached: Promise<Toolchain[]> | null = null;
  private readonly env: NodeJS.ProcessEnv;
  readonly goCacheRoot: string;
  readonly dataDir: string;
  private readonly prewarmed = new Map<string, Promise<void>>();
  private readonly children = new Map<import('node:child_process').ChildProcess, string>();

  constructor(private readonly options: RegistryOptions) {
    this.env = options.env ?? process.env;
    this.dataDir = options.dataDir;
    this.goCacheRoot = resolve(options.goCacheRoot ?? this.env.GOPHERLAB_GOCACHE ?? join(options.dataDir, 'gocache'));
  }

  list(opts: { refresh?: boolean } = {}): Promise<Toolchain[]> {
    if (!this.cached || opts.refresh) {
      this.cached = this.discover();
      this.cached.catch(() => (this.cached = null));
    }
    return this.cached;
  }

  /** The toolchain a run should use. Throws SdkMissingError with what to do when there is none. */
  async resolve(spec: string | undefined): Promise<Toolchain> {
    const wanted = (spec ?? '').trim();
    const all = await this.list();
    if (wanted === '') {
      const def = all.find((t) => t.isDefault);
      if (!def) {
        throw new SdkMissingError(
          'No Go toolchain found: install Go (https://go.dev/dl) and put it on PATH, or choose a GOROOT with --go.',
        );
      }
      return def;
    }
    if (looksLikePath(wanted)) {
      const t = this.fromPath(wanted);
      return all.find((known) => known.goroot === t.goroot) ?? t;
    }

    const byId = all.find((t) => t.id === wanted);
    if (byId) return byId;
    const version = normalizeGoVersion(wanted);
    const exact = all.find((t) => t.version === version);
    if (exact) return exact;
    // "1.22" means the newest installed 1.22.x.
    const parsed = parseGoVersion(version);
    if (parsed && parsed.patch === null && parsed.pre === null) {
      const sameMinor = all
        .filter((t) => {
          const v = parseGoVersion(t.version);
          return v && v.major === parsed.major && v.minor === parsed.minor;
        })
        .sort((a, b) => compareGoVersions(b.version, a.version));
      if (sameMinor[0]) return sameMinor[0];
    }
    const installed = all.map((t) => t.version).join(', ') || 'none';
    throw new SdkMissingError(
      `Go ${version.replace(/^go/, '')} is not installed (installed: ${installed}). Pick an installed version, or install it with the SDK manager.`,
    );
  }

  /** Stops prewarm builds still going (the app is quitting). */
  dispose(): void {
    for (const child of this.children.keys()) child.kill('SIGKILL');
    this.children.clear();
  }

  /** Toolchains being removed: no new build work may start for them. */
  private readonly retired = new Set<string>();

  isRetired(goroot: string): boolean {
    return this.retired.has(goroot);
  }

  /** A toolchain installed again where a removed one was. */
  revive(goroot: string): void {
    this.retired.delete(goroot);
  }

  /** Stops the prewarm builds of one toolchain (it is being removed) and any that would follow. */
  stopPrewarm(goroot: string): void {
    this.retired.add(goroot);
    for (const [child, root] of this.children) {
      if (root !== goroot) continue;
      child.kill('SIGKILL');
      this.children.delete(child);
    }
    for (const key of [...this.prewarmed.keys()]) if (key.startsWith(`${goroot}|`)) this.prewarmed.delete(key);
  }

  /** The GOCACHE of one toolchain: versions never share build outputs. */
  goCacheFor(toolchain: Toolchain): string {
    return join(this.goCacheRoot, toolchain.version.replace(/[^A-Za-z0-9._-]/g, '_'));
  }

  /**
   * Compiles the standard library for the sandbox target into the toolchain's cache, so the
   * first run does not pay seconds for it. Safe to call repeatedly; runs once per toolchain.
   */
  prewarm(toolchain: Toolchain, target: Target = { goos: 'wasip1', goarch: 'wasm' }, opts: { background?: boolean } = {}): Promise<void> {
    const key = `${toolchain.goroot}|${target.goos}/${target.goarch}`;
    if (this.retired.has(toolchain.goroot)) return Promise.resolve();
    let job = this.prewarmed.get(key);
    if (!job) {
      const env = buildEnv({
        toolchain,
        goCache: this.goCacheFor(toolchain),
        dataDir: this.options.dataDir,
        target,
        baseEnv: this.env,
      });
      job = new Promise<void>((resolve) => {
        const child = execFile(
          goBinary(toolchain.goroot),
          ['build', '-trimpath', 'std'],
          { env, cwd: this.options.dataDir, maxBuffer: 16 * 1024 * 1024, timeout: 30 * 60_000 },
          // A failed prewarm only means the first run compiles what it needs.
          () => {
            this.children.delete(child);
            resolve();
          },
        );
        this.children.set(child, toolchain.goroot);
        if (opts.background && child.pid !== undefined) {
          try {
            setPriority(child.pid, 19);
          } catch {
            // Not permitted here: it just runs at normal priority.
          }
        }
      });
      this.prewarmed.set(key, job);
    }
    return job;
  }

  private async discover(): Promise<Toolchain[]> {
    const found = new Map<string, Toolchain>();
    const add = (t: Toolchain | null) => {
      if (t && !found.has(t.goroot)) found.set(t.goroot, t);
    };

    add(await this.fromPathEnv());
    for (const goroot of sdkDirs(join(this.env.HOME ?? this.env.USERPROFILE ?? homedir(), 'sdk'))) add(readToolchain(goroot, 'sdk-dir'));
    for (const goroot of this.options.extraGoroots?.() ?? []) add(readToolchain(resolve(goroot), 'user'));
    for (const goroot of sdkDirs(join(this.options.dataDir, 'sdk'))) {
      const marker = readMarker(goroot);
      const t = marker ? readToolchain(goroot, 'store') : null;
      if (t && marker) {
        add({
          ...t,
          removable: true,
          verification: marker.verification,
          ...(marker.diskBytes !== undefined ? { diskBytes: marker.diskBytes } : {}),
        });
      }
    }

    const all = [...found.values()].sort((a, b) => compareGoVersions(b.version, a.version));
    const def = all.find((t) => t.source === 'path') ?? all[0];
    return all.map((t) => ({ ...t, isDefault: t === def }));
  }

  /** The `go` on PATH: ask it for its GOROOT, since it may be a symlink or a wrapper. */
  private async fromPathEnv(): Promise<Toolchain | null> {
    const exe = process.platform === 'win32' ? 'go.exe' : 'go';
    for (const dir of (this.env.PATH ?? '').split(delimiter)) {
      if (!dir) continue;
      const candidate = join(dir, exe);
      if (!isFile(candidate)) continue;
      // A go binary inside its own GOROOT (the usual install) needs no process to identify.
      const fast = this.identifyWithoutRunning(candidate);
      if (fast) return fast;
      try {
        const { stdout } = await execFileAsync(candidate, ['env', '-json', 'GOROOT', 'GOVERSION'], {
          env: { ...this.env, GOTOOLCHAIN: 'local', GOFLAGS: '' },
          timeout: 20_000,
        });
        const info = JSON.parse(stdout) as { GOROOT?: string; GOVERSION?: string };
        if (info.GOROOT && info.GOVERSION) {
          return { id: `path:${info.GOVERSION}`, version: info.GOVERSION, goroot: info.GOROOT, source: 'path', isDefault: false };
        }
      } catch {
        // A broken go on PATH is not fatal: other toolchains may still be found.
      }
    }
    return null;
  }

  private identifyWithoutRunning(goBin: string): Toolchain | null {
    try {
      const real = realpathSync(goBin);
      const goroot = dirname(dirname(real));
      if (this.env.GOROOT && resolve(this.env.GOROOT) !== goroot) return null;
      if (!existsSync(join(goroot, 'src', 'runtime'))) return null;
      const t = readToolchain(goroot, 'path');
      return t && realpathSync(goBinary(goroot)) === real ? { ...t, id: `path:${t.version}` } : null;
    } catch {
      return null;
    }
  }

  private fromPath(spec: string): Toolchain {
    const path = resolve(spec.replace(/^~(?=$|[\\/])/, homedir()));
    let goroot = path;
    if (isFile(path)) goroot = dirname(dirname(realpathSync(path)));
    const t = readToolchain(goroot, 'user');
    if (!t) {
      throw new SdkMissingError(
        `${spec} is not a Go installation: give a GOROOT (a folder with bin/go and VERSION) or the path of a go binary.`,
      );
    }
    return t;
  }
}

function looksLikePath(spec: string): boolean {
  return /[\\/]/.test(spec) || spec.startsWith('.') || spec.startsWith('~');
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function sdkDirs(parent: string): string[] {
  try {
    return readdirSync(parent)
      .filter((n) => /^go\d/.test(n))
      .map((n) => join(parent, n));
  } catch {
    return [];
  }
}

/** Reads GOROOT/VERSION; no process is started. */
export function readToolchain(goroot: string, source: Toolchain['source']): Toolchain | null {
  if (!isFile(goBinary(goroot))) return null;
  let version: string;
  try {
    version = (readFileSync(join(goroot, 'VERSION'), 'utf8').split('\n')[0] ?? '').trim();
  } catch {
    return null;
  }
  if (!version.startsWith('go') && !version.startsWith('devel')) return null;
  const id = source === 'path' || source === 'user' ? `${source}:${goroot}` : version;
  return { id, version, goroot, source, isDefault: false };
}
