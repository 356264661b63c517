import { describe, expect, it } from 'vitest';
import { layoutSpans } from './segments';

describe('layoutSpans', () => {
  it('orders stages by start and sizes them by their share of the total', () => {
    const layout = layoutSpans(
      [
        { name: 'execute', startMs: 60, durationMs: 20 },
        { name: 'compile', startMs: 0, durationMs: 60 },
      ],
      100,
    );
    expect(layout.segments.map((s) => [s.name, s.fraction])).toEqual([
      ['compile', 0.6],
      ['execute', 0.2],
    ]);
    expect(layout.otherMs).toBe(20);
    expect(layout.otherFraction).toBeCloseTo(0.2);
    expect(layout.segments[0]?.colorIndex).not.toBe(layout.segments[1]?.colorIndex);
  });

  it('never lets stages overflow the bar when they add up to more than the total', () => {
    const layout = layoutSpans([{ name: 'a', startMs: 0, durationMs: 30 }, { name: 'b', startMs: 0, durationMs: 30 }], 40);
    expect(layout.totalMs).toBe(60);
    expect(layout.segments.reduce((acc, s) => acc + s.fraction, 0)).toBeCloseTo(1);
    expect(layout.otherMs).toBe(0);
  });

  it('is empty when there is no time to show', () => {
    expect(layoutSpans([], 0).segments).toEqual([]);
  });
});
