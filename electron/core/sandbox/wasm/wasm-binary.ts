// Reads and patches a WebAssembly binary before it runs: the memory section gets a maximum (Go's
// linker writes none, and worker resourceLimits do not bound wasm memory), and imports are checked.

export const WASM_PAGE = 64 * 1024;
const SECTION_IMPORT = 2;
const SECTION_MEMORY = 5;

export class WasmValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WasmValidationError';
  }
}

/** The module needs more memory at start than the limit allows. */
export class WasmMemoryError extends Error {
  constructor(
    readonly neededBytes: number,
    readonly limitBytes: number,
  ) {
    super(`the program needs ${mib(neededBytes)} of memory at start, more than the ${mib(limitBytes)} limit`);
    this.name = 'WasmMemoryError';
  }
}

function mib(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MiB`;
}

interface Reader {
  bytes: Uint8Array;
  pos: number;
}

function readU32(r: Reader): number {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (r.pos >= r.bytes.length) throw new WasmValidationError('truncated LEB128 number');
    const byte = r.bytes[r.pos++]!;
    result += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) break;
    shift += 7;
    if (shift > 35) throw new WasmValidationError('LEB128 number too long');
  }
  return result;
}

function writeU32(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function readName(r: Reader): string {
  const len = readU32(r);
  const s = new TextDecoder().decode(r.bytes.subarray(r.pos, r.pos + len));
  r.pos += len;
  return s;
}

interface Section {
  id: number;
  /** Offset of the section id byte. */
  start: number;
  payloadStart: number;
  end: number;
}

function sections(bytes: Uint8Array): Section[] {
  if (bytes.length < 8 || bytes[0] !== 0x00 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    throw new WasmValidationError('not a WebAssembly module (bad magic number)');
  }
  if (bytes[4] !== 1 || bytes[5] !== 0 || bytes[6] !== 0 || bytes[7] !== 0) {
    throw new WasmValidationError('unsupported WebAssembly version');
  }
  const out: Section[] = [];
  const r: Reader = { bytes, pos: 8 };
  while (r.pos < bytes.length) {
    const start = r.pos;
    const id = bytes[r.pos++]!;
    const size = readU32(r);
    const payloadStart = r.pos;
    const end = payloadStart + size;
    if (end > bytes.length) throw new WasmValidationError(`section ${id} runs past the end of the module`);
    out.push({ id, start, payloadStart, end });
    r.pos = end;
  }
  return out;
}

export interface ImportEntry {
  module: string;
  name: string;
  kind: number;
}

/** The module's imports, read from the binary (kind 0 = function, 2 = memory). */
export function readImports(bytes: Uint8Array): ImportEntry[] {
  const section = sections(bytes).find((s) => s.id === SECTION_IMPORT);
  if (!section) return [];
  const r: Reader = { bytes, pos: section.payloadStart };
  const count = readU32(r);
  const out: ImportEntry[] = [];
  for (let i = 0; i < count; i++) {
    const module = readName(r);
    const name = readName(r);
    const kind = bytes[r.pos++]!;
    out.push({ module, name, kind });
    switch (kind) {
      case 0: // function: type index
        readU32(r);
        break;
      case 1: // table: reftype + limits
        r.pos++;
        skipLimits(r);
        break;
      case 2: // memory: limits
        skipLimits(r);
        break;
      case 3: // global: valtype + mutability
        r.pos += 2;
        break;
      case 4: // tag
        r.pos++;
        readU32(r);
        break;
      default:
        throw new WasmValidationError(`unknown import kind ${kind}`);
    }
  }
  return out;
}

function skipLimits(r: Reader): void {
  const flags = r.bytes[r.pos++]!;
  readU32(r);
  if (flags & 1) readU32(r);
}

/**
 * Sets the maximum of the module's own memory to `maxBytes` (rounded down to pages), or lowers an
 * existing larger one. Returns a new buffer; the input is not changed.
 */
export function patchMemoryMaximum(bytes: Uint8Array, maxBytes: number): Uint8Array {
  const maxPages = Math.floor(maxBytes / WASM_PAGE);
  const section = sections(bytes).find((s) => s.id === SECTION_MEMORY);
  if (!section) throw new WasmValidationError('the module defines no memory');
  const r: Reader = { bytes, pos: section.payloadStart };
  const count = readU32(r);
  if (count !== 1) throw new WasmValidationError(`the module defines ${count} memories; expected 1`);
  const flags = bytes[r.pos++]!;
  if (flags & ~1) throw new WasmValidationError('shared or 64-bit memories are not supported');
  const min = readU32(r);
  const oldMax = flags & 1 ? readU32(r) : null;
  if (r.pos !== section.end) throw new WasmValidationError('unexpected data in the memory section');
  if (min > maxPages) throw new WasmMemoryError(min * WASM_PAGE, maxPages * WASM_PAGE);
  const max = oldMax === null ? maxPages : Math.min(oldMax, maxPages);

  const payload = [...writeU32(1), 0x01, ...writeU32(min), ...writeU32(max)];
  const header = [SECTION_MEMORY, ...writeU32(payload.length)];
  const out = new Uint8Array(bytes.length - (section.end - section.start) + header.length + payload.length);
  out.set(bytes.subarray(0, section.start), 0);
  out.set(header, section.start);
  out.set(payload, section.start + header.length);
  out.set(bytes.subarray(section.end), section.start + header.length + payload.length);
  return out;
}

/** Reads back the memory limits, in pages (for tests and diagnostics). */
export function readMemoryLimits(bytes: Uint8Array): { min: number; max: number | null } {
  const section = sections(bytes).find((s) => s.id === SECTION_MEMORY);
  if (!section) throw new WasmValidationError('the module defines no memory');
  const r: Reader = { bytes, pos: section.payloadStart };
  readU32(r);
  const flags = bytes[r.pos++]!;
  const min = readU32(r);
  return { min, max: flags & 1 ? readU32(r) : null };
}

export const WASI_MODULE = 'wasi_snapshot_preview1';

/** Refuses any module that imports something other than WASI preview 1 functions. */
export function validateWasiImports(bytes: Uint8Array): void {
  for (const imp of readImports(bytes)) {
    if (imp.module !== WASI_MODULE) {
      throw new WasmValidationError(`the module imports "${imp.module}.${imp.name}"; only ${WASI_MODULE} is allowed`);
    }
    if (imp.kind !== 0) {
      throw new WasmValidationError(`the module imports a non-function "${imp.name}" from ${WASI_MODULE}`);
    }
  }
}
