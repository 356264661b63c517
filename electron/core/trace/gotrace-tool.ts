// The trace parser is a small Go program (tools/gotrace, golang.org/x/exp/trace vendored), built on
// first use with an installed Go that is new enough, into <dataDir>/tools/gotrace-<hash of its
// sources>: a changed parser gets a new binary, and a half-built one is never used.
import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Toolchain } from '../../../shared/toolchain';
import { compareGoVersions } from '../../../shared/go-version';
import { limitedCommand } from '../pipeline/build-limits';
import { buildEnv, goBinary } from '../sdk/go-env';
import { hostPlatform } from '../sdk/proxy';
import type { ToolchainRegistry } from '../sdk/registry';

const BUILD_TIMEOUT_MS = 5 * 60_000;
const PARSE_TIMEOUT_MS = 120_000;
/** The parser's JSON for a 200k-segment trace is tens of MB; past this something is wrong. */
const MAX_OUTPUT_BYTES = 512 * 1024 * 1024;

/** Where the parser's sources are: beside the bundle (dist/node/gotrace), or in the checkout. */
export function gotraceSourceDir(): string {
  if (process.env.GOPHERLAB_GOTRACE_SRC) return process.env.GOPHERLAB_GOTRACE_SRC;
  if (process.env.GOPHERLAB_BUNDLED === '1') return join(__dirname, 'gotrace');
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'tools', 'gotrace');
    if (existsSync(join(candidate, 'go.mod'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('the trace parser sources (tools/gotrace) were not found');
}

interface Sources {
  files: { path: string; content: Buffer }[];
  hash: string;
  /** The go line of its go.mod: the oldest Go that builds it. */
  minGo: string;
}

async function readSources(root: string): Promise<Sources> {
  const files: { path: string; content: Buffer }[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) files.push({ path: relative(root, full).split(sep).join('/'), content: await readFile(full) });
    }
  };
  await walk(root);
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  const h = createHash('sha256');
  for (const f of files) h.update(`${f.path}\0${f.content.length}\0`).update(f.content);
  const goMod = files.find((f) => f.path === 'go.mod')?.content.toString('utf8') ?? '';
  const m = /^go\s+(\d+\.\d+(?:\.\d+)?)\s*$/m.exec(goMod);
  return { files, hash: h.digest('hex').slice(0, 16), minGo: `go${m?.[1] ?? '1.23'}` };
}

export class GotraceTool {
  private built: Promise<string> | null = null;

  constructor(
    private readonly options: {
      dataDir: string;
      toolchains: ToolchainRegistry;
      sourceDir?: string;
      /** Called when the parser must be built first (it takes a while, once). */
      onBuild?: (toolchain: Toolchain) => void;
    },
  ) {}

  /** The parser's binary, built now if this version of it has not been. */
  binary(): Promise<string> {
    this.built ??= this.build();
    this.built.catch(() => (this.built = null));
    return this.built;
  }

  /** Runs the parser on a trace file; its JSON output (not yet validated). */
  async parse(traceFile: string, maxSegments = 200_000): Promise<unknown> {
    const bin = await this.binary();
    const cmd = limitedCommand(bin, ['-max', String(maxSegments), traceFile]);
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(cmd.bin, cmd.args, { timeout: PARSE_TIMEOUT_MS, maxBuffer: MAX_OUTPUT_BYTES, encoding: 'utf8', killSignal: 'SIGKILL' }, (err, out, errOut) => {
        if (err) {
          const why = errOut.trim().replace(/^gotrace: /, '') || err.message;
          reject(new Error(`the trace could not be read: ${why}`));
        } else resolve(out);
      });
    });
    return JSON.parse(stdout) as unknown;
  }

  private async build(): Promise<string> {
    const sources = await readSources(this.options.sourceDir ?? gotraceSourceDir());
    const toolsDir = join(this.options.dataDir, 'tools');
    const target = join(toolsDir, `gotrace-${sources.hash}${process.platform === 'win32' ? '.exe' : ''}`);
    if (existsSync(target)) return target;

    const tc = await this.pickToolchain(sources.minGo);
    this.options.onBuild?.(tc);
    // The sources are copied out first: inside a packaged app they live in an archive the go
    // command cannot read.
    const work = join(toolsDir, `tmp-gotrace-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      for (const f of sources.files) {
        await mkdir(dirname(join(work, 'src', f.path)), { recursive: true });
        await writeFile(join(work, 'src', f.path), f.content);
      }
      const out = join(work, 'gotrace');
      const env = {
        ...buildEnv({ toolchain: tc, goCache: this.options.toolchains.goCacheFor(tc), dataDir: work, target: hostPlatform() }),
        GOFLAGS: '-mod=vendor',
      };
      await run(goBinary(tc.goroot), ['build', '-trimpath', '-buildvcs=false', '-o', out, '.'], join(work, 'src'), env);
      await rename(out, target);
      // Parsers built from older sources are never used again.
      for (const name of await readdir(toolsDir)) {
        if (/^gotrace-[0-9a-f]{16}(\.exe)?$/.test(name) && join(toolsDir, name) !== target) await rm(join(toolsDir, name), { force: true });
      }
      return target;
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  private async pickToolchain(minGo: string): Promise<Toolchain> {
    const all = await this.options.toolchains.list();
    const able = all.filter((t) => compareGoVersions(t.version, minGo) >= 0).sort((a, b) => compareGoVersions(b.version, a.version));
    const pick = able.find((t) => t.isDefault) ?? able[0];
    if (!pick) {
      const need = minGo.replace(/^go/, '').replace(/\.0$/, '');
      throw new Error(`reading traces needs Go ${need} or newer to build the trace parser, and none is installed; install one (SDK panel, or \`gopherlab sdk install ${need}\`) and try again`);
    }
    return pick;
  }
}

function run(bin: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const cmd = limitedCommand(bin, args);
    const child = spawn(cmd.bin, cmd.args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (b: Buffer) => (log += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (log += b.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`building the trace parser failed (go build exited ${code}): ${log.trim().slice(0, 2000)}`));
    });
  });
}
