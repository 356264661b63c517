// Guest output crosses from the worker to the main thread through shared memory, not messages:
// the worker appends bytes as the guest writes, the main thread drains on a timer and once more
// after the worker is gone, so output written just before a kill is never lost, and a guest that
// prints a million single bytes costs a million memcpy's, not a million postMessage's.
//
// Layout of the SharedArrayBuffer:
//   Int32 header[4]: [0] committed data length, [1] committed switch count, [2] flags, [3] unused
//   switches: MAX_SWITCHES × (Int32 offset, Int32 fd) — where the stream changes between stdout/stderr
//   data: capacity bytes

const HEADER_INTS = 4;
const HEADER_BYTES = HEADER_INTS * 4;
export const MAX_SWITCHES = 64 * 1024;
const SWITCH_BYTES = MAX_SWITCHES * 8;
const FLAG_TRUNCATED = 1;

export function createOutputBuffer(capacity: number): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER_BYTES + SWITCH_BYTES + capacity);
}

function capacityOf(sab: SharedArrayBuffer): number {
  return sab.byteLength - HEADER_BYTES - SWITCH_BYTES;
}

export type WriteOutcome = 'ok' | 'full';

/** Worker side. */
export class OutputWriter {
  private readonly header: Int32Array;
  private readonly switches: Int32Array;
  private readonly data: Uint8Array;
  private readonly capacity: number;
  private length = 0;
  private switchCount = 0;
  private lastFd = -1;

  constructor(sab: SharedArrayBuffer) {
    this.header = new Int32Array(sab, 0, HEADER_INTS);
    this.switches = new Int32Array(sab, HEADER_BYTES, MAX_SWITCHES * 2);
    this.capacity = capacityOf(sab);
    this.data = new Uint8Array(sab, HEADER_BYTES + SWITCH_BYTES, this.capacity);
  }

  /** Appends what fits; 'full' means the rest was cut and the guest must stop. */
  write(fd: 1 | 2, bytes: Uint8Array): WriteOutcome {
    if (bytes.length === 0) return 'ok';
    const room = this.capacity - this.length;
    if (room <= 0) return this.truncate();
    if (fd !== this.lastFd) {
      if (this.switchCount >= MAX_SWITCHES) return this.truncate();
      this.switches[this.switchCount * 2] = this.length;
      this.switches[this.switchCount * 2 + 1] = fd;
      this.switchCount++;
      Atomics.store(this.header, 1, this.switchCount);
      this.lastFd = fd;
    }
    const n = Math.min(room, bytes.length);
    this.data.set(n === bytes.length ? bytes : bytes.subarray(0, n), this.length);
    this.length += n;
    Atomics.store(this.header, 0, this.length);
    return n < bytes.length ? this.truncate() : 'ok';
  }

  private truncate(): WriteOutcome {
    Atomics.or(this.header, 2, FLAG_TRUNCATED);
    return 'full';
  }
}

export interface OutputChunk {
  fd: 1 | 2;
  bytes: Uint8Array;
}

/** Main-thread side. */
export class OutputReader {
  private readonly header: Int32Array;
  private readonly switches: Int32Array;
  private readonly data: Uint8Array;
  private readPos = 0;
  private switchIdx = 0;
  private fd: 1 | 2 = 1;

  constructor(sab: SharedArrayBuffer) {
    this.header = new Int32Array(sab, 0, HEADER_INTS);
    this.switches = new Int32Array(sab, HEADER_BYTES, MAX_SWITCHES * 2);
    this.data = new Uint8Array(sab, HEADER_BYTES + SWITCH_BYTES, capacityOf(sab));
  }

  get truncated(): boolean {
    return (Atomics.load(this.header, 2) & FLAG_TRUNCATED) !== 0;
  }

  /** Everything committed since the last drain, in write order, split by stream. */
  drain(): OutputChunk[] {
    // The writer commits a switch before the bytes it applies to, so reading the length first
    // guarantees every switch below that length is visible.
    const length = Atomics.load(this.header, 0);
    const switchCount = Atomics.load(this.header, 1);
    const out: OutputChunk[] = [];
    while (this.readPos < length) {
      if (this.switchIdx < switchCount && this.switches[this.switchIdx * 2]! <= this.readPos) {
        this.fd = this.switches[this.switchIdx * 2 + 1] === 2 ? 2 : 1;
        this.switchIdx++;
        continue;
      }
      const nextSwitch = this.switchIdx < switchCount ? this.switches[this.switchIdx * 2]! : length;
      const end = Math.min(length, nextSwitch);
      // Copy out: the shared buffer must not leak into strings or events.
      out.push({ fd: this.fd, bytes: this.data.slice(this.readPos, end) });
      this.readPos = end;
    }
    return out;
  }
}
