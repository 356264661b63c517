// Go's faketime runtime (-tags=faketime) precedes every write to fd 1 and 2 with a header:
// "\0\0PB", an 8-byte big-endian Unix time in nanoseconds and a 4-byte big-endian length. The
// clock starts at 2009-11-10 23:00:00 UTC and sleeps complete at once; the timestamps let the
// UI replay the output with the delays the program asked for, as the Go Playground does.
import type { OutputStream } from '../../../../shared/run';

export interface ReplayEvent {
  stream: OutputStream;
  data: string;
  /** Milliseconds after the previous event (the program's own sleeps). */
  delayMs: number;
}

const MAGIC = [0, 0, 0x50, 0x42];
const HEADER = 16;
export const FAKETIME_EPOCH_NS = 1257894000000000000n;

export class FaketimeDecoder {
  private readonly timed: { event: ReplayEvent; atNs: bigint; seq: number }[] = [];
  private readonly pending: Record<OutputStream, Buffer> = { stdout: Buffer.alloc(0), stderr: Buffer.alloc(0) };
  private readonly decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  private lastNs: bigint = FAKETIME_EPOCH_NS;

  /** Feeds bytes of one stream; returns the complete writes decoded so far. */
  push(stream: OutputStream, bytes: Uint8Array): ReplayEvent[] {
    let buf = Buffer.concat([this.pending[stream], bytes]);
    const out: ReplayEvent[] = [];
    while (buf.length > 0) {
      if (!startsWithMagic(buf)) {
        // Not framed (a write that bypassed the runtime): pass it through up to the next header.
        const next = indexOfMagic(buf, 1);
        const cut = next < 0 ? (couldBeMagicPrefix(buf) ? 0 : buf.length) : next;
        if (cut === 0) break;
        out.push(this.event(stream, buf.subarray(0, cut), this.lastNs));
        buf = buf.subarray(cut);
        continue;
      }
      if (buf.length < HEADER) break;
      const at = buf.readBigUInt64BE(4);
      const len = buf.readUInt32BE(12);
      if (buf.length < HEADER + len) break;
      out.push(this.event(stream, buf.subarray(HEADER, HEADER + len), at));
      buf = buf.subarray(HEADER + len);
    }
    this.pending[stream] = Buffer.from(buf);
    return out.filter((e) => e.data !== '');
  }

  /** Whatever is left when the program ended (a cut-off write). */
  flush(): ReplayEvent[] {
    const out: ReplayEvent[] = [];
    for (const stream of ['stdout', 'stderr'] as const) {
      const rest = this.pending[stream];
      this.pending[stream] = Buffer.alloc(0);
      const text = this.decoders[stream].decode(rest.length >= HEADER && startsWithMagic(rest) ? rest.subarray(HEADER) : rest);
      if (text !== '') out.push(this.record({ stream, data: text, delayMs: 0 }));
    }
    return out;
  }

  /**
   * Every write in the order the program made it: stdout and stderr reach us through separate
   * pipes, so arrival order is not write order; the faketime clock is (it even advances 1 ns when
   * the program switches between them). Delays are taken between consecutive writes.
   */
  get events(): ReplayEvent[] {
    const sorted = [...this.timed].sort((a, b) => (a.atNs < b.atNs ? -1 : a.atNs > b.atNs ? 1 : a.seq - b.seq));
    let prev = FAKETIME_EPOCH_NS;
    return sorted.map(({ event, atNs }) => {
      const delayNs = atNs > prev ? atNs - prev : 0n;
      if (atNs > prev) prev = atNs;
      return { ...event, delayMs: Number(delayNs / 1000n) / 1000 };
    });
  }

  private event(stream: OutputStream, bytes: Uint8Array, atNs: bigint): ReplayEvent {
    const delayNs = atNs > this.lastNs ? atNs - this.lastNs : 0n;
    if (atNs > this.lastNs) this.lastNs = atNs;
    return this.record({ stream, data: this.decoders[stream].decode(bytes, { stream: true }), delayMs: Number(delayNs / 1000n) / 1000 }, atNs);
  }

  private record(e: ReplayEvent, atNs: bigint = this.lastNs): ReplayEvent {
    if (e.data !== '') this.timed.push({ event: e, atNs, seq: this.timed.length });
    return e;
  }
}

function startsWithMagic(b: Buffer): boolean {
  return b.length >= 4 && b[0] === MAGIC[0] && b[1] === MAGIC[1] && b[2] === MAGIC[2] && b[3] === MAGIC[3];
}

function indexOfMagic(b: Buffer, from: number): number {
  return b.indexOf(Buffer.from(MAGIC), from);
}

/** A buffer ending in the first bytes of a header must wait for more. */
function couldBeMagicPrefix(b: Buffer): boolean {
  return b.length < 4 && MAGIC.slice(0, b.length).every((m, i) => b[i] === m);
}
