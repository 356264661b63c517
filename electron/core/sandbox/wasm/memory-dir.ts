// One writable directory in memory, preopened for the guest of a traced run (the trace is written
// there) or of a test run (its /tmp: examples capture their output in a temp file). Flat: files
// can be created, written, read back, sized, closed and removed; no subdirectories, links, renames
// or listing. The bytes of all files together are capped; past the cap writes are
// refused (ENOSPC) and the directory is marked truncated. Handed back to the core at exit.

/** WASI errnos this directory answers with (wasi_snapshot_preview1). */
export const DIR_ERRNO = {
  SUCCESS: 0,
  BADF: 8,
  EXIST: 20,
  FAULT: 21,
  INVAL: 28,
  ISDIR: 31,
  MFILE: 33,
  NAMETOOLONG: 37,
  NOENT: 44,
  NOSPC: 51,
  NOTDIR: 54,
  NOTSUP: 58,
  NOTCAPABLE: 76,
} as const;

const FILETYPE_DIRECTORY = 3;
const FILETYPE_REGULAR_FILE = 4;
const OFLAGS_CREAT = 1;
const OFLAGS_DIRECTORY = 2;
const OFLAGS_EXCL = 4;
const OFLAGS_TRUNC = 8;
const FDFLAGS_APPEND = 1;
const RIGHT_FD_READ = 0x2n;
const RIGHT_FD_WRITE = 0x40n;
const WHENCE_SET = 0;
const WHENCE_CUR = 1;
const WHENCE_END = 2;

/** Rights of the directory itself: open and create files, stat them. */
const DIR_RIGHTS = 0x2000n /* path_open */ | 0x400n /* path_create_file */ | 0x40000n /* path_filestat_get */ | 0x200000n; /* fd_filestat_get */
/** Rights a file may have (read, write, seek, tell, sync, stat, size). */
const FILE_RIGHTS = 0x1n | 0x2n | 0x4n | 0x10n | 0x20n | 0x40n | 0x200000n | 0x400000n;

const MAX_FILES = 16;
const MAX_OPEN = 32;
const MAX_NAME = 255;

interface MemFile {
  data: Uint8Array;
  size: number;
  ino: number;
  /** Removed from the directory; its bytes count until its last descriptor closes. */
  unlinked?: boolean;
}

interface OpenFile {
  file: MemFile;
  offset: number;
  read: boolean;
  write: boolean;
  append: boolean;
}

export class MemoryDir {
  private readonly files = new Map<string, MemFile>();
  private readonly open = new Map<number, OpenFile>();
  private used = 0;
  private nextIno = 2;
  /** A write was refused or cut at the cap. */
  truncated = false;

  constructor(
    /** The guest's path of the directory, e.g. "/trace". */
    readonly path: string,
    /** The directory's own descriptor (the first after stdio). */
    readonly fd: number,
    private readonly capBytes: number,
  ) {}

  /** Whether `fd` is this directory or a file opened in it. */
  owns(fd: number): boolean {
    return fd === this.fd || this.open.has(fd);
  }

  /** The files as they are now, trimmed to their sizes. */
  snapshot(): { name: string; bytes: Uint8Array }[] {
    return [...this.files].map(([name, f]) => ({ name, bytes: f.data.slice(0, f.size) }));
  }

  prestatGet(view: DataView, ptr: number): number {
    view.setUint8(ptr, 0 /* preopentype dir */);
    view.setUint32(ptr + 4, new TextEncoder().encode(this.path).length, true);
    return DIR_ERRNO.SUCCESS;
  }

  prestatDirName(mem: Uint8Array, ptr: number, len: number): number {
    const name = new TextEncoder().encode(this.path);
    if (len < name.length) return DIR_ERRNO.NAMETOOLONG;
    if (ptr + name.length > mem.length) return DIR_ERRNO.FAULT;
    mem.set(name, ptr);
    return DIR_ERRNO.SUCCESS;
  }

  pathOpen(dirFd: number, name: string, oflags: number, rightsBase: bigint, fdflags: number, out: (fd: number) => void): number {
    if (dirFd !== this.fd) return this.open.has(dirFd) ? DIR_ERRNO.NOTDIR : DIR_ERRNO.BADF;
    const problem = this.checkName(name);
    if (problem !== null) return problem;
    if (name === '.') return oflags & OFLAGS_CREAT ? DIR_ERRNO.ISDIR : DIR_ERRNO.NOTSUP;
    let file = this.files.get(name);
    if (oflags & OFLAGS_DIRECTORY) return file ? DIR_ERRNO.NOTDIR : DIR_ERRNO.NOENT;
    if (file && oflags & OFLAGS_CREAT && oflags & OFLAGS_EXCL) return DIR_ERRNO.EXIST;
    if (!file && !(oflags & OFLAGS_CREAT)) return DIR_ERRNO.NOENT;
    if (this.open.size >= MAX_OPEN) return DIR_ERRNO.MFILE;
    if (!file) {
      if (this.files.size >= MAX_FILES) return DIR_ERRNO.NOSPC;
      file = { data: new Uint8Array(0), size: 0, ino: this.nextIno++ };
      this.files.set(name, file);
    } else if (oflags & OFLAGS_TRUNC) {
      this.used -= file.size;
      file.size = 0;
    }
    let fd = this.fd + 1;
    while (this.open.has(fd)) fd++;
    this.open.set(fd, {
      file,
      offset: 0,
      read: (rightsBase & RIGHT_FD_READ) !== 0n,
      write: (rightsBase & RIGHT_FD_WRITE) !== 0n,
      append: (fdflags & FDFLAGS_APPEND) !== 0,
    });
    out(fd);
    return DIR_ERRNO.SUCCESS;
  }

  /** Writes iovecs at the file's offset (or `at`, for pwrite); the count written goes to `done`. */
  write(fd: number, chunks: Uint8Array[], at: number | null, done: (n: number) => void): number {
    const f = this.open.get(fd);
    if (!f) return fd === this.fd ? DIR_ERRNO.ISDIR : DIR_ERRNO.BADF;
    if (!f.write) return DIR_ERRNO.BADF;
    let pos = at ?? (f.append ? f.file.size : f.offset);
    let written = 0;
    for (const chunk of chunks) {
      const growth = Math.max(0, pos + chunk.length - f.file.size);
      const room = this.capBytes - this.used;
      let take = chunk;
      if (growth > room) {
        this.truncated = true;
        take = chunk.subarray(0, Math.max(0, chunk.length - (growth - room)));
      }
      if (take.length > 0) {
        this.reserve(f.file, pos + take.length);
        f.file.data.set(take, pos);
        const end = pos + take.length;
        if (end > f.file.size) {
          this.used += end - f.file.size;
          f.file.size = end;
        }
        pos = end;
        written += take.length;
      }
      if (take.length < chunk.length) break;
    }
    if (written === 0 && chunks.some((c) => c.length > 0)) return DIR_ERRNO.NOSPC;
    if (at === null) f.offset = pos;
    done(written);
    return DIR_ERRNO.SUCCESS;
  }

  read(fd: number, targets: Uint8Array[], at: number | null, done: (n: number) => void): number {
    const f = this.open.get(fd);
    if (!f) return fd === this.fd ? DIR_ERRNO.ISDIR : DIR_ERRNO.BADF;
    if (!f.read) return DIR_ERRNO.BADF;
    let pos = at ?? f.offset;
    let n = 0;
    for (const t of targets) {
      const take = Math.max(0, Math.min(t.length, f.file.size - pos));
      t.set(f.file.data.subarray(pos, pos + take));
      pos += take;
      n += take;
      if (take < t.length) break;
    }
    if (at === null) f.offset = pos;
    done(n);
    return DIR_ERRNO.SUCCESS;
  }

  seek(fd: number, offset: bigint, whence: number, out: (pos: bigint) => void): number {
    const f = this.open.get(fd);
    if (!f) return fd === this.fd ? DIR_ERRNO.ISDIR : DIR_ERRNO.BADF;
    const base = whence === WHENCE_SET ? 0n : whence === WHENCE_CUR ? BigInt(f.offset) : whence === WHENCE_END ? BigInt(f.file.size) : null;
    if (base === null) return DIR_ERRNO.INVAL;
    const pos = base + offset;
    if (pos < 0n || pos > BigInt(this.capBytes)) return DIR_ERRNO.INVAL;
    f.offset = Number(pos);
    out(pos);
    return DIR_ERRNO.SUCCESS;
  }

  close(fd: number): number {
    if (fd === this.fd) return DIR_ERRNO.SUCCESS;
    const f = this.open.get(fd);
    if (!f) return DIR_ERRNO.BADF;
    this.open.delete(fd);
    this.release(f.file);
    return DIR_ERRNO.SUCCESS;
  }

  /** path_unlink_file: the name goes at once, the bytes when no descriptor holds the file. */
  pathUnlink(dirFd: number, name: string): number {
    if (dirFd !== this.fd) return this.open.has(dirFd) ? DIR_ERRNO.NOTDIR : DIR_ERRNO.BADF;
    const problem = this.checkName(name);
    if (problem !== null) return problem;
    if (name === '.') return DIR_ERRNO.ISDIR;
    const file = this.files.get(name);
    if (!file) return DIR_ERRNO.NOENT;
    this.files.delete(name);
    file.unlinked = true;
    this.release(file);
    return DIR_ERRNO.SUCCESS;
  }

  private release(file: MemFile): void {
    if (!file.unlinked || [...this.open.values()].some((o) => o.file === file)) return;
    this.used -= file.size;
    file.size = 0;
    file.data = new Uint8Array(0);
  }

  setSize(fd: number, size: bigint): number {
    const f = this.open.get(fd);
    if (!f) return fd === this.fd ? DIR_ERRNO.ISDIR : DIR_ERRNO.BADF;
    if (!f.write) return DIR_ERRNO.BADF;
    const n = Number(size);
    if (n - f.file.size > this.capBytes - this.used) {
      this.truncated = true;
      return DIR_ERRNO.NOSPC;
    }
    if (n > f.file.size) {
      this.reserve(f.file, n);
      f.file.data.fill(0, f.file.size, n);
    }
    this.used += n - f.file.size;
    f.file.size = n;
    return DIR_ERRNO.SUCCESS;
  }

  setFlags(fd: number, flags: number): number {
    const f = this.open.get(fd);
    if (!f) return fd === this.fd ? DIR_ERRNO.SUCCESS : DIR_ERRNO.BADF;
    f.append = (flags & FDFLAGS_APPEND) !== 0;
    return DIR_ERRNO.SUCCESS;
  }

  /** fdstat: filetype u8 @0, flags u16 @2, rights base u64 @8, rights inheriting u64 @16. */
  fdstat(fd: number, view: DataView, ptr: number): number {
    if (fd === this.fd) {
      view.setUint8(ptr, FILETYPE_DIRECTORY);
      view.setUint16(ptr + 2, 0, true);
      view.setBigUint64(ptr + 8, DIR_RIGHTS, true);
      view.setBigUint64(ptr + 16, FILE_RIGHTS, true);
      return DIR_ERRNO.SUCCESS;
    }
    const f = this.open.get(fd);
    if (!f) return DIR_ERRNO.BADF;
    const rights = (FILE_RIGHTS & ~(RIGHT_FD_READ | RIGHT_FD_WRITE)) | (f.read ? RIGHT_FD_READ : 0n) | (f.write ? RIGHT_FD_WRITE : 0n);
    view.setUint8(ptr, FILETYPE_REGULAR_FILE);
    view.setUint16(ptr + 2, f.append ? FDFLAGS_APPEND : 0, true);
    view.setBigUint64(ptr + 8, rights, true);
    view.setBigUint64(ptr + 16, 0n, true);
    return DIR_ERRNO.SUCCESS;
  }

  filestat(fd: number, view: DataView, ptr: number): number {
    if (fd === this.fd) return this.writeFilestat(view, ptr, FILETYPE_DIRECTORY, 1, 0);
    const f = this.open.get(fd);
    if (!f) return DIR_ERRNO.BADF;
    return this.writeFilestat(view, ptr, FILETYPE_REGULAR_FILE, f.file.ino, f.file.size);
  }

  pathFilestat(dirFd: number, name: string, view: DataView, ptr: number): number {
    if (dirFd !== this.fd) return this.open.has(dirFd) ? DIR_ERRNO.NOTDIR : DIR_ERRNO.BADF;
    const problem = this.checkName(name);
    if (problem !== null) return problem;
    if (name === '.') return this.writeFilestat(view, ptr, FILETYPE_DIRECTORY, 1, 0);
    const file = this.files.get(name);
    if (!file) return DIR_ERRNO.NOENT;
    return this.writeFilestat(view, ptr, FILETYPE_REGULAR_FILE, file.ino, file.size);
  }

  /** filestat: dev @0, ino @8, filetype u8 @16, nlink @24, size @32, atim/mtim/ctim @40/48/56. */
  private writeFilestat(view: DataView, ptr: number, type: number, ino: number, size: number): number {
    for (let off = 0; off < 64; off += 8) view.setBigUint64(ptr + off, 0n, true);
    view.setBigUint64(ptr + 8, BigInt(ino), true);
    view.setUint8(ptr + 16, type);
    view.setBigUint64(ptr + 24, 1n, true);
    view.setBigUint64(ptr + 32, BigInt(size), true);
    return DIR_ERRNO.SUCCESS;
  }

  /** Only plain names inside the directory: no subdirectories, no way out. */
  private checkName(name: string): number | null {
    if (name === '' || name.includes('\0')) return DIR_ERRNO.INVAL;
    if (name.length > MAX_NAME) return DIR_ERRNO.NAMETOOLONG;
    if (name === '..' || name.startsWith('/') || name.split('/').includes('..')) return DIR_ERRNO.NOTCAPABLE;
    if (name.includes('/')) return DIR_ERRNO.NOENT;
    return null;
  }

  private reserve(file: MemFile, size: number): void {
    if (size <= file.data.length) return;
    const grown = new Uint8Array(Math.min(Math.max(size, file.data.length * 2, 64 * 1024), Math.max(size, this.capBytes)));
    grown.set(file.data.subarray(0, file.size));
    file.data = grown;
  }
}
