// The "h1:" hash of golang.org/x/mod/sumdb/dirhash, the one go.sum and the checksum database record:
// for each file name, sorted as Go's sort.Strings does (by bytes), the line
// "<hex sha256 of content>  <name>\n"; then "h1:" + base64(sha256(all lines)).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { ArchiveError } from './errors';
import { openZip, readZipEntry } from './zipread';

export interface HashedFile {
  /** The name as bytes (zip names are bytes; Go sorts and prints them as such). */
  name: Buffer;
  sha256: Buffer;
}

/** dirhash.Hash1 over already-hashed files. Names containing a newline are an error, as in Go. */
export function hash1(files: readonly HashedFile[]): string {
  const sorted = [...files].sort((a, b) => Buffer.compare(a.name, b.name));
  const summary = createHash('sha256');
  for (const file of sorted) {
    if (file.name.includes(0x0a)) {
      throw new ArchiveError('unsafe', 'dirhash: file names with newlines are not supported');
    }
    summary.update(`${file.sha256.toString('hex')}  `);
    summary.update(file.name);
    summary.update('\n');
  }
  return `h1:${summary.digest('base64')}`;
}

/**
 * dirhash.HashZip(zip, dirhash.Hash1): every entry of the zip by its stored name. Like Go this
 * includes directory entries (names ending in "/", hashed as empty content; module and toolchain zips
 * have none) and, for a name stored twice, hashes the last entry's content for both lines.
 */
export async function hashZip(zipPath: string): Promise<string> {
  const opened = await openZip(zipPath);
  try {
    const contentByName = new Map<string, Buffer>();
    for (const ze of opened.entries) {
      const hash = createHash('sha256');
      await readZipEntry(zipPath, opened, ze, (chunk) => {
        hash.update(chunk);
      });
      contentByName.set(ze.nameRaw.toString('latin1'), hash.digest());
    }
    return hash1(
      opened.entries.map((ze) => ({
        name: ze.nameRaw,
        sha256: contentByName.get(ze.nameRaw.toString('latin1')) as Buffer,
      })),
    );
  } finally {
    opened.close();
  }
}

async function sha256File(file: string): Promise<Buffer> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest();
}

/**
 * dirhash.HashDir(dir, prefix, dirhash.Hash1): every non-directory below `dir` (symbolic links are
 * not followed into, their targets' contents are hashed), named prefix + "/" + the slash-separated
 * relative path.
 */
export async function hashDir(dir: string, prefix: string): Promise<string> {
  const files: HashedFile[] = [];
  const walk = async (abs: string, rel: string[]): Promise<void> => {
    const entries = await readdir(abs, { withFileTypes: true });
    for (const entry of entries) {
      const childAbs = join(abs, entry.name);
      const childRel = [...rel, entry.name];
      if (entry.isDirectory()) {
        await walk(childAbs, childRel);
      } else {
        const name = prefix === '' ? posix.join(...childRel) : posix.join(prefix, ...childRel);
        files.push({ name: Buffer.from(name, 'utf8'), sha256: await sha256File(childAbs) });
      }
    }
  };
  await walk(dir, []);
  return hash1(files);
}
