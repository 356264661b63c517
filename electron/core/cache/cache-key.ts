// The compile cache's key: a sha256 over everything that decides the bytes of a build — the
// snippet's files (Go files in their normalized form, so reformatting or a comment edit keeps the
// key), the toolchain and a cheap fingerprint of its GOROOT, the target and the build flags.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SandboxMode } from '../../../shared/run';
import type { Toolchain } from '../../../shared/toolchain';
import type { SnippetFile } from '../../../shared/txtar';
import { goBinary, type Target } from '../sdk/go-env';
import { toolDir } from '../pipeline/direct-build';
import { normalizeGoSource } from './go-tokens';

/** Bumped whenever our build changes what a given input produces (flags, env, builders). */
export const BUILDER_VERSION = 1;

export interface BuildInputs {
  /** Exactly the files that get built, go.mod included. */
  files: readonly SnippetFile[];
  toolchain: Toolchain;
  target: Target;
  mode: SandboxMode;
  tags: readonly string[];
  test: boolean;
  trace: boolean;
  /** Linker flags, e.g. -s -w. */
  flags: readonly string[];
  goLine?: string;
}

export interface CacheKey {
  /** sha256 (hex) of the canonical inputs. */
  key: string;
  /** A readable summary of what went into the key. */
  inputs: Record<string, string>;
}

export async function cacheKey(b: BuildInputs): Promise<CacheKey> {
  const sources = sourcesHash(b.files);
  const fingerprint = await gorootFingerprint(b.toolchain.goroot);
  const canonical = canonicalJson({
    builder: BUILDER_VERSION,
    sources,
    toolchain: { version: b.toolchain.version, goroot: b.toolchain.goroot, fingerprint },
    target: `${b.target.goos}/${b.target.goarch}`,
    mode: b.mode,
    tags: [...b.tags],
    test: b.test,
    trace: b.trace,
    flags: [...b.flags],
    goLine: b.goLine ?? '',
  });
  return {
    key: sha256(canonical),
    inputs: {
      sources: sources.slice(0, 12),
      toolchain: b.toolchain.version,
      target: `${b.target.goos}/${b.target.goarch}`,
      mode: b.mode,
      tags: b.tags.join(' '),
      test: String(b.test),
      trace: String(b.trace),
      flags: b.flags.join(' '),
      ...(b.goLine ? { goLine: b.goLine } : {}),
    },
  };
}

/** One hash of the files: each by name, Go files normalized, the rest as bytes. */
export function sourcesHash(files: readonly SnippetFile[]): string {
  const entries = [...files]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((f) => {
      const normalized = f.name.endsWith('.go') ? normalizeGoSource(f.content) : null;
      // A Go file that does not tokenize keys on its bytes; its build fails and is not cached.
      return normalized === null ? [f.name, 'raw', sha256(f.content)] : [f.name, 'go', sha256(normalized)];
    });
  return sha256(JSON.stringify(entries));
}

/**
 * What tells one GOROOT's contents from another at the same path (a Go rebuilt from source, an
 * SDK removed and installed again): its VERSION file and the size and mtime of its go, compile
 * and link binaries. Missing pieces count as empty.
 */
export async function gorootFingerprint(goroot: string): Promise<string> {
  const tools = toolDir(goroot);
  const exe = process.platform === 'win32' ? '.exe' : '';
  const files = [goBinary(goroot), ...(tools ? [join(tools, `compile${exe}`), join(tools, `link${exe}`)] : [])];
  const [version, ...stats] = await Promise.all([
    readFile(join(goroot, 'VERSION'), 'utf8').catch(() => ''),
    ...files.map((f) =>
      stat(f).then(
        (s) => `${s.size}:${Math.trunc(s.mtimeMs)}`,
        () => '-',
      ),
    ),
  ]);
  return sha256(JSON.stringify([version, ...stats]));
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** JSON with object keys sorted, so equal inputs always give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj)
      .sort()
      .filter((k) => obj[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
