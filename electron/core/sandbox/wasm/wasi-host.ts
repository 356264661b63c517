// Our own WASI preview 1 host. node:wasi is not a sandbox and cannot be interrupted while the guest
// sleeps or reads (FACTS.md); this one gives the guest no files, no sockets, stdin from memory (the
// run's bytes, then EOF: a read never blocks), and sleeps with Atomics.wait so worker.terminate()
// always ends it. Everything the guest does not need answers ENOSYS or EBADF. Traced and test runs
// alone get one in-memory directory (MemoryDir).
import type { MemoryDir } from './memory-dir';
import { type OutputWriter } from './output-buffer';

export const ERRNO = {
  SUCCESS: 0,
  BADF: 8,
  FAULT: 21,
  INVAL: 28,
  NOSYS: 52,
  SPIPE: 70,
} as const;

const CLOCK_REALTIME = 0;
const CLOCK_MONOTONIC = 1;
const CLOCK_PROCESS_CPUTIME = 2;
const CLOCK_THREAD_CPUTIME = 3;

const EVENTTYPE_CLOCK = 0;
const EVENTTYPE_FD_READ = 1;
const EVENTTYPE_FD_WRITE = 2;
const SUBCLOCKFLAG_ABSTIME = 1;
const EVENT_FD_READWRITE_HANGUP = 1;
const FILETYPE_CHARACTER_DEVICE = 2;

/** The guest called proc_exit. */
export class ProcExit {
  constructor(readonly code: number) {}
}

/** The guest reached the output limit and was stopped. */
export class OutputLimitReached {}

/** Time as the guest sees it. Real by default; a virtual clock can make sleeps instant. */
export interface GuestClock {
  /** Nanoseconds since the Unix epoch. */
  realtimeNs(): bigint;
  monotonicNs(): bigint;
  /** Blocks the calling thread for `ns` (or advances virtual time). */
  sleep(ns: bigint): void;
}

export function realClock(): GuestClock {
  const waitCell = new Int32Array(new SharedArrayBuffer(4));
  const originNs = BigInt(Math.round(performance.timeOrigin * 1e6));
  return {
    realtimeNs: () => originNs + BigInt(Math.round(performance.now() * 1e6)),
    monotonicNs: () => BigInt(Math.round(performance.now() * 1e6)),
    sleep: (ns) => {
      if (ns <= 0n) return;
      // Atomics.wait is interruptible by worker.terminate(); chunked so huge sleeps stay in range.
      let remainingMs = Number(ns) / 1e6;
      while (remainingMs > 0) {
        const step = Math.min(remainingMs, 1_000_000_000);
        Atomics.wait(waitCell, 0, 0, step);
        remainingMs -= step;
      }
    },
  };
}

export interface WasiHostOptions {
  args: string[];
  env: string[];
  output: OutputWriter;
  clock?: GuestClock;
  random?: (buf: Uint8Array) => void;
  /** Traced and test runs: the one writable directory, preopened; without it the guest has no file system. */
  dir?: MemoryDir;
  /** The guest's stdin: these bytes, then EOF. Absent: EOF at once. */
  stdin?: Uint8Array;
}

type WasiFn = (...args: never[]) => number;

export class WasiHost {
  private memory: WebAssembly.Memory | null = null;
  private readonly clock: GuestClock;
  private readonly encoder = new TextEncoder();
  private readonly args: Uint8Array[];
  private readonly env: Uint8Array[];
  private readonly stdin: Uint8Array;
  /** How much of stdin the guest has read. */
  private stdinAt = 0;

  constructor(private readonly options: WasiHostOptions) {
    this.clock = options.clock ?? realClock();
    this.args = options.args.map((a) => this.encoder.encode(a + '\0'));
    this.env = options.env.map((e) => this.encoder.encode(e + '\0'));
    this.stdin = options.stdin ?? new Uint8Array(0);
  }

  /** Must be called with the instance's exported memory before the guest starts. */
  bind(memory: WebAssembly.Memory): void {
    this.memory = memory;
  }

  /** Imports for `requested` names: the ones we implement, and ENOSYS for the rest. */
  imports(requested: string[]): Record<string, WasiFn> {
    const impl = this.implementation();
    const out: Record<string, WasiFn> = {};
    for (const name of requested) out[name] = impl[name] ?? (() => ERRNO.NOSYS);
    return out;
  }

  private view(): DataView {
    if (!this.memory) throw new Error('WASI host used before bind()');
    return new DataView(this.memory.buffer);
  }

  private bytes(): Uint8Array {
    if (!this.memory) throw new Error('WASI host used before bind()');
    return new Uint8Array(this.memory.buffer);
  }

  private implementation(): Record<string, WasiFn> {
    const listGet = (list: Uint8Array[]) => (ptrs: number, buf: number) => {
      const view = this.view();
      const mem = this.bytes();
      let at = buf;
      list.forEach((item, i) => {
        view.setUint32(ptrs + i * 4, at, true);
        mem.set(item, at);
        at += item.length;
      });
      return ERRNO.SUCCESS;
    };
    const listSizes = (list: Uint8Array[]) => (countPtr: number, sizePtr: number) => {
      const view = this.view();
      view.setUint32(countPtr, list.length, true);
      view.setUint32(sizePtr, list.reduce((n, item) => n + item.length, 0), true);
      return ERRNO.SUCCESS;
    };

    const base: Record<string, WasiFn> = {
      args_get: listGet(this.args),
      args_sizes_get: listSizes(this.args),
      environ_get: listGet(this.env),
      environ_sizes_get: listSizes(this.env),

      clock_res_get: (id: number, resultPtr: number) => {
        if (id > CLOCK_THREAD_CPUTIME) return ERRNO.INVAL;
        this.view().setBigUint64(resultPtr, 1000n, true);
        return ERRNO.SUCCESS;
      },
      clock_time_get: (id: number, _precision: bigint, resultPtr: number) => {
        const now = this.now(id);
        if (now === null) return ERRNO.INVAL;
        this.view().setBigUint64(resultPtr, now, true);
        return ERRNO.SUCCESS;
      },

      fd_write: (fd: number, iovsArg: number, iovsLenArg: number, nwrittenPtr: number) => {
        const iovs = iovsArg >>> 0;
        const iovsLen = iovsLenArg >>> 0;
        if (fd !== 1 && fd !== 2) return ERRNO.BADF;
        const view = this.view();
        const mem = this.bytes();
        let written = 0;
        for (let i = 0; i < iovsLen; i++) {
          const ptr = view.getUint32(iovs + i * 8, true);
          const len = view.getUint32(iovs + i * 8 + 4, true);
          if (len === 0) continue;
          if (ptr + len > mem.length) return ERRNO.FAULT;
          if (this.options.output.write(fd, mem.subarray(ptr, ptr + len)) === 'full') throw new OutputLimitReached();
          written += len;
        }
        view.setUint32(nwrittenPtr, written, true);
        return ERRNO.SUCCESS;
      },
      fd_read: (fd: number, iovsArg: number, iovsLenArg: number, nreadPtr: number) => {
        if (fd !== 0) return ERRNO.BADF;
        // All of stdin is here from the start: a read never blocks, and past the end it is EOF.
        const iovs = iovsArg >>> 0;
        const view = this.view();
        const mem = this.bytes();
        let read = 0;
        for (let i = 0; i < iovsLenArg >>> 0 && this.stdinAt < this.stdin.length; i++) {
          const ptr = view.getUint32(iovs + i * 8, true);
          const len = view.getUint32(iovs + i * 8 + 4, true);
          if (ptr + len > mem.length) return ERRNO.FAULT;
          const take = Math.min(len, this.stdin.length - this.stdinAt);
          mem.set(this.stdin.subarray(this.stdinAt, this.stdinAt + take), ptr);
          this.stdinAt += take;
          read += take;
        }
        view.setUint32(nreadPtr, read, true);
        return ERRNO.SUCCESS;
      },
      fd_pread: (fd: number) => (fd <= 2 ? ERRNO.SPIPE : ERRNO.BADF),
      fd_pwrite: (fd: number) => (fd <= 2 ? ERRNO.SPIPE : ERRNO.BADF),
      fd_seek: (fd: number) => (fd <= 2 ? ERRNO.SPIPE : ERRNO.BADF),
      fd_tell: (fd: number) => (fd <= 2 ? ERRNO.SPIPE : ERRNO.BADF),
      fd_close: (fd: number) => (fd <= 2 ? ERRNO.SUCCESS : ERRNO.BADF),
      fd_sync: (fd: number) => (fd <= 2 ? ERRNO.SUCCESS : ERRNO.BADF),
      fd_datasync: (fd: number) => (fd <= 2 ? ERRNO.SUCCESS : ERRNO.BADF),
      fd_fdstat_get: (fd: number, statPtr: number) => {
        if (fd > 2) return ERRNO.BADF;
        const view = this.view();
        view.setUint8(statPtr, FILETYPE_CHARACTER_DEVICE);
        view.setUint16(statPtr + 2, 0, true);
        const rights = fd === 0 ? 0x2n /* fd_read */ : 0x40n; /* fd_write */
        view.setBigUint64(statPtr + 8, rights | 0x8000000n /* poll_fd_readwrite */, true);
        view.setBigUint64(statPtr + 16, 0n, true);
        return ERRNO.SUCCESS;
      },
      fd_fdstat_set_flags: (fd: number) => (fd <= 2 ? ERRNO.SUCCESS : ERRNO.BADF),
      fd_filestat_get: (fd: number, bufPtr: number) => {
        if (fd > 2) return ERRNO.BADF;
        const mem = this.bytes();
        mem.fill(0, bufPtr, bufPtr + 64);
        this.view().setUint8(bufPtr + 16, FILETYPE_CHARACTER_DEVICE);
        return ERRNO.SUCCESS;
      },
      // No preopened directories: the guest sees no file system at all.
      fd_prestat_get: () => ERRNO.BADF,
      fd_prestat_dir_name: () => ERRNO.BADF,

      poll_oneoff: (inPtr: number, outPtr: number, nsubscriptions: number, neventsPtr: number) =>
        this.pollOneoff(inPtr, outPtr, nsubscriptions, neventsPtr),

      proc_exit: (code: number) => {
        throw new ProcExit(code);
      },
      proc_raise: () => ERRNO.NOSYS,
      sched_yield: () => ERRNO.SUCCESS,
      random_get: (bufPtrArg: number, lenArg: number) => {
        // wasm passes i32: read pointers and lengths as unsigned.
        const bufPtr = bufPtrArg >>> 0;
        const len = lenArg >>> 0;
        const mem = this.bytes();
        if (bufPtr + len > mem.length) return ERRNO.FAULT;
        const fill = this.options.random ?? ((b: Uint8Array) => crypto.getRandomValues(b));
        // getRandomValues takes at most 64 KiB and no shared memory views; fill a copy in chunks.
        for (let off = 0; off < len; off += 65536) {
          const chunk = new Uint8Array(Math.min(65536, len - off));
          fill(chunk);
          mem.set(chunk, bufPtr + off);
        }
        return ERRNO.SUCCESS;
      },
    } as Record<string, WasiFn>;
    return this.options.dir ? { ...base, ...this.dirImplementation(base, this.options.dir) } : base;
  }

  /** The directory's calls; stdio (and unknown descriptors) still go to `base`. */
  private dirImplementation(base: Record<string, WasiFn>, dir: MemoryDir): Record<string, WasiFn> {
    const call = (name: string, ...args: unknown[]) => (base[name] as (...a: unknown[]) => number)(...args);
    const iovecs = (iovsArg: number, lenArg: number): Uint8Array[] | null => {
      const view = this.view();
      const mem = this.bytes();
      const out: Uint8Array[] = [];
      for (let i = 0; i < lenArg >>> 0; i++) {
        const ptr = view.getUint32((iovsArg >>> 0) + i * 8, true);
        const len = view.getUint32((iovsArg >>> 0) + i * 8 + 4, true);
        if (ptr + len > mem.length) return null;
        out.push(mem.subarray(ptr, ptr + len));
      }
      return out;
    };
    const path = (ptr: number, len: number): string | null => {
      const mem = this.bytes();
      if ((ptr >>> 0) + (len >>> 0) > mem.length) return null;
      return new TextDecoder().decode(mem.slice(ptr >>> 0, (ptr >>> 0) + (len >>> 0)));
    };
    const setU32 = (ptr: number) => (n: number) => this.view().setUint32(ptr >>> 0, n, true);
    return {
      fd_prestat_get: (fd: number, ptr: number) => (fd === dir.fd ? dir.prestatGet(this.view(), ptr >>> 0) : ERRNO.BADF),
      fd_prestat_dir_name: (fd: number, ptr: number, len: number) => (fd === dir.fd ? dir.prestatDirName(this.bytes(), ptr >>> 0, len >>> 0) : ERRNO.BADF),
      path_open: (dirFd: number, _dirflags: number, pathPtr: number, pathLen: number, oflags: number, rightsBase: bigint, _rightsInh: bigint, fdflags: number, fdPtr: number) => {
        const name = path(pathPtr, pathLen);
        if (name === null) return ERRNO.FAULT;
        return dir.pathOpen(dirFd, name, oflags, BigInt.asUintN(64, BigInt(rightsBase)), fdflags, setU32(fdPtr));
      },
      path_filestat_get: (dirFd: number, _flags: number, pathPtr: number, pathLen: number, bufPtr: number) => {
        const name = path(pathPtr, pathLen);
        if (name === null) return ERRNO.FAULT;
        return dir.pathFilestat(dirFd, name, this.view(), bufPtr >>> 0);
      },
      fd_write: (fd: number, iovs: number, iovsLen: number, nPtr: number) => {
        if (!dir.owns(fd)) return call('fd_write', fd, iovs, iovsLen, nPtr);
        const chunks = iovecs(iovs, iovsLen);
        return chunks ? dir.write(fd, chunks, null, setU32(nPtr)) : ERRNO.FAULT;
      },
      fd_pwrite: (fd: number, iovs: number, iovsLen: number, offset: bigint, nPtr: number) => {
        if (!dir.owns(fd)) return call('fd_pwrite', fd, iovs, iovsLen, offset, nPtr);
        const chunks = iovecs(iovs, iovsLen);
        return chunks ? dir.write(fd, chunks, Number(BigInt.asUintN(64, BigInt(offset))), setU32(nPtr)) : ERRNO.FAULT;
      },
      fd_read: (fd: number, iovs: number, iovsLen: number, nPtr: number) => {
        if (!dir.owns(fd)) return call('fd_read', fd, iovs, iovsLen, nPtr);
        const targets = iovecs(iovs, iovsLen);
        return targets ? dir.read(fd, targets, null, setU32(nPtr)) : ERRNO.FAULT;
      },
      fd_pread: (fd: number, iovs: number, iovsLen: number, offset: bigint, nPtr: number) => {
        if (!dir.owns(fd)) return call('fd_pread', fd, iovs, iovsLen, offset, nPtr);
        const targets = iovecs(iovs, iovsLen);
        return targets ? dir.read(fd, targets, Number(BigInt.asUintN(64, BigInt(offset))), setU32(nPtr)) : ERRNO.FAULT;
      },
      fd_seek: (fd: number, offset: bigint, whence: number, outPtr: number) => {
        if (!dir.owns(fd)) return call('fd_seek', fd, offset, whence, outPtr);
        return dir.seek(fd, BigInt(offset), whence, (pos) => this.view().setBigUint64(outPtr >>> 0, pos, true));
      },
      fd_tell: (fd: number, outPtr: number) => {
        if (!dir.owns(fd)) return call('fd_tell', fd, outPtr);
        return dir.seek(fd, 0n, 1, (pos) => this.view().setBigUint64(outPtr >>> 0, pos, true));
      },
      fd_close: (fd: number) => (dir.owns(fd) ? dir.close(fd) : call('fd_close', fd)),
      fd_sync: (fd: number) => (dir.owns(fd) ? ERRNO.SUCCESS : call('fd_sync', fd)),
      fd_datasync: (fd: number) => (dir.owns(fd) ? ERRNO.SUCCESS : call('fd_datasync', fd)),
      fd_fdstat_get: (fd: number, ptr: number) => (dir.owns(fd) ? dir.fdstat(fd, this.view(), ptr >>> 0) : call('fd_fdstat_get', fd, ptr)),
      fd_fdstat_set_flags: (fd: number, flags: number) => (dir.owns(fd) ? dir.setFlags(fd, flags) : call('fd_fdstat_set_flags', fd, flags)),
      fd_filestat_get: (fd: number, ptr: number) => (dir.owns(fd) ? dir.filestat(fd, this.view(), ptr >>> 0) : call('fd_filestat_get', fd, ptr)),
      fd_filestat_set_size: (fd: number, size: bigint) => (dir.owns(fd) ? dir.setSize(fd, BigInt.asUintN(64, BigInt(size))) : ERRNO.NOSYS),
      path_unlink_file: (dirFd: number, pathPtr: number, pathLen: number) => {
        const name = path(pathPtr, pathLen);
        return name === null ? ERRNO.FAULT : dir.pathUnlink(dirFd, name);
      },
    };
  }

  private now(id: number): bigint | null {
    switch (id) {
      case CLOCK_REALTIME:
        return this.clock.realtimeNs();
      case CLOCK_MONOTONIC:
      case CLOCK_PROCESS_CPUTIME:
      case CLOCK_THREAD_CPUTIME:
        return this.clock.monotonicNs();
      default:
        return null;
    }
  }

  /** Subscriptions are 48 bytes, events 32 (wasi_snapshot_preview1 layout). */
  private pollOneoff(inPtr: number, outPtr: number, n: number, neventsPtr: number): number {
    if (n === 0) return ERRNO.INVAL;
    const view = this.view();
    type Ready = { userdata: bigint; error: number; type: number; nbytes: bigint; flags: number };
    const ready: Ready[] = [];
    const clocks: { userdata: bigint; deadline: bigint; id: number }[] = [];

    for (let i = 0; i < n; i++) {
      const sub = inPtr + i * 48;
      const userdata = view.getBigUint64(sub, true);
      const tag = view.getUint8(sub + 8);
      if (tag === EVENTTYPE_CLOCK) {
        const id = view.getUint32(sub + 16, true);
        const timeout = view.getBigUint64(sub + 24, true);
        const flags = view.getUint16(sub + 40, true);
        const now = this.now(id);
        if (now === null) {
          ready.push({ userdata, error: ERRNO.INVAL, type: tag, nbytes: 0n, flags: 0 });
          continue;
        }
        const deadline = flags & SUBCLOCKFLAG_ABSTIME ? timeout : now + timeout;
        clocks.push({ userdata, deadline, id });
      } else if (tag === EVENTTYPE_FD_READ || tag === EVENTTYPE_FD_WRITE) {
        const fd = view.getUint32(sub + 16, true);
        if (tag === EVENTTYPE_FD_READ && fd === 0) {
          const left = this.stdin.length - this.stdinAt;
          ready.push({ userdata, error: 0, type: tag, nbytes: BigInt(left), flags: left > 0 ? 0 : EVENT_FD_READWRITE_HANGUP });
        } else if (tag === EVENTTYPE_FD_WRITE && (fd === 1 || fd === 2)) {
          ready.push({ userdata, error: 0, type: tag, nbytes: 65536n, flags: 0 });
        } else if (fd > 2 && this.options.dir?.owns(fd)) {
          // Files in memory are always ready.
          ready.push({ userdata, error: 0, type: tag, nbytes: 65536n, flags: 0 });
        } else {
          ready.push({ userdata, error: ERRNO.BADF, type: tag, nbytes: 0n, flags: 0 });
        }
      } else {
        ready.push({ userdata, error: ERRNO.INVAL, type: tag, nbytes: 0n, flags: 0 });
      }
    }

    if (ready.length === 0 && clocks.length > 0) {
      // Sleep until the earliest clock fires, then report every clock that has.
      const waits = clocks.map((c) => c.deadline - (this.now(c.id) ?? 0n));
      const shortest = waits.reduce((a, b) => (b < a ? b : a));
      this.clock.sleep(shortest);
      clocks.forEach((c, i) => {
        if (waits[i]! <= shortest || (this.now(c.id) ?? 0n) >= c.deadline) {
          ready.push({ userdata: c.userdata, error: 0, type: EVENTTYPE_CLOCK, nbytes: 0n, flags: 0 });
        }
      });
    }

    ready.forEach((e, i) => {
      const ev = outPtr + i * 32;
      view.setBigUint64(ev, e.userdata, true);
      view.setUint16(ev + 8, e.error, true);
      view.setUint8(ev + 10, e.type);
      view.setBigUint64(ev + 16, e.nbytes, true);
      view.setUint16(ev + 24, e.flags, true);
    });
    view.setUint32(neventsPtr, ready.length, true);
    return ERRNO.SUCCESS;
  }
}
