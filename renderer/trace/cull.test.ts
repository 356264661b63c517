import { describe, expect, it } from 'vitest';
import { firstEndingAt, firstStartingAt, itemAt, visibleRects } from './cull';
import type { TimeItem } from './lanes';

function item(startNs: number, endNs: number, color = 'a', name = `${startNs}`): TimeItem {
  return { startNs, endNs, color, name };
}

function laneOf(items: TimeItem[]) {
  return {
    items,
    maxDurNs: items.reduce((m, i) => Math.max(m, i.endNs - i.startNs), 0),
    endsSorted: items.every((it, i) => i === 0 || it.endNs >= items[i - 1]!.endNs),
  };
}

describe('visibleRects', () => {
  it('draws only the items in the window, placed in pixels', () => {
    const lane = laneOf([item(0, 100), item(200, 300), item(400, 500), item(900, 1000)]);
    const rects = visibleRects(lane, { startNs: 150, endNs: 550 }, 400);
    expect(rects.map((r) => [r.item.name, r.x, r.w])).toEqual([
      ['200', 50, 100],
      ['400', 250, 100],
    ]);
  });

  it('finds an item that began before the window and reaches into it', () => {
    const lane = laneOf([item(0, 1000, 'long'), item(1000, 1001)]);
    const rects = visibleRects(lane, { startNs: 500, endNs: 600 }, 100);
    expect(rects).toHaveLength(1);
    expect(rects[0]!.item.name).toBe('0');
    // Clipped to just outside the canvas, not drawn thousands of pixels wide.
    expect(rects[0]!.x).toBe(-1);
    expect(rects[0]!.w).toBe(102);
  });

  it('merges touching sub-pixel items into one rect in the colour of the largest', () => {
    const items: TimeItem[] = [];
    // 10 000 slices 10 ns apart over 100 µs, drawn on 100 px: 0.005 px each.
    for (let i = 0; i < 10_000; i += 1) items.push(item(i * 10, i * 10 + (i === 5000 ? 9 : 5), i === 5000 ? 'big' : 'small'));
    const rects = visibleRects(laneOf(items), { startNs: 0, endNs: 100_000 }, 100);
    expect(rects).toHaveLength(1);
    expect(rects[0]!.count).toBe(10_000);
    expect(rects[0]!.color).toBe('big');
    expect(rects[0]!.x).toBe(0);
    // The last slice starts at 99.99 px and is widened to a pixel.
    expect(rects[0]!.w).toBeCloseTo(100.99, 5);
  });

  it('keeps wide items apart, and thin items far apart as separate rects', () => {
    const lane = laneOf([item(0, 400), item(400, 800), item(2000, 2001), item(5000, 5001)]);
    const rects = visibleRects(lane, { startNs: 0, endNs: 10_000 }, 1000);
    expect(rects.map((r) => [r.x, r.w, r.count])).toEqual([
      [0, 40, 1],
      [40, 40, 1],
      [200, 1, 1],
      [500, 1, 1],
    ]);
  });

  it('draws at most about one rect per pixel, however many slices the lane has', () => {
    // 100 000 slices of varied length with varied gaps, as a busy P lane has.
    const items: TimeItem[] = [];
    let t = 0;
    for (let i = 0; i < 100_000; i += 1) {
      const len = 200 + ((i * 7919) % 5000);
      items.push(item(t, t + len, `g${i % 5}`));
      t += len + ((i * 104_729) % 3000);
    }
    const rects = visibleRects(laneOf(items), { startNs: 0, endNs: t }, 1000);
    expect(rects.length).toBeLessThanOrEqual(1000);
    expect(rects.reduce((n, r) => n + r.count, 0)).toBe(100_000);
    // Zoomed into a hundredth, only the slices there are visited, each its own rect again.
    const zoomed = visibleRects(laneOf(items), { startNs: t / 2, endNs: t / 2 + t / 10_000 }, 1000);
    expect(zoomed.length).toBeGreaterThan(0);
    expect(zoomed.every((r) => r.count === 1)).toBe(true);
  });

  it('is empty for an empty lane or a degenerate window', () => {
    expect(visibleRects(laneOf([]), { startNs: 0, endNs: 10 }, 100)).toEqual([]);
    expect(visibleRects(laneOf([item(0, 5)]), { startNs: 5, endNs: 5 }, 100)).toEqual([]);
  });
});

describe('itemAt', () => {
  const lane = laneOf([item(0, 100, 'a', 'outer'), item(20, 40, 'b', 'inner'), item(300, 300, 'c', 'log')]);

  it('picks the innermost item under the time', () => {
    expect(itemAt(lane, 30, 0)?.name).toBe('inner');
    expect(itemAt(lane, 60, 0)?.name).toBe('outer');
  });

  it('finds an instant within the tolerance, and nothing beyond it', () => {
    expect(itemAt(lane, 303, 5)?.name).toBe('log');
    expect(itemAt(lane, 310, 5)).toBeNull();
    expect(itemAt(lane, 200, 5)).toBeNull();
  });
});

describe('firstEndingAt', () => {
  it('is a lower bound on end', () => {
    const items = [item(0, 100), item(100, 120), item(130, 500)];
    expect(firstEndingAt(items, 50)).toBe(0);
    expect(firstEndingAt(items, 101)).toBe(1);
    expect(firstEndingAt(items, 121)).toBe(2);
    expect(firstEndingAt(items, 501)).toBe(3);
  });

  it('finds exactly the window’s items when one long slice comes first (searched by end)', () => {
    const items = [item(0, 1_000_000, 'a', 'long')];
    for (let i = 0; i < 1000; i += 1) items.push(item(1_000_000 + i * 10, 1_000_000 + i * 10 + 5));
    const lane = laneOf(items);
    expect(lane.endsSorted).toBe(true);
    const rects = visibleRects(lane, { startNs: 1_005_000, endNs: 1_005_100 }, 100);
    expect(itemAt(lane, 500_000, 0)?.name).toBe('long');
    expect(itemAt(lane, 1_005_012, 0)?.startNs).toBe(1_005_010);
    expect(rects.map((r) => r.item.startNs)).toEqual([1_005_000, 1_005_010, 1_005_020, 1_005_030, 1_005_040, 1_005_050, 1_005_060, 1_005_070, 1_005_080, 1_005_090, 1_005_100]);
  });
});

describe('firstStartingAt', () => {
  it('is a lower bound on start', () => {
    const items = [item(0, 1), item(10, 11), item(10, 12), item(20, 21)];
    expect(firstStartingAt(items, -5)).toBe(0);
    expect(firstStartingAt(items, 10)).toBe(1);
    expect(firstStartingAt(items, 11)).toBe(3);
    expect(firstStartingAt(items, 99)).toBe(4);
  });
});
