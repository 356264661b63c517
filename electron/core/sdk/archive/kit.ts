// Classroom kits: one .zip holding manifest.json and golang.org/toolchain module zips (stored, not
// compressed again), so a class can install SDKs offline and still verify each against its h1:.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { finished } from 'node:stream/promises';
import * as yazl from 'yazl';
import { z } from 'zod';
import { hashZip } from './dirhash';
import { ArchiveError } from './errors';
import { toolchainModuleVersion } from './extract';
import { openZip, readZipEntry, type OpenedZip, type ZipEntry } from './zipread';

export const KIT_FORMAT = 'gopherlab-kit/1';
const MANIFEST = 'manifest.json';
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
const MODULE_RE = /^golang\.org\/toolchain@(v0\.0\.1-(go\d[0-9a-z.]*)\.([a-z0-9]+)-([a-z0-9]+))$/;
const SDK_FILE_RE = /^sdk\/v0\.0\.1-go\d[0-9a-z.]*\.[a-z0-9]+-[a-z0-9]+\.zip$/;

export interface KitSdk {
  version: string;
  /** e.g. golang.org/toolchain@v0.0.1-go1.22.3.linux-amd64 */
  module: string;
  h1: string;
  /** Path inside the kit, e.g. sdk/v0.0.1-go1.22.3.linux-amd64.zip */
  file: string;
  bytes: number;
}

export interface KitManifest {
  format: 'gopherlab-kit/1';
  createdAt: string;
  goos: string;
  goarch: string;
  sdks: KitSdk[];
  snippets?: { name: string; source: string }[];
}

export interface WriteKitInput {
  goos: string;
  goarch: string;
  sdks: { version: string; module: string; h1: string; archivePath: string }[];
  snippets?: { name: string; source: string }[];
}

const KitManifestSchema = z.object({
  format: z.literal(KIT_FORMAT),
  createdAt: z.string(),
  goos: z.string().regex(/^[a-z0-9]+$/),
  goarch: z.string().regex(/^[a-z0-9]+$/),
  sdks: z.array(
    z.object({
      version: z.string().min(1),
      module: z.string().regex(MODULE_RE),
      h1: z.string().regex(/^h1:[A-Za-z0-9+/]{43}=$/),
      file: z.string().regex(SDK_FILE_RE),
      bytes: z.number().int().nonnegative(),
    }),
  ),
  snippets: z.array(z.object({ name: z.string(), source: z.string() })).optional(),
});

function kitCorrupt(kitPath: string, why: string): ArchiveError {
  return new ArchiveError('corrupt', `The kit ${basename(kitPath)} is damaged or incomplete (${why}). Copy it again from its source.`);
}

/** Writes a kit at `out` (via a temporary file renamed into place: never a half-written kit). */
export async function writeKit(out: string, input: WriteKitInput): Promise<{ bytes: number; manifest: KitManifest }> {
  const sdks: KitSdk[] = [];
  const files = new Set<string>();
  for (const sdk of input.sdks) {
    const m = MODULE_RE.exec(sdk.module);
    if (!m) {
      throw new ArchiveError('invalid-input', `${sdk.module} is not a golang.org/toolchain module (expected golang.org/toolchain@v0.0.1-go1.22.3.linux-amd64).`);
    }
    const modVersion = m[1] as string;
    const goVersion = m[2] as string;
    // The module must be this version for the kit's platform (linux/armv6l is spelled -arm).
    if (toolchainModuleVersion(sdk.version, input.goos, input.goarch) !== modVersion) {
      throw new ArchiveError(
        'invalid-input',
        `${sdk.module} does not hold ${sdk.version} for ${input.goos}/${input.goarch}: a kit holds SDKs of one platform, each under its own module.`,
      );
    }
    const file = `sdk/${modVersion}.zip`;
    if (files.has(file)) throw new ArchiveError('invalid-input', `${sdk.module} is listed twice: put each SDK in a kit once.`);
    files.add(file);
    const { size } = await stat(sdk.archivePath);
    const h1 = await hashZip(sdk.archivePath);
    if (h1 !== sdk.h1) {
      throw new ArchiveError(
        'checksum-mismatch',
        `The archive of ${goVersion} (${basename(sdk.archivePath)}) does not match its checksum ${sdk.h1} (it hashes to ${h1}): ` +
          'it is damaged. Reinstall that SDK, then export the kit again.',
      );
    }
    sdks.push({ version: sdk.version, module: sdk.module, h1: sdk.h1, file, bytes: size });
  }
  const manifest: KitManifest = {
    format: KIT_FORMAT,
    createdAt: new Date().toISOString(),
    goos: input.goos,
    goarch: input.goarch,
    sdks,
    ...(input.snippets ? { snippets: input.snippets.map((s) => ({ name: s.name, source: s.source })) } : {}),
  };

  await mkdir(dirname(out), { recursive: true });
  const tmp = `${out}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const zip = new yazl.ZipFile();
    const sink = createWriteStream(tmp, { flags: 'wx' });
    const done = finished(sink);
    // yazl reports a failing input (unreadable, other size than hashed) on the ZipFile itself.
    zip.on('error', (err: Error) => sink.destroy(err));
    zip.outputStream.pipe(sink);
    zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), MANIFEST, { compress: true });
    for (const [i, sdk] of sdks.entries()) {
      const source = input.sdks[i]?.archivePath as string;
      // `size` makes yazl check that the file still has the size it had when hashed.
      zip.addReadStreamLazy(sdk.file, { compress: false, size: sdk.bytes }, (cb) => cb(null, createReadStream(source)));
    }
    zip.end();
    await done;
    const fh = await open(tmp, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, out);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  const { size: bytes } = await stat(out);
  return { bytes, manifest };
}

async function isZipFile(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await fh.read(head, 0, 4, 0);
    return bytesRead === 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5);
  } finally {
    await fh.close();
  }
}

function findEntry(opened: OpenedZip, name: string): ZipEntry | undefined {
  const raw = Buffer.from(name, 'utf8');
  return opened.entries.find((ze) => ze.nameRaw.equals(raw));
}

/**
 * The manifest of a kit; null when the file is not a kit (not a zip, no manifest.json, another
 * format). Throws when it is a damaged kit (unreadable zip, bad manifest, an SDK missing).
 */
export async function readKitManifest(kitPath: string): Promise<KitManifest | null> {
  if (!(await isZipFile(kitPath))) return null;
  const opened = await openZip(kitPath, { what: 'kit' });
  try {
    const entry = findEntry(opened, MANIFEST);
    if (!entry) return null;
    if (entry.size > MAX_MANIFEST_BYTES) throw kitCorrupt(kitPath, `${MANIFEST} is ${entry.size} bytes`);
    const parts: Buffer[] = [];
    await readZipEntry(kitPath, opened, entry, (chunk) => {
      parts.push(chunk);
    }, { what: 'kit' });
    let json: unknown;
    try {
      json = JSON.parse(Buffer.concat(parts).toString('utf8'));
    } catch (err) {
      throw kitCorrupt(kitPath, `${MANIFEST} is not valid JSON: ${(err as Error).message}`);
    }
    if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== KIT_FORMAT) return null;
    const parsed = KitManifestSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw kitCorrupt(kitPath, `${MANIFEST} is invalid at ${issue?.path.join('.') || 'top level'}: ${issue?.message ?? 'unknown'}`);
    }
    const manifest: KitManifest = parsed.data;
    for (const sdk of manifest.sdks) {
      const inner = findEntry(opened, sdk.file);
      if (!inner) throw kitCorrupt(kitPath, `${sdk.file} is missing`);
      if (inner.size !== sdk.bytes) throw kitCorrupt(kitPath, `${sdk.file} is ${inner.size} bytes, the manifest says ${sdk.bytes}`);
    }
    return manifest;
  } finally {
    opened.close();
  }
}

/** Copies one SDK archive out of a kit to `toFile` (via a temporary file renamed into place). */
export async function extractKitSdk(kitPath: string, sdk: KitSdk, toFile: string): Promise<void> {
  const opened = await openZip(kitPath, { what: 'kit' });
  try {
    const entry = findEntry(opened, sdk.file);
    if (!entry || entry.isDir) throw kitCorrupt(kitPath, `${sdk.file} is missing`);
    if (entry.size !== sdk.bytes) throw kitCorrupt(kitPath, `${sdk.file} is ${entry.size} bytes, the manifest says ${sdk.bytes}`);
    await mkdir(dirname(toFile), { recursive: true });
    const tmp = `${toFile}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      const fh = await open(tmp, 'wx');
      try {
        await readZipEntry(kitPath, opened, entry, async (chunk) => {
          for (let off = 0; off < chunk.length; ) {
            const { bytesWritten } = await fh.write(chunk, off, chunk.length - off);
            off += bytesWritten;
          }
        }, { what: 'kit' });
      } finally {
        await fh.close();
      }
      await rename(tmp, toFile);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  } finally {
    opened.close();
  }
}
