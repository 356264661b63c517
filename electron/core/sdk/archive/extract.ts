// Unpacks a Go release into a GOROOT folder, from either
//  - a golang.org/toolchain module zip (entries "golang.org/toolchain@v0.0.1-go1.22.3.linux-amd64/…"),
//    finished exactly as cmd/go does (exec bits on bin/ and pkg/tool/, each _go.mod copied to go.mod,
//    src/go.mod written last as the "done" marker), with its h1: hash computed in the same pass; or
//  - a go.dev release archive (go1.22.3.linux-amd64.tar.gz or .zip, entries "go/…").
// Nothing half-extracted survives a failure or a cancellation: destDir is removed.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { createGunzip } from 'node:zlib';
import { Parser, type ReadEntry } from 'tar';
import { hash1, type HashedFile } from './dirhash';
import { AbortError, ArchiveError, errorText, throwIfAborted } from './errors';
import { corrupt, openZip, readZipEntry, type OpenedZip, type ZipEntry } from './zipread';

export type ArchiveKind = 'toolchain-module' | 'godev';

export interface ExtractOptions {
  /** Uncompressed bytes written so far and in all (for a .tar.gz an estimate from the gzip trailer). */
  onProgress?: (doneBytes: number, totalBytes: number) => void;
  signal?: AbortSignal;
}

export interface ExtractResult {
  /** First line of the VERSION file, e.g. "go1.22.3". */
  version: string;
  kind: ArchiveKind;
  /** dirhash h1: of a toolchain module zip (what the checksum database records); null for go.dev archives. */
  h1: string | null;
}

/** Go releases unpack to ~250 MB in ~15 000 files; these bounds stop zip and tar bombs. */
export const EXTRACT_LIMITS = { maxBytes: 2 * 1024 ** 3, maxEntries: 100_000 } as const;

const TOOLCHAIN_MODULE = 'golang.org/toolchain';
const GO_VERSION_RE = /^go\d+(?:\.\d+){0,2}(?:(?:rc|beta)\d+)?$/;
/** v0.0.1-go1.22.3.linux-amd64 → go1.22.3, linux, amd64. */
const MODULE_VERSION_RE = /^v0\.0\.1-(go\d[0-9a-z.]*)\.([a-z0-9]+)-([a-z0-9]+)$/;
const MAX_DEFERRED_FILE = 1024 * 1024;
const PROGRESS_STEP_BYTES = 1024 * 1024;
const PROGRESS_STEP_MS = 100;

/**
 * The golang.org/toolchain module version of a Go release for a platform:
 * ("go1.22.3", "linux", "amd64") → "v0.0.1-go1.22.3.linux-amd64". linux/arm is published as "-arm"
 * (go.dev names that archive "linux-armv6l"; that spelling is accepted and mapped to "arm").
 */
export function toolchainModuleVersion(goVersion: string, goos: string, goarch: string): string {
  const version = /^\d/.test(goVersion) ? `go${goVersion}` : goVersion;
  if (!GO_VERSION_RE.test(version)) {
    throw new ArchiveError('invalid-input', `"${goVersion}" is not a Go release name (expected something like go1.22.3).`);
  }
  if (!/^[a-z0-9]+$/.test(goos) || !/^[a-z0-9]+$/.test(goarch)) {
    throw new ArchiveError('invalid-input', `"${goos}/${goarch}" is not a GOOS/GOARCH pair (expected something like linux/amd64).`);
  }
  const arch = goarch === 'armv6l' ? 'arm' : goarch;
  return `v0.0.1-${version}.${goos}-${arch}`;
}

/** What a (possibly untrusted) entry name becomes below the archive's prefix, or why it is refused. */
function relativeEntryPath(name: string, prefix: string): string {
  const why = unsafeReason(name);
  if (why) throw unsafeEntry(name, why);
  if (!name.startsWith(prefix)) throw unsafeEntry(name, `it is outside the archive's single top folder "${prefix}"`);
  return name.slice(prefix.length).replace(/\/$/, '');
}

function unsafeReason(name: string): string | null {
  if (name === '') return 'it has an empty name';
  if (name.includes('\0')) return 'it contains a NUL byte';
  if (name.includes('\\')) return 'it contains a backslash';
  if (name.startsWith('/') || isAbsolute(name) || /^[A-Za-z]:/.test(name)) return 'it is an absolute path';
  if (name.includes(':')) return 'it contains a colon';
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.includes('..')) return 'it contains ".."';
  if (segments.some((s) => s === '' || s === '.')) return 'it contains an empty or "." path segment';
  return null;
}

function unsafeEntry(name: string, why: string): ArchiveError {
  return new ArchiveError(
    'unsafe',
    `The archive has an unsafe entry ${JSON.stringify(name)} (${why}); nothing was extracted. ` +
      'Download the SDK again from the module proxy or go.dev.',
  );
}

function decodeName(raw: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw unsafeEntry(raw.toString('latin1'), 'its name is not valid UTF-8');
  }
}

/** cmd/go's allowExec: everything under bin/ and pkg/tool/, and lib/**\/go_*_*_exec. */
function wantsExec(rel: string): boolean {
  if (rel.startsWith('bin/') || rel.startsWith('pkg/tool/')) return true;
  return rel.startsWith('lib/') && /^go_.+_.+_exec$/.test(basename(rel));
}

function tooLarge(archive: string, what: string): ArchiveError {
  return new ArchiveError(
    'too-large',
    `The archive ${basename(archive)} ${what}; a Go release unpacks to about 250 MB. ` +
      'It is not a Go release (or it is a zip bomb): download the SDK again from the module proxy or go.dev.',
  );
}

/** Refuses a file name seen before, also case-insensitively (it would overwrite on macOS and Windows). */
class NameCheck {
  private readonly seen = new Map<string, string>();
  add(rel: string, original: string): void {
    const key = rel.toLowerCase();
    const previous = this.seen.get(key);
    if (previous !== undefined) {
      throw unsafeEntry(original, previous === rel ? 'it appears twice' : `it collides with ${JSON.stringify(previous)} on case-insensitive disks`);
    }
    this.seen.set(key, rel);
  }
}

/** Writes files below destDir, never outside, never twice (also not case-insensitively). */
class Writer {
  private readonly madeDirs = new Set<string>();
  private readonly names = new NameCheck();
  /** src/go.mod is the "done" marker: held back and written last. */
  deferred: { rel: string; content: Buffer; mode: number } | null = null;
  readonly underscoreGoMods: string[] = [];

  constructor(private readonly destDir: string) {}

  target(rel: string, original: string): string {
    const abs = resolve(this.destDir, ...rel.split('/'));
    const back = relative(this.destDir, abs);
    if (back === '' || back.startsWith('..') || isAbsolute(back) || back.split(sep).includes('..')) {
      throw unsafeEntry(original, 'it would land outside the destination folder');
    }
    return abs;
  }

  claim(rel: string, original: string): void {
    this.names.add(rel, original);
    if (basename(rel) === '_go.mod') this.underscoreGoMods.push(rel);
  }

  async dir(rel: string, original: string): Promise<void> {
    if (rel === '') return;
    await this.mkdirp(this.target(rel, original));
  }

  async mkdirp(abs: string): Promise<void> {
    if (abs === this.destDir || this.madeDirs.has(abs)) return;
    await mkdir(abs, { recursive: true });
    for (let d = abs; d !== this.destDir && !this.madeDirs.has(d); d = dirname(d)) this.madeDirs.add(d);
  }

  /** Creates rel (exclusively) with `mode`, feeding it whatever `fill` writes. */
  async file(rel: string, original: string, mode: number, fill: (write: (chunk: Buffer) => Promise<void>) => Promise<void>): Promise<void> {
    this.claim(rel, original);
    const abs = this.target(rel, original);
    if (rel === 'src/go.mod') {
      const parts: Buffer[] = [];
      let size = 0;
      await fill(async (chunk) => {
        size += chunk.length;
        if (size > MAX_DEFERRED_FILE) throw unsafeEntry(original, 'it is far larger than any go.mod');
        parts.push(chunk);
      });
      this.deferred = { rel, content: Buffer.concat(parts), mode };
      return;
    }
    await this.mkdirp(dirname(abs));
    const fh = await open(abs, 'wx', mode);
    try {
      await fill(async (chunk) => {
        for (let off = 0; off < chunk.length; ) {
          const { bytesWritten } = await fh.write(chunk, off, chunk.length - off);
          off += bytesWritten;
        }
      });
    } finally {
      await fh.close();
    }
  }
}

class Progress {
  private done = 0;
  private lastBytes = -1;
  private lastTime = 0;
  constructor(
    private total: number,
    private readonly onProgress: ExtractOptions['onProgress'],
  ) {}

  add(bytes: number): void {
    this.done += bytes;
    if (this.done > this.total) this.total = this.done;
    this.emit(false);
  }

  emit(force: boolean): void {
    if (!this.onProgress) return;
    const now = Date.now();
    if (!force && this.done - this.lastBytes < PROGRESS_STEP_BYTES && now - this.lastTime < PROGRESS_STEP_MS) return;
    this.lastBytes = this.done;
    this.lastTime = now;
    this.onProgress(this.done, this.total);
  }

  finish(): void {
    this.total = this.done;
    this.emit(true);
  }
}

type Format = 'zip' | 'gzip';

async function sniff(archive: string): Promise<Format> {
  const fh = await open(archive, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await fh.read(head, 0, 4, 0);
    if (bytesRead >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5)) return 'zip';
    if (bytesRead >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  } finally {
    await fh.close();
  }
  throw unknownFormat(archive, 'it is neither a zip nor a gzip-compressed tar');
}

function unknownFormat(archive: string, why: string): ArchiveError {
  return new ArchiveError(
    'unknown-format',
    `${basename(archive)} is not a Go release archive (${why}). Expected a golang.org/toolchain module zip ` +
      '(from the module proxy) or a go.dev archive such as go1.22.3.linux-amd64.tar.gz.',
  );
}

/**
 * Extracts a Go release archive into destDir (which must not exist) and returns its version, kind
 * and, for toolchain module zips, its h1: hash. On any failure or abort destDir is removed.
 */
export async function extractToolchainArchive(
  archive: string,
  destDir: string,
  opts: ExtractOptions = {},
): Promise<ExtractResult> {
  throwIfAborted(opts.signal);
  const dest = resolve(destDir);
  const format = await sniff(archive);
  await mkdir(dirname(dest), { recursive: true });
  try {
    await mkdir(dest);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new ArchiveError('destination-exists', `The folder ${dest} already exists: remove it or choose another folder.`);
    }
    throw err;
  }
  try {
    const writer = new Writer(dest);
    const { kind, h1, moduleGoVersion } =
      format === 'zip' ? await extractZip(archive, writer, opts) : await extractTarGz(archive, writer, opts);
    throwIfAborted(opts.signal);
    const version = await checkRelease(archive, dest, moduleGoVersion);
    await finishGoMods(dest, writer, kind);
    return { version, kind, h1 };
  } catch (err) {
    await rm(dest, { recursive: true, force: true, maxRetries: 3 });
    throw err;
  }
}

interface Extracted {
  kind: ArchiveKind;
  h1: string | null;
  /** The release named by a toolchain module's prefix, to compare with VERSION. */
  moduleGoVersion: string | null;
}

/** One top folder for every entry: "golang.org/toolchain@v0.0.1-…/" or "go/". */
function zipLayout(archive: string, names: string[]): { kind: ArchiveKind; prefix: string; moduleGoVersion: string | null } {
  const first = names[0];
  if (first === undefined) throw unknownFormat(archive, 'it is empty');
  let layout: { kind: ArchiveKind; prefix: string; moduleGoVersion: string | null };
  const moduleMatch = /^golang\.org\/toolchain@([^/]+)\//.exec(first);
  if (moduleMatch) {
    const version = moduleMatch[1] as string;
    const parsed = MODULE_VERSION_RE.exec(version);
    if (!parsed) throw unknownFormat(archive, `"${TOOLCHAIN_MODULE}@${version}" is not a toolchain module version`);
    layout = { kind: 'toolchain-module', prefix: `${TOOLCHAIN_MODULE}@${version}/`, moduleGoVersion: parsed[1] as string };
  } else if (first.startsWith('go/')) {
    layout = { kind: 'godev', prefix: 'go/', moduleGoVersion: null };
  } else {
    throw unknownFormat(archive, `its first entry ${JSON.stringify(first)} is in neither "${TOOLCHAIN_MODULE}@v0.0.1-…/" nor "go/"`);
  }
  const stray = names.find((n) => !n.startsWith(layout.prefix));
  if (stray !== undefined) {
    throw new ArchiveError(
      'unsafe',
      `The archive ${basename(archive)} mixes folders: ${JSON.stringify(stray)} is outside "${layout.prefix}"; nothing was extracted. ` +
        'Download the SDK again from the module proxy or go.dev.',
    );
  }
  return layout;
}

async function extractZip(archive: string, writer: Writer, opts: ExtractOptions): Promise<Extracted> {
  const opened: OpenedZip = await openZip(archive, { maxEntries: EXTRACT_LIMITS.maxEntries });
  try {
    const names = opened.entries.map((ze) => decodeName(ze.nameRaw));
    for (const name of names) {
      const why = unsafeReason(name);
      if (why) throw unsafeEntry(name, why);
    }
    const layout = zipLayout(archive, names);
    const total = opened.entries.reduce((sum, ze) => sum + ze.size, 0);
    if (total > EXTRACT_LIMITS.maxBytes) throw tooLarge(archive, `unpacks to ${total} bytes, more than the ${EXTRACT_LIMITS.maxBytes} allowed`);
    // Check every name before writing anything.
    const planned = new NameCheck();
    const plan = opened.entries.map((ze, i) => {
      const name = names[i] as string;
      const rel = relativeEntryPath(name, layout.prefix);
      if (rel !== '') writer.target(rel, name);
      if (!ze.isDir) planned.add(rel, name);
      return { ze, name, rel };
    });
    const progress = new Progress(total, opts.onProgress);
    progress.emit(true);
    const hashed: HashedFile[] = [];
    for (const { ze, name, rel } of plan) {
      throwIfAborted(opts.signal);
      const hash = createHash('sha256');
      if (ze.isDir) {
        await readZipEntry(archive, opened, ze, () => undefined, opts);
        await writer.dir(rel, name);
      } else {
        if (rel === '') throw unsafeEntry(name, 'a file cannot be the top folder');
        const mode = zipEntryMode(ze, layout.kind, rel, name);
        await writer.file(rel, name, mode, (write) =>
          readZipEntry(archive, opened, ze, async (chunk) => {
            hash.update(chunk);
            await write(chunk);
            progress.add(chunk.length);
          }, opts),
        );
      }
      // Every entry, directories included (as empty content), exactly as dirhash.HashZip does.
      hashed.push({ name: ze.nameRaw, sha256: hash.digest() });
    }
    progress.finish();
    const h1 = layout.kind === 'toolchain-module' ? hash1(hashed) : null;
    return { kind: layout.kind, h1, moduleGoVersion: layout.moduleGoVersion };
  } finally {
    opened.close();
  }
}

function zipEntryMode(ze: ZipEntry, kind: ArchiveKind, rel: string, name: string): number {
  const unixMode = ze.entry.versionMadeBy >>> 8 === 3 ? ze.entry.externalFileAttributes >>> 16 : 0;
  const type = unixMode & 0o170000;
  if (type !== 0 && type !== 0o100000) throw unsafeEntry(name, 'it is a symbolic link or special file, not a regular file');
  // Toolchain module zips carry no exec bits (cmd/go sets them); a go.dev zip's own bits are kept.
  const stored = kind === 'godev' ? unixMode & 0o111 : 0;
  return wantsExec(rel) || stored !== 0 ? 0o755 : 0o644;
}

/** The uncompressed size a gzip trailer records (mod 4 GiB): the progress total for a .tar.gz. */
async function gzipSizeHint(archive: string): Promise<number> {
  const { size } = await stat(archive);
  if (size < 18) return 0;
  const fh = await open(archive, 'r');
  try {
    const tail = Buffer.alloc(4);
    await fh.read(tail, 0, 4, size - 4);
    return tail.readUInt32LE(0);
  } finally {
    await fh.close();
  }
}

const TAR_FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);

async function extractTarGz(archive: string, writer: Writer, opts: ExtractOptions): Promise<Extracted> {
  const progress = new Progress(await gzipSizeHint(archive), opts.onProgress);
  progress.emit(true);
  const prefix = 'go/';
  let entries = 0;
  let sawEntry = false;

  /** Rejects when extraction fails, to release a reader waiting for data that will never come. */
  let stop: (err: Error) => void = () => undefined;
  const stopped = new Promise<never>((_, reject) => {
    stop = reject;
  });
  stopped.catch(() => undefined);
  const handle = async (entry: ReadEntry): Promise<void> => {
    throwIfAborted(opts.signal);
    entries += 1;
    if (entries > EXTRACT_LIMITS.maxEntries) throw tooLarge(archive, `has more than ${EXTRACT_LIMITS.maxEntries} entries`);
    const name = entry.path;
    if (!sawEntry && !name.startsWith(prefix) && name !== 'go') {
      throw unknownFormat(archive, `its first entry ${JSON.stringify(name)} is not in "go/"`);
    }
    sawEntry = true;
    if (entry.type === 'SymbolicLink' || entry.type === 'Link') {
      throw unsafeEntry(name, `it is a ${entry.type === 'Link' ? 'hard' : 'symbolic'} link (to ${JSON.stringify(entry.linkpath ?? '')})`);
    }
    if (entry.type === 'Directory') {
      const rel = name === 'go' ? '' : relativeEntryPath(name.endsWith('/') ? name : `${name}/`, prefix);
      entry.resume();
      await writer.dir(rel, name);
      return;
    }
    if (!TAR_FILE_TYPES.has(entry.type)) throw unsafeEntry(name, `it is a ${entry.type}, not a regular file or folder`);
    const rel = relativeEntryPath(name, prefix);
    if (rel === '') throw unsafeEntry(name, 'a file cannot be the top folder');
    // Keep the stored permission bits (not setuid/setgid/sticky).
    const mode = (entry.mode ?? 0o644) & 0o777;
    let written = 0;
    await writer.file(rel, name, mode, async (write) => {
      const chunks = (entry as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
      for (;;) {
        // Raced with `stopped`: once the input is gone, an entry may never say another word.
        const next = await Promise.race([chunks.next(), stopped]);
        if (next.done) break;
        throwIfAborted(opts.signal);
        written += next.value.length;
        await write(next.value);
      }
    });
    // An empty entry may not have said 'end' yet; the parser waits for it before the next one.
    entry.resume();
    if (written !== entry.size) throw corrupt(archive, new Error(`${name} is truncated`));
  };

  await new Promise<void>((resolvePromise, reject) => {
    let settled = false;
    const source = createReadStream(archive);
    const gunzip = createGunzip();
    const parser = new Parser({ strict: true, maxMetaEntrySize: 1024 * 1024 });
    let chain: Promise<void> = Promise.resolve();
    let decompressed = 0;
    let waitingForDrain = false;

    const onAbort = (): void => fail(new AbortError(undefined, { cause: opts.signal?.reason }));
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      stop(new AbortError('Extraction stopped.'));
      opts.signal?.removeEventListener('abort', onAbort);
      source.destroy();
      gunzip.destroy();
      // Let the rejected work finish touching the disk before the caller removes destDir.
      chain.catch(() => undefined).finally(() => reject(err));
    };
    const succeed = (): void => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      resolvePromise();
    };

    opts.signal?.addEventListener('abort', onAbort, { once: true });
    parser.on('entry', (entry: ReadEntry) => {
      chain = chain.then(() => {
        if (settled) {
          entry.resume();
          return undefined;
        }
        return handle(entry);
      });
      chain.catch((err: unknown) => fail(err));
    });
    parser.on('ignoredEntry', (entry: ReadEntry) => fail(unsafeEntry(entry.path, `its tar type ${entry.type} is not supported`)));
    parser.on('error', (err: unknown) => fail(corrupt(archive, err)));
    parser.on('end', () => {
      chain.then(() => {
        if (!sawEntry) fail(unknownFormat(archive, 'the tar archive holds no entries'));
        else succeed();
      }, fail);
    });
    source.on('error', fail);
    gunzip.on('error', (err) => fail(corrupt(archive, err)));
    gunzip.on('data', (chunk: Buffer) => {
      if (settled) return;
      decompressed += chunk.length;
      if (decompressed > EXTRACT_LIMITS.maxBytes) {
        fail(tooLarge(archive, `unpacks to more than ${EXTRACT_LIMITS.maxBytes} bytes`));
        return;
      }
      progress.add(chunk.length);
      if (!parser.write(chunk) && !waitingForDrain) {
        waitingForDrain = true;
        gunzip.pause();
        parser.once('drain', () => {
          waitingForDrain = false;
          if (!settled) gunzip.resume();
        });
      }
    });
    gunzip.on('end', () => {
      if (!settled) parser.end();
    });
    source.pipe(gunzip);
  });
  progress.finish();
  return { kind: 'godev', h1: null, moduleGoVersion: null };
}

/** VERSION must name a release (the module's own, for a toolchain zip) and bin/go must be there. */
async function checkRelease(archive: string, dest: string, moduleGoVersion: string | null): Promise<string> {
  let text: string;
  try {
    text = await readFile(resolve(dest, 'VERSION'), 'utf8');
  } catch {
    throw new ArchiveError(
      'not-a-go-release',
      `The archive ${basename(archive)} has no VERSION file: it is not a Go release. Download the SDK again from the module proxy or go.dev.`,
    );
  }
  const version = (text.split('\n')[0] ?? '').trim();
  if (!GO_VERSION_RE.test(version)) {
    throw new ArchiveError(
      'not-a-go-release',
      `The archive ${basename(archive)} has a VERSION file that does not name a Go release (${JSON.stringify(version.slice(0, 40))}). ` +
        'Download the SDK again from the module proxy or go.dev.',
    );
  }
  if (moduleGoVersion !== null && version !== moduleGoVersion) {
    throw new ArchiveError(
      'not-a-go-release',
      `The archive ${basename(archive)} is labelled ${moduleGoVersion} but its VERSION file says ${version}: it is mislabelled or tampered with. ` +
        'Download the SDK again from the module proxy.',
    );
  }
  const hasGo = await Promise.all(['bin/go', 'bin/go.exe'].map((p) => stat(resolve(dest, p)).then((s) => s.isFile(), () => false)));
  if (!hasGo.some(Boolean)) {
    throw new ArchiveError(
      'not-a-go-release',
      `The archive ${basename(archive)} has no bin/go: it is not a complete Go release. Download the SDK again from the module proxy or go.dev.`,
    );
  }
  return version;
}

/** cmd/go's finishing step: each _go.mod copied to go.mod, src/go.mod (the "done" marker) last. */
async function finishGoMods(dest: string, writer: Writer, kind: ArchiveKind): Promise<void> {
  let marker = writer.deferred;
  if (kind === 'toolchain-module') {
    for (const rel of writer.underscoreGoMods) {
      if (rel === 'src/_go.mod') continue;
      await copyFile(resolve(dest, ...rel.split('/')), resolve(dest, ...rel.split('/').slice(0, -1), 'go.mod'));
    }
    if (writer.underscoreGoMods.includes('src/_go.mod')) {
      marker = { rel: 'src/go.mod', content: await readFile(resolve(dest, 'src', '_go.mod')), mode: 0o644 };
    }
  }
  if (marker) {
    try {
      await mkdir(resolve(dest, ...marker.rel.split('/').slice(0, -1)), { recursive: true });
      await writeFile(resolve(dest, ...marker.rel.split('/')), marker.content, { mode: marker.mode });
    } catch (err) {
      throw new Error(`Could not write ${marker.rel} in ${dest}: ${errorText(err)}`, { cause: err });
    }
  }
}
