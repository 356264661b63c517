import { describe, expect, it } from 'vitest';
import { laneIndexAt, layoutLanes } from './layout';

describe('layoutLanes', () => {
  const layout = layoutLanes([{ kind: 'pipeline' }, { kind: 'proc' }, { kind: 'proc' }, { kind: 'gc' }]);

  it('stacks lanes with a gap between kinds', () => {
    expect(layout.tops).toEqual([0, 30, 52, 80]);
    expect(layout.heights).toEqual([24, 22, 22, 14]);
    expect(layout.total).toBe(94);
  });

  it('finds the lane under a height, and none in a gap or outside', () => {
    expect(laneIndexAt(layout, 0)).toBe(0);
    expect(laneIndexAt(layout, 23.9)).toBe(0);
    expect(laneIndexAt(layout, 26)).toBe(-1);
    expect(laneIndexAt(layout, 52)).toBe(2);
    expect(laneIndexAt(layout, 93)).toBe(3);
    expect(laneIndexAt(layout, 94)).toBe(-1);
    expect(laneIndexAt(layout, -1)).toBe(-1);
  });
});
