// The fast path of a build: for the common snippet — one `package main` in the module root that
// imports only the standard library — call the compiler and the linker directly with an importcfg
// of the toolchain's prebuilt standard library, instead of `go build`. That skips the go
// command's package loading and hashing (a third of a hello world's build time). Anything the
// fast path does not understand goes to `go build`, which stays the source of truth.
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Toolchain } from '../../../shared/toolchain';
import type { SnippetFile } from '../../../shared/txtar';
import { goBinary, type Target } from '../sdk/go-env';
import { languageVersion } from '../sdk/version';
import { writeFileAtomic } from '../util/atomic-write';
import { limitedCommand } from './build-limits';

const execFileAsync = promisify(execFile);

export interface StdIndex {
  /** `packagefile path=archive` lines for every standard package, built for the target. */
  packagefiles: string;
  packages: Set<string>;
}

/**
 * Standard-library archive indexes, one per toolchain and target. Computed once with `go list
 * -export` (about half a second), kept in memory and on disk next to the toolchain's GOCACHE, so
 * a new process (the CLI) finds it ready.
 */
export class StdIndexCache {
  private readonly entries = new Map<string, { value: StdIndex | null; job: Promise<StdIndex | null> }>();

  /** The index, computing it now if need be. */
  get(req: StdIndexRequest): Promise<StdIndex | null> {
    return this.entry(req).job;
  }

  /** The index only if it is already in memory or on disk: never starts a computation. */
  stored(req: StdIndexRequest): StdIndex | null {
    const key = indexFile(req);
    const entry = this.entries.get(key);
    if (entry) return entry.value;
    const onDisk = readIndexFile(key);
    if (onDisk) this.entries.set(key, { value: onDisk, job: Promise.resolve(onDisk) });
    return onDisk;
  }

  /**
   * Adds the archives of `imports` and their dependencies to the index, after a go build has put
   * them in the cache (so `go list -export` only reads it). Toolchains that were never prepared —
   * the releases a bisect or a matrix visits — get the fast path from their second run on.
   */
  extend(req: StdIndexRequest, imports: string[]): Promise<void> {
    const key = indexFile(req);
    const previous = this.extending.get(key) ?? Promise.resolve();
    const next = previous.then(async () => {
      const current = this.stored(req);
      const wanted = imports.filter((i) => !current?.packages.has(i));
      if (wanted.length === 0) return;
      const more = await loadStdIndex(req, ['runtime', ...wanted]);
      if (!more) return;
      const lines = new Set([...(current?.packagefiles.split('\n') ?? []), ...more.packagefiles.split('\n')].filter((l) => l.startsWith('packagefile ')));
      const merged = parseIndex([...lines].join('\n'));
      if (!merged) return;
      this.entries.set(key, { value: merged, job: Promise.resolve(merged) });
      await writeFileAtomic(key, merged.packagefiles).catch(() => undefined);
    });
    const settled = next.catch(() => undefined);
    this.extending.set(key, settled);
    return settled;
  }

  private readonly extending = new Map<string, Promise<void>>();

  /** Forget an index that pointed at archives that are gone; the next use rebuilds it. */
  invalidate(req: StdIndexRequest): void {
    this.entries.delete(indexFile(req));
    void rm(indexFile(req), { force: true });
  }

  private entry(req: StdIndexRequest): { value: StdIndex | null; job: Promise<StdIndex | null> } {
    const key = indexFile(req);
    let entry = this.entries.get(key);
    if (!entry) {
      const onDisk = readIndexFile(key);
      if (onDisk) {
        entry = { value: onDisk, job: Promise.resolve(onDisk) };
      } else {
        const fresh: { value: StdIndex | null; job: Promise<StdIndex | null> } = { value: null, job: Promise.resolve(null) };
        fresh.job = loadStdIndex(req).then(async (value) => {
          fresh.value = value;
          if (value) await writeFileAtomic(key, value.packagefiles).catch(() => undefined);
          return value;
        });
        entry = fresh;
      }
      this.entries.set(key, entry);
    }
    return entry;
  }
}

export interface StdIndexRequest {
  toolchain: Toolchain;
  target: Target;
  /** The toolchain's GOCACHE: the archives live there, and so does the index file. */
  goCache: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

function indexFile(req: StdIndexRequest): string {
  return join(req.goCache, `gopherlab-std-${req.target.goos}_${req.target.goarch}.importcfg`);
}

function parseIndex(packagefiles: string): StdIndex | null {
  const lines = packagefiles.split('\n').filter((l) => l.startsWith('packagefile '));
  const packages = new Set(lines.map((l) => l.slice('packagefile '.length, l.indexOf('='))));
  if (!packages.has('runtime')) return null;
  return { packagefiles: lines.join('\n') + '\n', packages };
}

function readIndexFile(file: string): StdIndex | null {
  try {
    const index = parseIndex(readFileSync(file, 'utf8'));
    if (!index) return null;
    // Every archive must still be in the cache (go trims entries it has not used for days).
    for (const line of index.packagefiles.split('\n')) {
      const archive = line.slice(line.indexOf('=') + 1);
      if (archive && !existsSync(archive)) return null;
    }
    return index;
  } catch {
    return null;
  }
}

async function loadStdIndex(req: StdIndexRequest, packages: string[] = ['std']): Promise<StdIndex | null> {
  try {
    await mkdir(req.cwd, { recursive: true });
    const { stdout } = await execFileAsync(
      goBinary(req.toolchain.goroot),
      ['list', '-export', '-deps', '-trimpath', '-f', '{{if .Export}}packagefile {{.ImportPath}}={{.Export}}{{end}}', ...packages],
      { env: req.env, cwd: req.cwd, maxBuffer: 16 * 1024 * 1024, timeout: 600_000 },
    );
    return parseIndex(stdout);
  } catch {
    return null;
  }
}

export interface DirectPlan {
  goFiles: string[];
  modulePath: string;
  lang: string;
}

const GOOS = 'aix android darwin dragonfly freebsd hurd illumos ios js linux nacl netbsd openbsd plan9 solaris wasip1 windows zos';
const GOARCH = '386 amd64 amd64p32 arm armbe arm64 arm64be loong64 mips mipsle mips64 mips64le mips64p32 mips64p32le ppc ppc64 ppc64le riscv riscv64 s390 s390x sparc sparc64 wasm';
const KNOWN = new Set([...GOOS.split(' '), ...GOARCH.split(' '), 'test']);

/** Whether go/build could exclude this file by name (x_linux.go, x_test.go, …). */
function hasBuildSuffix(name: string): boolean {
  const parts = name.replace(/\.go$/, '').split('_');
  return parts.slice(1).some((p) => KNOWN.has(p));
}

/** The imports of a Go file, or null when the header is not simple enough to read here. */
export function readImports(source: string): string[] | null {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, '');
  const imports: string[] = [];
  const block = /^\s*import\s*\(([^)]*)\)/gm;
  const single = /^\s*import\s+(?:[\w.]+\s+)?"([^"\n]+)"/gm;
  for (const m of code.matchAll(block)) {
    for (const line of (m[1] ?? '').split(/[\n;]/)) {
      const t = line.trim();
      if (t === '') continue;
      const spec = /^(?:[\w.]+\s+)?"([^"]+)"$/.exec(t);
      if (!spec?.[1]) return null;
      imports.push(spec[1]);
    }
  }
  for (const m of code.matchAll(single)) if (m[1]) imports.push(m[1]);
  return imports;
}

/**
 * Whether the fast path can build these files exactly as `go build` would; null sends the build
 * to `go build`.
 */
export function planDirectBuild(files: SnippetFile[], toolchain: Toolchain, std: StdIndex): DirectPlan | null {
  const lang = languageVersion(toolchain.version);
  let modulePath = 'play';
  const goFiles: string[] = [];
  for (const f of files) {
    if (f.name === 'go.mod') {
      const mod = readSimpleGoMod(f.content);
      // A different go line changes GODEBUG defaults, which only the go command computes.
      if (!mod || mod.go !== lang) return null;
      modulePath = mod.module;
      continue;
    }
    if (f.name.includes('/') || !f.name.endsWith('.go') || hasBuildSuffix(f.name)) return null;
    const src = f.content;
    if (/^\s*\/\/(go:build|\s*\+build)/m.test(src) || /\/\/go:embed/.test(src)) return null;
    if (!/^\s*package\s+main\b/m.test(src.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ''))) return null;
    const imports = readImports(src);
    if (!imports) return null;
    for (const imp of imports) {
      if (imp === 'unsafe') continue;
      // internal/ and vendor/ are reachable only from the standard library: go build says so.
      if (!std.packages.has(imp) || /(^|\/)(internal|vendor)(\/|$)/.test(imp)) return null;
    }
    goFiles.push(f.name);
  }
  return goFiles.length > 0 ? { goFiles, modulePath, lang } : null;
}

function readSimpleGoMod(content: string): { module: string; go: string } | null {
  let module: string | null = null;
  let go: string | null = null;
  for (const raw of content.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (line === '') continue;
    const m = /^module\s+"?([^\s"]+)"?$/.exec(line);
    const g = /^go\s+(\d+\.\d+)(?:\.\d+)?$/.exec(line);
    if (m?.[1]) module = m[1];
    else if (g?.[1]) go = g[1];
    else return null;
  }
  return module && go ? { module, go } : null;
}

export interface DirectBuildOptions {
  toolchain: Toolchain;
  plan: DirectPlan;
  std: StdIndex;
  src: string;
  outDir: string;
  output: string;
  target: Target;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Extra linker flags (e.g. -s -w). */
  linkFlags?: string[];
}

export interface DirectBuildResult {
  /** 'fallback' means: the fast path could not decide; run go build. */
  outcome: 'ok' | 'compile-error' | 'fallback' | 'timeout' | 'canceled';
  log: string;
}

export function toolDir(goroot: string): string | null {
  const arch = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm', riscv64: 'riscv64', ppc64: 'ppc64le', s390x: 's390x', loong64: 'loong64' }[
    process.arch as string
  ];
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  if (!arch) return null;
  const dir = join(goroot, 'pkg', 'tool', `${os}_${arch}`);
  return existsSync(join(dir, process.platform === 'win32' ? 'compile.exe' : 'compile')) ? dir : null;
}

export async function directBuild(o: DirectBuildOptions): Promise<DirectBuildResult> {
  const tools = toolDir(o.toolchain.goroot);
  if (!tools) return { outcome: 'fallback', log: '' };
  const exe = process.platform === 'win32' ? '.exe' : '';
  const importcfg = join(o.outDir, 'importcfg');
  const linkcfg = join(o.outDir, 'importcfg.link');
  const archive = join(o.outDir, 'main.a');
  await Promise.all([
    writeFile(importcfg, o.std.packagefiles),
    writeFile(linkcfg, `${o.std.packagefiles}modinfo ${goQuote(modinfo(o.plan.modulePath, o.target))}\n`),
  ]);

  const compile = await tool(
    join(tools, `compile${exe}`),
    [
      '-o', archive,
      '-p', 'main',
      `-lang=go${o.plan.lang}`,
      '-complete',
      '-trimpath', `${o.src}=>${o.plan.modulePath}`,
      '-dwarf=false',
      '-goversion', o.toolchain.version,
      '-c=2',
      '-nolocalimports',
      '-importcfg', importcfg,
      '-pack',
      ...o.plan.goFiles.map((f) => `./${f}`),
    ],
    o,
  );
  if (compile.outcome !== 'ok') {
    // Messages about imports are the go command's to phrase; let it.
    if (compile.outcome === 'compile-error' && /could not import|can't find import|cannot find package/.test(compile.log)) {
      return { outcome: 'fallback', log: compile.log };
    }
    return compile;
  }
  const link = await tool(join(tools, `link${exe}`), ['-o', o.output, '-importcfg', linkcfg, '-buildmode=exe', ...(o.linkFlags ?? []), archive], o);
  // A linker failure here is ours (a stale archive path, say), not the program's.
  return link.outcome === 'compile-error' ? { outcome: 'fallback', log: link.log } : link;
}

function tool(bin: string, args: string[], o: DirectBuildOptions): Promise<DirectBuildResult> {
  return new Promise((resolve) => {
    const cmd = limitedCommand(bin, args);
    const child = spawn(cmd.bin, cmd.args, { cwd: o.src, env: o.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    const collect = (b: Buffer) => {
      if (log.length < 256 * 1024) log += b.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    let ended: 'timeout' | 'canceled' | null = null;
    const timer = setTimeout(() => {
      ended = 'timeout';
      child.kill('SIGKILL');
    }, o.timeoutMs);
    const onAbort = () => {
      ended = 'canceled';
      child.kill('SIGKILL');
    };
    o.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', () => {
      clearTimeout(timer);
      resolve({ outcome: 'fallback', log });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      if (ended) resolve({ outcome: ended, log });
      else resolve({ outcome: code === 0 ? 'ok' : 'compile-error', log });
    });
  });
}

/** The build info `go build` embeds (runtime/debug.ReadBuildInfo), framed as cmd/go frames it. */
function modinfo(modulePath: string, target: Target): string {
  const start = '\x30\x77\xaf\x0c\x92\x74\x08\x02\x41\xe1\xc1\x07\xe6\xd6\x18\xe6';
  const end = '\xf9\x32\x43\x31\x86\x18\x20\x72\x00\x82\x42\x10\x41\x16\xd8\xf2';
  const body =
    `path\t${modulePath}\nmod\t${modulePath}\t(devel)\t\n` +
    `build\t-buildmode=exe\nbuild\t-compiler=gc\nbuild\t-trimpath=true\nbuild\tCGO_ENABLED=0\n` +
    `build\tGOARCH=${target.goarch}\nbuild\tGOOS=${target.goos}\n`;
  return start + body + end;
}

/** A Go string literal whose bytes are exactly the char codes of `s` (each below 256). */
function goQuote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x09) out += '\\t';
    else if (c >= 0x20 && c < 0x7f) out += s[i];
    else out += `\\x${c.toString(16).padStart(2, '0')}`;
  }
  return out + '"';
}
