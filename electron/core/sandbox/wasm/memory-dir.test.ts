// The traced run's in-memory directory, called the way a guest calls it: through the WASI host's
// imports on a real WebAssembly.Memory. And the host without it: no preopen, no file calls.
import { describe, expect, it } from 'vitest';
import { DIR_ERRNO, MemoryDir } from './memory-dir';
import { createOutputBuffer, OutputWriter } from './output-buffer';
import { ERRNO, WasiHost } from './wasi-host';

const CREAT = 1;
const EXCL = 4;
const TRUNC = 8;
const RIGHTS_RW = 0x2n | 0x40n;
const RIGHTS_R = 0x2n;

const FILE_CALLS = [
  'fd_prestat_get',
  'fd_prestat_dir_name',
  'path_open',
  'path_filestat_get',
  'fd_write',
  'fd_pwrite',
  'fd_read',
  'fd_pread',
  'fd_seek',
  'fd_tell',
  'fd_close',
  'fd_fdstat_get',
  'fd_filestat_get',
  'fd_filestat_set_size',
  'fd_fdstat_set_flags',
  'path_unlink_file',
  'poll_oneoff',
];

type Fn = (...args: (number | bigint)[]) => number;

/** A guest's view: memory, the host's imports, and helpers to put strings and iovecs in memory. */
function guest(dir?: MemoryDir) {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const host = new WasiHost({ args: ['prog'], env: [], output: new OutputWriter(createOutputBuffer(4096)), ...(dir ? { dir } : {}) });
  host.bind(memory);
  const wasi = host.imports(FILE_CALLS) as Record<string, Fn>;
  const view = () => new DataView(memory.buffer);
  const bytes = () => new Uint8Array(memory.buffer);
  let heap = 1024;
  const put = (data: Uint8Array | string) => {
    const b = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    const at = heap;
    bytes().set(b, at);
    heap += b.length + 8;
    return { ptr: at, len: b.length };
  };
  const out = () => {
    const at = heap;
    heap += 64;
    return at;
  };
  const open = (name: string, oflags: number, rights = RIGHTS_RW, fdflags = 0): { errno: number; fd: number } => {
    const p = put(name);
    const fdPtr = out();
    const errno = wasi.path_open!(3, 0, p.ptr, p.len, oflags, rights, rights, fdflags, fdPtr);
    return { errno, fd: view().getUint32(fdPtr, true) };
  };
  const write = (fd: number, ...chunks: string[]): { errno: number; n: number } => {
    const iovs = out();
    chunks.forEach((c, i) => {
      const d = put(c);
      view().setUint32(iovs + i * 8, d.ptr, true);
      view().setUint32(iovs + i * 8 + 4, d.len, true);
    });
    const nPtr = out();
    const errno = wasi.fd_write!(fd, iovs, chunks.length, nPtr);
    return { errno, n: view().getUint32(nPtr, true) };
  };
  const read = (fd: number, len: number): { errno: number; text: string } => {
    const buf = put(new Uint8Array(len));
    const iovs = out();
    view().setUint32(iovs, buf.ptr, true);
    view().setUint32(iovs + 4, len, true);
    const nPtr = out();
    const errno = wasi.fd_read!(fd, iovs, 1, nPtr);
    const n = view().getUint32(nPtr, true);
    return { errno, text: new TextDecoder().decode(bytes().slice(buf.ptr, buf.ptr + n)) };
  };
  return { wasi, view, bytes, put, out, open, write, read };
}

describe('MemoryDir through the WASI host', () => {
  it('is preopened at its path as the first descriptor after stdio, and only there', () => {
    const g = guest(new MemoryDir('/trace', 3, 1024));
    const pre = g.out();
    expect(g.wasi.fd_prestat_get!(3, pre)).toBe(ERRNO.SUCCESS);
    expect(g.view().getUint8(pre)).toBe(0);
    expect(g.view().getUint32(pre + 4, true)).toBe(6);
    const name = g.out();
    expect(g.wasi.fd_prestat_dir_name!(3, name, 6)).toBe(ERRNO.SUCCESS);
    expect(new TextDecoder().decode(g.bytes().slice(name, name + 6))).toBe('/trace');
    // Go's start-up stops looking for preopens at the first EBADF.
    expect(g.wasi.fd_prestat_get!(4, pre)).toBe(ERRNO.BADF);
  });

  it('creates, writes, seeks, reads back and sizes a file, as os.Create and friends do', () => {
    const dir = new MemoryDir('/trace', 3, 1024);
    const g = guest(dir);
    const f = g.open('trace.out', CREAT | TRUNC);
    expect(f).toEqual({ errno: ERRNO.SUCCESS, fd: 4 });
    expect(g.write(f.fd, 'hello ', 'world')).toEqual({ errno: ERRNO.SUCCESS, n: 11 });
    const stat = g.out();
    expect(g.wasi.fd_filestat_get!(f.fd, stat)).toBe(ERRNO.SUCCESS);
    expect(g.view().getUint8(stat + 16)).toBe(4); // regular file
    expect(g.view().getBigUint64(stat + 32, true)).toBe(11n);
    const fdstat = g.out();
    expect(g.wasi.fd_fdstat_get!(f.fd, fdstat)).toBe(ERRNO.SUCCESS);
    expect(g.view().getUint8(fdstat)).toBe(4);
    const pos = g.out();
    expect(g.wasi.fd_seek!(f.fd, 6n, 0, pos)).toBe(ERRNO.SUCCESS);
    expect(g.read(f.fd, 100)).toEqual({ errno: ERRNO.SUCCESS, text: 'world' });
    expect(g.wasi.fd_filestat_set_size!(f.fd, 5n)).toBe(ERRNO.SUCCESS);
    expect(g.wasi.fd_close!(f.fd)).toBe(ERRNO.SUCCESS);
    expect(g.wasi.fd_close!(f.fd)).toBe(ERRNO.BADF);
    expect(dir.snapshot().map((s) => [s.name, new TextDecoder().decode(s.bytes)])).toEqual([['trace.out', 'hello']]);
    expect(dir.truncated).toBe(false);
  });

  it('honours O_EXCL, O_TRUNC, missing files and read-only descriptors', () => {
    const dir = new MemoryDir('/trace', 3, 1024);
    const g = guest(dir);
    g.write(g.open('a', CREAT).fd, 'abc');
    expect(g.open('a', CREAT | EXCL).errno).toBe(DIR_ERRNO.EXIST);
    expect(g.open('missing', 0).errno).toBe(DIR_ERRNO.NOENT);
    const ro = g.open('a', 0, RIGHTS_R);
    expect(g.write(ro.fd, 'x').errno).toBe(DIR_ERRNO.BADF);
    expect(g.read(ro.fd, 10).text).toBe('abc');
    g.open('a', TRUNC);
    expect(dir.snapshot()[0]!.bytes.length).toBe(0);
  });

  it('refuses paths that leave the directory or need subdirectories', () => {
    const g = guest(new MemoryDir('/trace', 3, 1024));
    expect(g.open('../etc/passwd', 0).errno).toBe(DIR_ERRNO.NOTCAPABLE);
    expect(g.open('..', 0).errno).toBe(DIR_ERRNO.NOTCAPABLE);
    expect(g.open('sub/file', CREAT).errno).toBe(DIR_ERRNO.NOENT);
    expect(g.open('.', 0).errno).toBe(DIR_ERRNO.NOTSUP);
    // path_open on a descriptor that is not the directory.
    const p = g.put('x');
    expect(g.wasi.path_open!(1, 0, p.ptr, p.len, CREAT, RIGHTS_RW, RIGHTS_RW, 0, g.out())).toBe(DIR_ERRNO.BADF);
  });

  it('stops at the byte cap: the write that passes it is cut, the next refused, the dir marked truncated', () => {
    const dir = new MemoryDir('/trace', 3, 10);
    const g = guest(dir);
    const f = g.open('big', CREAT);
    expect(g.write(f.fd, '12345678')).toEqual({ errno: ERRNO.SUCCESS, n: 8 });
    expect(g.write(f.fd, 'abcdef')).toEqual({ errno: ERRNO.SUCCESS, n: 2 });
    expect(g.write(f.fd, 'more').errno).toBe(DIR_ERRNO.NOSPC);
    expect(dir.truncated).toBe(true);
    expect(new TextDecoder().decode(dir.snapshot()[0]!.bytes)).toBe('12345678ab');
    // A second file shares the same budget.
    expect(g.write(g.open('other', CREAT).fd, 'x').errno).toBe(DIR_ERRNO.NOSPC);
  });

  it('removes a file: the name at once, its bytes from the budget once its last descriptor closes', () => {
    const dir = new MemoryDir('/tmp', 3, 10);
    const g = guest(dir);
    const unlink = (name: string) => {
      const p = g.put(name);
      return g.wasi.path_unlink_file!(3, p.ptr, p.len);
    };
    const f = g.open('example.txt', CREAT | EXCL);
    expect(g.write(f.fd, '12345678').n).toBe(8);
    expect(unlink('example.txt')).toBe(ERRNO.SUCCESS);
    expect(dir.snapshot()).toEqual([]);
    expect(g.open('example.txt', 0).errno).toBe(DIR_ERRNO.NOENT);
    expect(unlink('example.txt')).toBe(DIR_ERRNO.NOENT);
    // Still open: its bytes still count, and the open descriptor still reads them.
    expect(g.write(g.open('next', CREAT).fd, 'abcdef').n).toBe(2);
    const pos = g.out();
    g.wasi.fd_seek!(f.fd, 0n, 0, pos);
    expect(g.read(f.fd, 20).text).toBe('12345678');
    expect(g.wasi.fd_close!(f.fd)).toBe(ERRNO.SUCCESS);
    // Closed: the 8 bytes are free again, the same name can be created anew.
    expect(g.write(g.open('example.txt', CREAT | EXCL).fd, '1234567').n).toBe(7);
    expect(unlink('../etc/passwd')).toBe(DIR_ERRNO.NOTCAPABLE);
    expect(unlink('.')).toBe(DIR_ERRNO.ISDIR);
  });

  it('still writes stdout through the host, and knows nothing of other descriptors', () => {
    const g = guest(new MemoryDir('/trace', 3, 1024));
    expect(g.write(1, 'to stdout').errno).toBe(ERRNO.SUCCESS);
    expect(g.write(9, 'nowhere').errno).toBe(ERRNO.BADF);
    expect(g.wasi.fd_fdstat_get!(9, g.out())).toBe(ERRNO.BADF);
  });
});

describe('the host of an untraced run', () => {
  it('preopens nothing and answers every file call as before: no directory, no path_open', () => {
    const g = guest();
    expect(g.wasi.fd_prestat_get!(3, g.out())).toBe(ERRNO.BADF);
    expect(g.wasi.fd_prestat_dir_name!(3, g.out(), 6)).toBe(ERRNO.BADF);
    const p = g.put('trace.out');
    expect(g.wasi.path_open!(3, 0, p.ptr, p.len, CREAT, RIGHTS_RW, RIGHTS_RW, 0, g.out())).toBe(ERRNO.NOSYS);
    expect(g.wasi.path_filestat_get!(3, 0, p.ptr, p.len, g.out())).toBe(ERRNO.NOSYS);
    expect(g.write(4, 'x').errno).toBe(ERRNO.BADF);
    expect(g.wasi.fd_fdstat_get!(3, g.out())).toBe(ERRNO.BADF);
    expect(g.wasi.fd_filestat_set_size!(4, 1n)).toBe(ERRNO.NOSYS);
    expect(g.wasi.path_unlink_file!(3, p.ptr, p.len)).toBe(ERRNO.NOSYS);
  });
});
