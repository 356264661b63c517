// The trace timeline's visible window over time: zoom around a point, pan, fit, and the mapping
// between nanoseconds and pixels. Pure, so the interaction math is tested without a canvas.

export interface View {
  startNs: number;
  endNs: number;
}

export interface Bounds {
  /** The whole timeline: the window never leaves it. */
  startNs: number;
  endNs: number;
  /** The narrowest window (zooming stops there). */
  minSpanNs: number;
}

/** Zooming in further than this shows nothing a trace resolves (its clock ticks are coarser). */
export const MIN_SPAN_NS = 1_000;

export function boundsFor(startNs: number, endNs: number, minSpanNs = MIN_SPAN_NS): Bounds {
  const end = Number.isFinite(endNs) && endNs > startNs ? endNs : startNs + minSpanNs;
  return { startNs, endNs: end, minSpanNs: Math.min(minSpanNs, end - startNs) };
}

export function fit(bounds: Bounds): View {
  return { startNs: bounds.startNs, endNs: bounds.endNs };
}

/** The window moved and sized to lie inside the bounds, at least minSpanNs wide. */
export function clampView(view: View, bounds: Bounds): View {
  const total = bounds.endNs - bounds.startNs;
  let span = view.endNs - view.startNs;
  if (!Number.isFinite(span) || span >= total) return fit(bounds);
  span = Math.max(span, bounds.minSpanNs);
  let start = Number.isFinite(view.startNs) ? view.startNs : bounds.startNs;
  start = Math.min(Math.max(start, bounds.startNs), bounds.endNs - span);
  return { startNs: start, endNs: start + span };
}

/**
 * Zooms by `factor` (< 1 in, > 1 out) keeping the time under `anchorNs` where it is on screen:
 * the mouse-wheel zoom of every timeline tool.
 */
export function zoomAt(view: View, factor: number, anchorNs: number, bounds: Bounds): View {
  if (!Number.isFinite(factor) || factor <= 0) return view;
  const span = view.endNs - view.startNs;
  const total = bounds.endNs - bounds.startNs;
  const next = Math.min(total, Math.max(bounds.minSpanNs, span * factor));
  const anchor = Math.min(Math.max(anchorNs, view.startNs), view.endNs);
  const at = span > 0 ? (anchor - view.startNs) / span : 0.5;
  const start = anchor - at * next;
  return clampView({ startNs: start, endNs: start + next }, bounds);
}

/** Zooms around the middle of the window (the + and − buttons, the keyboard). */
export function zoomCenter(view: View, factor: number, bounds: Bounds): View {
  return zoomAt(view, factor, (view.startNs + view.endNs) / 2, bounds);
}

export function pan(view: View, deltaNs: number, bounds: Bounds): View {
  if (!Number.isFinite(deltaNs)) return view;
  return clampView({ startNs: view.startNs + deltaNs, endNs: view.endNs + deltaNs }, bounds);
}

/** Pans by a number of pixels of a window `width` px wide (a drag moves the content with the pointer). */
export function panPixels(view: View, dx: number, width: number, bounds: Bounds): View {
  if (width <= 0) return view;
  return pan(view, (-dx / width) * (view.endNs - view.startNs), bounds);
}

export function xOf(ns: number, view: View, width: number): number {
  return ((ns - view.startNs) / (view.endNs - view.startNs)) * width;
}

export function nsAt(x: number, view: View, width: number): number {
  return width <= 0 ? view.startNs : view.startNs + (x / width) * (view.endNs - view.startNs);
}

export function sameView(a: View, b: View): boolean {
  return a.startNs === b.startNs && a.endNs === b.endNs;
}

/** "850 ns", "12.3 µs", "4.56 ms", "1.20 s": three significant digits, the unit that fits. */
export function formatNs(ns: number): string {
  if (!Number.isFinite(ns)) return '—';
  const abs = Math.abs(ns);
  const [value, unit] = abs >= 1e9 ? [ns / 1e9, 's'] : abs >= 1e6 ? [ns / 1e6, 'ms'] : abs >= 1e3 ? [ns / 1e3, 'µs'] : [ns, 'ns'];
  if (unit === 'ns') return `${Math.round(value)} ns`;
  const a = Math.abs(value);
  return `${value.toFixed(a >= 100 ? 0 : a >= 10 ? 1 : 2)} ${unit}`;
}

/** The visible range as the readout shows it: "0 ns – 12.3 ms". */
export function formatRange(view: View): string {
  return `${formatNs(view.startNs)} – ${formatNs(view.endNs)}`;
}

/**
 * Axis ticks: a 1/2/5 × 10^k step giving at most about `maxTicks` labels over the window,
 * and the tick times inside it.
 */
export function ticks(view: View, maxTicks: number): { stepNs: number; times: number[] } {
  const span = view.endNs - view.startNs;
  if (!(span > 0) || maxTicks < 1) return { stepNs: 0, times: [] };
  const raw = span / maxTicks;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const stepNs = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  const times: number[] = [];
  for (let t = Math.ceil(view.startNs / stepNs) * stepNs; t <= view.endNs; t += stepNs) times.push(t);
  return { stepNs, times };
}
