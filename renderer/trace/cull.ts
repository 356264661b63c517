// Which of a lane's items to draw for a window, and which one is under the pointer. A trace can
// hold 100k slices: only those in the window are visited, and slices narrower than a pixel that
// touch are drawn as one rect (in the colour of the one that covers most of it).
import type { Lane, TimeItem } from './lanes';
import { xOf, type View } from './viewport';

export interface Rect {
  x: number;
  w: number;
  color: string;
  /** The item the rect shows: the one covering most of it when it stands for several. */
  item: TimeItem;
  count: number;
}

/** Index of the first item starting at or after `ns` (items sorted by start). */
export function firstStartingAt(items: ReadonlyArray<TimeItem>, ns: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid]!.startNs < ns) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first item ending at or after `ns`, for items whose ends are sorted too. */
export function firstEndingAt(items: ReadonlyArray<TimeItem>, ns: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid]!.endNs < ns) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where to start visiting a lane for time `ns`: no earlier item can reach it. */
function firstReaching(lane: Pick<Lane, 'items' | 'maxDurNs' | 'endsSorted'>, ns: number): number {
  // With sorted ends, one long slice early in the lane does not make every later search start at 0.
  return lane.endsSorted ? firstEndingAt(lane.items, ns) : firstStartingAt(lane.items, ns - lane.maxDurNs);
}

/**
 * The rects to draw for `lane` in `view` on a canvas `width` px wide. Items narrower than
 * `minPx` are widened to it, and one that starts within `minPx` of the previous rect's end joins it.
 */
export function visibleRects(lane: Pick<Lane, 'items' | 'maxDurNs' | 'endsSorted'>, view: View, width: number, minPx = 1): Rect[] {
  const out: Rect[] = [];
  const items = lane.items;
  if (items.length === 0 || width <= 0 || !(view.endNs > view.startNs)) return out;
  let pending: Rect | null = null;
  let pendingBest = 0;
  for (let i = firstReaching(lane, view.startNs); i < items.length; i += 1) {
    const item = items[i]!;
    if (item.startNs > view.endNs) break;
    if (item.endNs < view.startNs) continue;
    const x0 = Math.max(-1, xOf(item.startNs, view, width));
    const x1 = Math.min(width + 1, xOf(item.endNs, view, width));
    const px = Math.max(0, x1 - x0);
    if (pending && px < minPx && x0 <= pending.x + pending.w + minPx) {
      pending.w = Math.max(pending.w, x0 + Math.max(px, minPx) - pending.x);
      pending.count += 1;
      if (px > pendingBest) {
        pendingBest = px;
        pending.item = item;
        pending.color = item.color;
      }
      continue;
    }
    if (pending) out.push(pending);
    pending = { x: x0, w: Math.max(px, minPx), color: item.color, item, count: 1 };
    pendingBest = px;
  }
  if (pending) out.push(pending);
  return out;
}

/**
 * The item under time `ns`: the innermost (latest-starting) one containing it, or else the
 * nearest instant or item within `toleranceNs` (a thin slice or a log marker a pointer just missed).
 */
export function itemAt(lane: Pick<Lane, 'items' | 'maxDurNs' | 'endsSorted'>, ns: number, toleranceNs: number): TimeItem | null {
  const items = lane.items;
  const from = firstReaching(lane, ns - toleranceNs);
  let best: TimeItem | null = null;
  let bestDist = Infinity;
  for (let i = from; i < items.length; i += 1) {
    const item = items[i]!;
    if (item.startNs > ns + toleranceNs) break;
    const dist = ns < item.startNs ? item.startNs - ns : ns > item.endNs ? ns - item.endNs : 0;
    if (dist > toleranceNs) continue;
    // Later starts win ties: a nested region over its parent.
    if (dist <= bestDist) {
      best = item;
      bestDist = dist;
    }
  }
  return best;
}
