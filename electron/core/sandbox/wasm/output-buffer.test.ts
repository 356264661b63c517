import { describe, expect, it } from 'vitest';
import { createOutputBuffer, OutputReader, OutputWriter } from './output-buffer';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (chunks: { fd: number; bytes: Uint8Array }[]) => chunks.map((c) => `${c.fd}:${new TextDecoder().decode(c.bytes)}`);

describe('shared output buffer', () => {
  it('keeps writes in order across streams, across several drains', () => {
    const sab = createOutputBuffer(1024);
    const w = new OutputWriter(sab);
    const r = new OutputReader(sab);
    w.write(1, enc('a'));
    w.write(1, enc('b'));
    w.write(2, enc('E'));
    expect(dec(r.drain())).toEqual(['1:ab', '2:E']);
    expect(r.drain()).toEqual([]);
    w.write(1, enc('c'));
    w.write(2, enc('F'));
    w.write(2, enc('G'));
    expect(dec(r.drain())).toEqual(['1:c', '2:FG']);
    expect(r.truncated).toBe(false);
  });

  it('cuts at the capacity, says full, and marks the buffer truncated', () => {
    const sab = createOutputBuffer(5);
    const w = new OutputWriter(sab);
    const r = new OutputReader(sab);
    expect(w.write(1, enc('abc'))).toBe('ok');
    expect(w.write(2, enc('defg'))).toBe('full');
    expect(dec(r.drain())).toEqual(['1:abc', '2:de']);
    expect(r.truncated).toBe(true);
    expect(w.write(1, enc('x'))).toBe('full');
  });
});
