// Test-only builders of small archives: well-formed ones through yazl and node-tar, and hand-made
// zip and tar bytes for the malformed and hostile cases those libraries refuse to write.
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';
import * as tar from 'tar';
import * as yazl from 'yazl';

export interface TestEntry {
  name: string;
  data?: string | Buffer;
  /** Store instead of deflate. */
  store?: boolean;
}

/** A zip written by yazl (a directory entry when the name ends in "/"). */
export async function yazlZip(path: string, entries: TestEntry[]): Promise<string> {
  mkdirSync(dirname(path), { recursive: true });
  const zip = new yazl.ZipFile();
  const out = createWriteStream(path);
  zip.outputStream.pipe(out);
  for (const e of entries) {
    if (e.name.endsWith('/')) zip.addEmptyDirectory(e.name.slice(0, -1));
    else zip.addBuffer(Buffer.from(e.data ?? ''), e.name, { compress: !e.store });
  }
  zip.end();
  await finished(out);
  return path;
}

export interface RawZipEntry {
  name: string | Buffer;
  data?: string | Buffer;
  deflate?: boolean;
  /** Unix mode stored in the external attributes (e.g. 0o120777 for a symlink). */
  unixMode?: number;
  /** Lie about the uncompressed size in both headers (zip-bomb shaped entries). */
  declaredSize?: number;
}

/** A zip assembled byte by byte: any names, duplicates, modes and sizes. */
export function rawZip(path: string, entries: RawZipEntry[]): string {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.isBuffer(e.name) ? e.name : Buffer.from(e.name, 'utf8');
    const data = Buffer.from(e.data ?? '');
    const body = e.deflate ? deflateRawSync(data) : data;
    const crc = crc32(data) >>> 0;
    const size = e.declaredSize ?? data.length;
    const method = e.deflate ? 8 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((e.unixMode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, Buffer.concat([...locals, cd, end]));
  return path;
}

export interface RawTarEntry {
  name: string;
  data?: string | Buffer;
  /** '0' file, '5' directory, '1' hard link, '2' symlink, '3' char device. */
  type?: '0' | '1' | '2' | '3' | '5';
  linkname?: string;
  mode?: number;
}

function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, '0')}\0`;
}

/** A ustar stream assembled by hand, gzip-compressed: any names and entry types. */
export function rawTarGz(path: string, entries: RawTarEntry[]): string {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const data = Buffer.from(e.data ?? '');
    const type = e.type ?? '0';
    const header = Buffer.alloc(512);
    header.write(e.name, 0, 100, 'utf8');
    header.write(octal(e.mode ?? (type === '5' ? 0o755 : 0o644), 8), 100, 'ascii');
    header.write(octal(0, 8), 108, 'ascii');
    header.write(octal(0, 8), 116, 'ascii');
    header.write(octal(type === '0' ? data.length : 0, 12), 124, 'ascii');
    header.write(octal(1_700_000_000, 12), 136, 'ascii');
    header.write('        ', 148, 'ascii');
    header.write(type, 156, 'ascii');
    header.write(e.linkname ?? '', 157, 100, 'utf8');
    header.write('ustar\0', 257, 'ascii');
    header.write('00', 263, 'ascii');
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
    blocks.push(header);
    if (type === '0' && data.length > 0) {
      blocks.push(data, Buffer.alloc((512 - (data.length % 512)) % 512));
    }
  }
  blocks.push(Buffer.alloc(1024));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, gzipSync(Buffer.concat(blocks)));
  return path;
}

/** A go.dev-style go1.x.y.<os>-<arch>.tar.gz made by node-tar from files staged on disk. */
export async function nodeTarGz(path: string, files: { name: string; data: string | Buffer; mode: number }[]): Promise<string> {
  const stage = mkdtempSync(join(tmpdir(), 'gopherlab-tarstage-'));
  try {
    for (const f of files) {
      const abs = join(stage, ...f.name.split('/'));
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, f.data, { mode: f.mode });
    }
    mkdirSync(dirname(path), { recursive: true });
    await tar.c({ gzip: true, file: path, cwd: stage, portable: true }, ['go']);
    return path;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

export const FAKE_GO_MOD = 'module std\n\ngo 1.22\n';
export const FAKE_CMD_GO_MOD = 'module cmd\n\ngo 1.22\n';

/** The GOROOT files of a fake release, relative to the archive's top folder. */
export function fakeRelease(version: string, goarchDir = 'linux_amd64'): { name: string; data: string; exec: boolean }[] {
  return [
    { name: 'VERSION', data: `${version}\ntime 2024-05-01T00:00:00Z\n`, exec: false },
    { name: 'bin/go', data: '#!/bin/sh\necho fake go\n', exec: true },
    { name: 'bin/gofmt', data: '#!/bin/sh\necho fake gofmt\n', exec: true },
    { name: `pkg/tool/${goarchDir}/compile`, data: '#!/bin/sh\necho fake compile\n', exec: true },
    { name: 'pkg/include/textflag.h', data: '#define NOSPLIT 4\n', exec: false },
    { name: 'lib/wasm/go_js_wasm_exec', data: '#!/bin/sh\n', exec: true },
    { name: 'lib/time/README', data: 'zoneinfo\n', exec: false },
    { name: 'src/fmt/print.go', data: 'package fmt\n\nfunc Println(a ...any) {}\n', exec: false },
  ];
}

/** A golang.org/toolchain module zip of a fake release (written by yazl, like the proxy's: no modes). */
export async function fakeToolchainZip(path: string, version = 'go1.22.3', platform = 'linux-amd64'): Promise<string> {
  const prefix = `golang.org/toolchain@v0.0.1-${version}.${platform}/`;
  const entries: TestEntry[] = [
    ...fakeRelease(version, platform.replace('-', '_')).map((f) => ({ name: prefix + f.name, data: f.data })),
    { name: `${prefix}src/_go.mod`, data: FAKE_GO_MOD },
    { name: `${prefix}src/cmd/_go.mod`, data: FAKE_CMD_GO_MOD },
  ];
  return yazlZip(path, entries);
}

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `gopherlab-${label}-`));
}
