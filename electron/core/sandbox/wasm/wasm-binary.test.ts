import { describe, expect, it } from 'vitest';
import { patchMemoryMaximum, readImports, readMemoryLimits, validateWasiImports, WasmMemoryError, WasmValidationError } from './wasm-binary';

// A minimal module: (import "wasi_snapshot_preview1" "proc_exit" (func (param i32))) (memory 2) (export "memory" (memory 0))
function module(importModule = 'wasi_snapshot_preview1', memMin = 2, memMax?: number): Uint8Array {
  const enc = new TextEncoder();
  const name = (s: string) => [s.length, ...enc.encode(s)];
  const section = (id: number, payload: number[]) => [id, payload.length, ...payload];
  const type = section(1, [1, 0x60, 1, 0x7f, 0]);
  const imp = section(2, [1, ...name(importModule), ...name('proc_exit'), 0x00, 0]);
  const mem = section(5, memMax === undefined ? [1, 0x00, memMin] : [1, 0x01, memMin, memMax]);
  const exp = section(7, [1, ...name('memory'), 0x02, 0]);
  return new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...type, ...imp, ...mem, ...exp]);
}

describe('wasm binary checks', () => {
  it('patches a maximum into a memory that has none, and the result still compiles', async () => {
    const patched = patchMemoryMaximum(module(), 256 * 1024 * 1024);
    expect(readMemoryLimits(patched)).toEqual({ min: 2, max: 4096 });
    const m = await WebAssembly.compile(patched);
    expect(WebAssembly.Module.exports(m)).toEqual([{ name: 'memory', kind: 'memory' }]);
  });

  it('makes growth past the maximum fail', async () => {
    const patched = patchMemoryMaximum(module(), 4 * 64 * 1024);
    const inst = await WebAssembly.instantiate(patched, { wasi_snapshot_preview1: { proc_exit: () => undefined } });
    const memory = inst.instance.exports.memory as WebAssembly.Memory;
    expect(memory.grow(2)).toBe(2);
    expect(() => memory.grow(1)).toThrow(RangeError);
  });

  it('lowers an existing larger maximum and keeps a smaller one', () => {
    expect(readMemoryLimits(patchMemoryMaximum(module('wasi_snapshot_preview1', 2, 100), 10 * 65536)).max).toBe(10);
    expect(readMemoryLimits(patchMemoryMaximum(module('wasi_snapshot_preview1', 2, 5), 10 * 65536)).max).toBe(5);
  });

  it('refuses a module whose initial memory is over the limit', () => {
    expect(() => patchMemoryMaximum(module('wasi_snapshot_preview1', 20), 10 * 65536)).toThrow(WasmMemoryError);
  });

  it('accepts only WASI imports', () => {
    expect(readImports(module())).toEqual([{ module: 'wasi_snapshot_preview1', name: 'proc_exit', kind: 0 }]);
    expect(() => validateWasiImports(module())).not.toThrow();
    expect(() => validateWasiImports(module('env'))).toThrow(/env\.proc_exit/);
  });

  it('refuses what is not wasm', () => {
    expect(() => validateWasiImports(new TextEncoder().encode('!<arch>\n'))).toThrow(WasmValidationError);
    expect(() => patchMemoryMaximum(module().subarray(0, 20), 65536)).toThrow(WasmValidationError);
  });
});
