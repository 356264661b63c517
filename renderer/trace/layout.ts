// Lanes stacked top to bottom: each kind's height, where each lane starts, and which lane a
// pointer is over.
import type { LaneKind } from './lanes';

const HEIGHT: Record<LaneKind, number> = {
  pipeline: 24,
  proc: 22,
  gc: 14,
  stw: 14,
  task: 16,
  region: 16,
  log: 16,
  goroutine: 16,
};

/** Space between lanes of different kinds, so the groups read apart. */
const GROUP_GAP = 6;

export interface LaneLayout {
  tops: number[];
  heights: number[];
  total: number;
}

export function layoutLanes(lanes: ReadonlyArray<{ kind: LaneKind }>): LaneLayout {
  const tops: number[] = [];
  const heights: number[] = [];
  let y = 0;
  lanes.forEach((lane, i) => {
    if (i > 0 && lanes[i - 1]!.kind !== lane.kind) y += GROUP_GAP;
    tops.push(y);
    heights.push(HEIGHT[lane.kind]);
    y += HEIGHT[lane.kind];
  });
  return { tops, heights, total: y };
}

/** The lane at content height `y`, or -1 between groups and outside. */
export function laneIndexAt(layout: LaneLayout, y: number): number {
  let lo = 0;
  let hi = layout.tops.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const top = layout.tops[mid]!;
    if (y < top) hi = mid - 1;
    else if (y >= top + layout.heights[mid]!) lo = mid + 1;
    else return mid;
  }
  return -1;
}
