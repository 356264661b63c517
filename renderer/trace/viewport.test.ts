import { describe, expect, it } from 'vitest';
import { boundsFor, clampView, fit, formatNs, formatRange, nsAt, pan, panPixels, ticks, xOf, zoomAt, zoomCenter } from './viewport';

const bounds = boundsFor(0, 1_000_000, 1_000);

describe('zoomAt', () => {
  it('keeps the time under the cursor at the same place on screen', () => {
    const view = fit(bounds);
    const width = 800;
    const x = 200;
    const anchor = nsAt(x, view, width);
    const zoomed = zoomAt(view, 0.5, anchor, bounds);
    expect(zoomed.endNs - zoomed.startNs).toBe(500_000);
    expect(xOf(anchor, zoomed, width)).toBeCloseTo(x, 6);
    expect(zoomed.startNs).toBe(125_000);
  });

  it('zooming out again returns to the same window', () => {
    const view = { startNs: 100_000, endNs: 300_000 };
    const out = zoomAt(zoomAt(view, 0.25, 150_000, bounds), 4, 150_000, bounds);
    expect(out.startNs).toBeCloseTo(100_000, 6);
    expect(out.endNs).toBeCloseTo(300_000, 6);
  });

  it('stops at the narrowest window and at the whole timeline', () => {
    const tiny = zoomAt(fit(bounds), 1e-9, 500_000, bounds);
    expect(tiny.endNs - tiny.startNs).toBe(1_000);
    expect(tiny.startNs).toBeCloseTo(499_500, 6);
    expect(zoomAt({ startNs: 10, endNs: 20_000 }, 1000, 0, bounds)).toEqual(fit(bounds));
  });

  it('ignores a nonsense factor', () => {
    const view = { startNs: 1, endNs: 5_000 };
    expect(zoomAt(view, 0, 2, bounds)).toBe(view);
    expect(zoomAt(view, Number.NaN, 2, bounds)).toBe(view);
  });

  it('zooming out near an edge shifts the window back inside instead of past it', () => {
    const view = { startNs: 900_000, endNs: 1_000_000 };
    const out = zoomAt(view, 3, 990_000, bounds);
    expect(out).toEqual({ startNs: 700_000, endNs: 1_000_000 });
  });

  it('zoomCenter zooms around the middle', () => {
    expect(zoomCenter({ startNs: 0, endNs: 400_000 }, 0.5, bounds)).toEqual({ startNs: 100_000, endNs: 300_000 });
  });
});

describe('pan and clamp', () => {
  it('moves the window by time, and stops at either end', () => {
    const view = { startNs: 100_000, endNs: 200_000 };
    expect(pan(view, 50_000, bounds)).toEqual({ startNs: 150_000, endNs: 250_000 });
    expect(pan(view, -500_000, bounds)).toEqual({ startNs: 0, endNs: 100_000 });
    expect(pan(view, 5_000_000, bounds)).toEqual({ startNs: 900_000, endNs: 1_000_000 });
  });

  it('a drag to the right shows earlier time', () => {
    const view = { startNs: 500_000, endNs: 600_000 };
    // 100 px of a 1000 px window is a tenth of the 100 µs window.
    expect(panPixels(view, 100, 1000, bounds)).toEqual({ startNs: 490_000, endNs: 590_000 });
  });

  it('clamps a window that is too wide, too narrow or outside', () => {
    expect(clampView({ startNs: -5, endNs: 2_000_000 }, bounds)).toEqual(fit(bounds));
    expect(clampView({ startNs: 10, endNs: 11 }, bounds)).toEqual({ startNs: 10, endNs: 1_010 });
    expect(clampView({ startNs: -50, endNs: 50_000 }, bounds)).toEqual({ startNs: 0, endNs: 50_050 });
  });

  it('boundsFor never makes an empty timeline', () => {
    expect(boundsFor(0, 0)).toEqual({ startNs: 0, endNs: 1_000, minSpanNs: 1_000 });
    expect(boundsFor(0, 500)).toEqual({ startNs: 0, endNs: 500, minSpanNs: 500 });
  });
});

describe('formatting and ticks', () => {
  it('formats with three significant digits in the unit that fits', () => {
    expect(formatNs(850)).toBe('850 ns');
    expect(formatNs(12_345)).toBe('12.3 µs');
    expect(formatNs(4_560_000)).toBe('4.56 ms');
    expect(formatNs(123_400_000)).toBe('123 ms');
    expect(formatNs(1_200_000_000)).toBe('1.20 s');
    expect(formatNs(0)).toBe('0 ns');
    expect(formatRange({ startNs: 0, endNs: 12_300_000 })).toBe('0 ns – 12.3 ms');
  });

  it('picks a 1/2/5 step with at most the asked number of ticks', () => {
    const { stepNs, times } = ticks({ startNs: 0, endNs: 1_000_000 }, 8);
    expect(stepNs).toBe(200_000);
    expect(times).toEqual([0, 200_000, 400_000, 600_000, 800_000, 1_000_000]);
    const offset = ticks({ startNs: 1_234, endNs: 9_876 }, 5);
    expect(offset.stepNs).toBe(2_000);
    expect(offset.times).toEqual([2_000, 4_000, 6_000, 8_000]);
    expect(ticks({ startNs: 5, endNs: 5 }, 5).times).toEqual([]);
  });
});
