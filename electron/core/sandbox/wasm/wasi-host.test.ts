// The WASI host's stdin as the guest's syscalls see it: fd_read fills the iovecs from the run's
// bytes, then reports EOF (0 bytes); poll_oneoff says how much is left, or hang-up at the end.
import { describe, expect, it } from 'vitest';
import { createOutputBuffer, OutputWriter } from './output-buffer';
import { ERRNO, WasiHost } from './wasi-host';

type Call = (...args: number[]) => number;

function host(stdin?: string) {
  const h = new WasiHost({
    args: ['prog'],
    env: [],
    output: new OutputWriter(createOutputBuffer(1024)),
    ...(stdin !== undefined ? { stdin: new TextEncoder().encode(stdin) } : {}),
  });
  const memory = new WebAssembly.Memory({ initial: 1 });
  h.bind(memory);
  const calls = h.imports(['fd_read', 'poll_oneoff']) as unknown as Record<string, Call>;
  const view = new DataView(memory.buffer);
  const mem = new Uint8Array(memory.buffer);
  /** Reads into buffers of these sizes (one iovec each) at 1024, 2048, …; returns the texts and the count. */
  const read = (...sizes: number[]) => {
    sizes.forEach((len, i) => {
      view.setUint32(16 + i * 8, 1024 * (i + 1), true);
      view.setUint32(16 + i * 8 + 4, len, true);
    });
    const errno = calls.fd_read!(0, 16, sizes.length, 8);
    const n = view.getUint32(8, true);
    let left = n;
    const parts = sizes.map((len, i) => {
      const take = Math.min(len, left);
      left -= take;
      return new TextDecoder().decode(mem.subarray(1024 * (i + 1), 1024 * (i + 1) + take));
    });
    return { errno, n, parts };
  };
  /** One fd_read subscription on fd 0: the event's nbytes and flags. */
  const pollStdin = () => {
    const sub = 4096;
    mem.fill(0, sub, sub + 48);
    view.setBigUint64(sub, 7n, true);
    view.setUint8(sub + 8, 1); // EVENTTYPE_FD_READ
    view.setUint32(sub + 16, 0, true);
    const errno = calls.poll_oneoff!(sub, 8192, 1, 12);
    return { errno, events: view.getUint32(12, true), nbytes: view.getBigUint64(8192 + 16, true), flags: view.getUint16(8192 + 24, true) };
  };
  return { read, pollStdin };
}

describe('WASI host stdin', () => {
  it('is at EOF from the first read when the run has no stdin', () => {
    const h = host();
    expect(h.read(16)).toEqual({ errno: ERRNO.SUCCESS, n: 0, parts: [''] });
    expect(h.pollStdin()).toMatchObject({ errno: ERRNO.SUCCESS, events: 1, nbytes: 0n, flags: 1 });
  });

  it('fills the iovecs in order from the given bytes, then reads 0 bytes (EOF) every time after', () => {
    const h = host('hello, world');
    expect(h.pollStdin()).toMatchObject({ nbytes: 12n, flags: 0 });
    expect(h.read(3, 4)).toEqual({ errno: ERRNO.SUCCESS, n: 7, parts: ['hel', 'lo, '] });
    expect(h.pollStdin()).toMatchObject({ nbytes: 5n, flags: 0 });
    expect(h.read(100)).toEqual({ errno: ERRNO.SUCCESS, n: 5, parts: ['world'] });
    expect(h.read(100).n).toBe(0);
    expect(h.read(100).n).toBe(0);
    expect(h.pollStdin()).toMatchObject({ nbytes: 0n, flags: 1 });
  });

  it('counts bytes, not characters', () => {
    const h = host('✓é');
    // ✓ is 3 bytes and é 2: the first iovec takes 2 bytes, the second the other 3.
    expect(h.read(2, 10).n).toBe(5);
    expect(h.read(10).n).toBe(0);
  });
});
