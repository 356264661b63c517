// A thin layer over yauzl: entries with their raw name bytes (as Go's archive/zip sees them), and
// entry contents streamed chunk by chunk with the CRC-32 checked (yauzl does not check it, Go does).
import { basename } from 'node:path';
import * as zlib from 'node:zlib';
import * as yauzl from 'yauzl';
import { ArchiveError, errorText, throwIfAborted } from './errors';

export interface ZipEntry {
  entry: yauzl.Entry;
  /** The name exactly as stored (no CP437/UTF-8 decoding, no Unicode Path extra field): Go's view. */
  nameRaw: Buffer;
  isDir: boolean;
  size: number;
}

export interface OpenedZip {
  zip: yauzl.ZipFile;
  entries: ZipEntry[];
  close(): void;
}

/** Something that failed at the file-system level (ENOENT, EACCES, …) rather than in the format. */
function isSystemError(err: unknown): boolean {
  // zlib errors carry a code too (Z_DATA_ERROR), but only system calls carry `syscall`.
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).syscall === 'string';
}

export function corrupt(file: string, err: unknown, what = 'archive'): ArchiveError {
  return new ArchiveError(
    'corrupt',
    `The ${what} ${basename(file)} is damaged or incomplete (${errorText(err)}). Download or copy it again.`,
    { cause: err },
  );
}

/** Opens a zip and reads its central directory; refuses more than `maxEntries` entries up front. */
export async function openZip(file: string, opts: { maxEntries?: number; what?: string } = {}): Promise<OpenedZip> {
  const what = opts.what ?? 'archive';
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false,
      validateEntrySizes: true,
    });
  } catch (err) {
    throw isSystemError(err) ? err : corrupt(file, err, what);
  }
  const close = (): void => {
    if (zip.isOpen) zip.close();
  };
  try {
    if (opts.maxEntries !== undefined && zip.entryCount > opts.maxEntries) {
      throw new ArchiveError(
        'too-large',
        `The ${what} ${basename(file)} has ${zip.entryCount} entries, more than the ${opts.maxEntries} allowed: ` +
          'it is not a Go release (or it is a zip bomb). Download the SDK again from the module proxy or go.dev.',
      );
    }
    const entries: ZipEntry[] = [];
    for await (const entry of zip.eachEntry()) {
      const nameRaw = entry.fileNameRaw;
      entries.push({
        entry,
        nameRaw,
        isDir: nameRaw.length > 0 && nameRaw[nameRaw.length - 1] === 0x2f,
        size: entry.uncompressedSize,
      });
    }
    return { zip, entries, close };
  } catch (err) {
    close();
    throw err instanceof ArchiveError || isSystemError(err) ? err : corrupt(file, err, what);
  }
}

const CRC_TABLE = ((): Uint32Array => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32Js(data: Uint8Array, value = 0): number {
  let c = ~value >>> 0;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

/** zlib.crc32 exists from Node 20.15; the table version covers older 20.x. */
const crc32: (data: Uint8Array, value?: number) => number =
  typeof (zlib as { crc32?: unknown }).crc32 === 'function' ? (d, v) => zlib.crc32(d, v) : crc32Js;

/**
 * Streams one entry's content into `onChunk` (awaited: backpressure for writers), then checks the
 * CRC-32. A directory entry with content is an error, as in Go's archive/zip.
 */
export async function readZipEntry(
  file: string,
  opened: OpenedZip,
  ze: ZipEntry,
  onChunk: (chunk: Buffer) => void | Promise<void>,
  opts: { signal?: AbortSignal; what?: string } = {},
): Promise<void> {
  const what = opts.what ?? 'archive';
  if (ze.isDir) {
    if (ze.size !== 0) throw corrupt(file, new Error(`directory entry ${ze.nameRaw.toString()} has content`), what);
    return;
  }
  let stream: NodeJS.ReadableStream;
  try {
    stream = await opened.zip.openReadStreamPromise(ze.entry);
  } catch (err) {
    throw isSystemError(err) ? err : corrupt(file, err, what);
  }
  let crc = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      throwIfAborted(opts.signal);
      crc = crc32(chunk, crc);
      await onChunk(chunk);
    }
  } catch (err) {
    (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    if (err instanceof Error && (err.name === 'AbortError' || err instanceof ArchiveError)) throw err;
    if (isSystemError(err)) throw err;
    throw corrupt(file, err, what);
  }
  if (crc !== ze.entry.crc32 >>> 0) {
    throw corrupt(file, new Error(`checksum error in ${ze.nameRaw.toString()}`), what);
  }
}
