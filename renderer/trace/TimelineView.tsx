// The timeline itself: lane labels on the left (DOM, so they can be clicked and found), the lanes
// on a canvas that draws only what is in the window, and a time axis above. Wheel zooms around the
// pointer, Shift+wheel and dragging pan, arrow keys pan, +/− zoom, 0 fits; hover shows a tooltip,
// a click selects the goroutine under the pointer.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { useApp } from '../store/context';
import { selectResolvedTheme } from '../theme/appearance-slice';
import { canvasPaletteOf, type CanvasPalette } from '../theme/canvas-palette';
import { itemAt, visibleRects } from './cull';
import type { Lane, TimeItem, TimelineModel } from './lanes';
import { laneIndexAt, layoutLanes, type LaneLayout } from './layout';
import { fit, formatNs, nsAt, pan, panPixels, ticks, xOf, zoomAt, zoomCenter, type Bounds, type View } from './viewport';

export const LABEL_WIDTH = 124;
const AXIS_HEIGHT = 22;
/** A drag shorter than this is a click. */
const CLICK_SLOP_PX = 3;
/** Hover and click find items this close to the pointer (thin slices, log markers). */
const HIT_SLOP_PX = 3;
const LABEL_MIN_PX = 36;

interface Hover {
  x: number;
  y: number;
  lane: Lane;
  item: TimeItem;
}

export interface TimelineViewProps {
  model: TimelineModel;
  view: View;
  bounds: Bounds;
  onView(view: View): void;
  selectedG: number | null;
  onSelectG(g: number | null): void;
}

export function TimelineView({ model, view, bounds, onView, selectedG, onSelectG }: TimelineViewProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const axis = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [scrollTop, setScrollTop] = useState(0);
  const [hover, setHover] = useState<Hover | null>(null);
  const layout = useMemo(() => layoutLanes(model.lanes), [model]);
  // The canvas's colours come from the theme: draw again when it changes.
  const theme = useApp(selectResolvedTheme);

  // Latest values for the native listeners, which are bound once.
  const latest = useRef({ view, bounds, onView, size });
  latest.current = { view, bounds, onView, size };

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setSize({ width: Math.max(0, el.clientWidth - LABEL_WIDTH), height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // React's wheel listener is passive; zooming must stop the page from scrolling.
  useEffect(() => {
    const targets = [canvas.current, axis.current].filter((c): c is HTMLCanvasElement => c !== null);
    const onWheel = (e: WheelEvent) => {
      const { view: v, bounds: b, onView: set, size: s } = latest.current;
      if (s.width <= 0) return;
      e.preventDefault();
      const scale = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? s.width : 1;
      const dx = e.deltaX * scale;
      const dy = e.deltaY * scale;
      if (e.shiftKey || Math.abs(dx) > Math.abs(dy)) {
        set(panPixels(v, -(e.shiftKey ? dy || dx : dx), s.width, b));
        return;
      }
      const x = e.offsetX;
      set(zoomAt(v, Math.exp(dy * 0.002), nsAt(x, v, s.width), b));
    };
    for (const t of targets) t.addEventListener('wheel', onWheel, { passive: false });
    return () => targets.forEach((t) => t.removeEventListener('wheel', onWheel));
  }, []);

  useEffect(() => {
    drawAxis(axis.current, view, size.width, model.traceOffsetNs, canvasPaletteOf(axis.current));
  }, [view, size.width, model.traceOffsetNs, theme]);

  useEffect(() => {
    const frame = requestAnimationFrame(() => drawLanes(canvas.current, model, layout, view, size, scrollTop, selectedG, hover?.item ?? null, canvasPaletteOf(canvas.current)));
    return () => cancelAnimationFrame(frame);
  }, [model, layout, view, size, scrollTop, selectedG, hover, theme]);

  const hitTest = useCallback(
    (clientX: number, clientY: number): Hover | null => {
      const el = canvas.current;
      if (!el || size.width <= 0) return null;
      const rect = el.getBoundingClientRect();
      const x = clientX - rect.left;
      const y = clientY - rect.top;
      const index = laneIndexAt(layout, y + scrollTop);
      const lane = model.lanes[index];
      if (!lane) return null;
      const tolerance = (HIT_SLOP_PX / size.width) * (view.endNs - view.startNs);
      const item = itemAt(lane, nsAt(x, view, size.width), tolerance);
      return item ? { x, y, lane, item } : null;
    },
    [layout, model, scrollTop, size.width, view],
  );

  const drag = useRef<{ x: number; view: View; moved: boolean; pointerId: number } | null>(null);

  const onPointerDown = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
    drag.current = { x: e.clientX, view, moved: false, pointerId: e.pointerId };
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    if (d) {
      const dx = e.clientX - d.x;
      if (d.moved || Math.abs(dx) >= CLICK_SLOP_PX) {
        d.moved = true;
        setHover(null);
        onView(panPixels(d.view, dx, size.width, bounds));
        return;
      }
    }
    setHover(hitTest(e.clientX, e.clientY));
  };
  const onPointerUp = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    drag.current = null;
    if (!d || d.moved) return;
    const hit = hitTest(e.clientX, e.clientY);
    const g = hit?.item.g ?? hit?.lane.g ?? null;
    onSelectG(g !== undefined && g !== null && g !== selectedG ? g : null);
  };

  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    const step = (view.endNs - view.startNs) / 10;
    let next: View | null = null;
    if (e.key === 'ArrowLeft') next = pan(view, -step, bounds);
    else if (e.key === 'ArrowRight') next = pan(view, step, bounds);
    else if (e.key === '+' || e.key === '=') next = zoomCenter(view, 0.5, bounds);
    else if (e.key === '-' || e.key === '_') next = zoomCenter(view, 2, bounds);
    else if (e.key === '0') next = fit(bounds);
    else if (e.key === 'Escape') onSelectG(null);
    if (next) {
      e.preventDefault();
      onView(next);
    }
  };

  const visibleHeight = Math.max(0, Math.min(size.height, layout.total));

  return (
    <div className="timeline" onKeyDown={onKeyDown}>
      <div className="timeline-axis-row">
        <div className="timeline-corner" style={{ width: LABEL_WIDTH }}>
          run clock
        </div>
        <canvas ref={axis} className="timeline-axis" style={{ height: AXIS_HEIGHT }} aria-hidden="true" />
      </div>
      <div className="timeline-scroll" ref={scroller} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <div className="timeline-content" style={{ height: Math.max(layout.total, 1) }}>
          <ul className="timeline-labels" style={{ width: LABEL_WIDTH }} aria-label="Lanes">
            {model.lanes.map((lane, i) => (
              <li
                key={lane.id}
                className={`timeline-label kind-${lane.kind}${lane.g !== undefined && lane.g === selectedG ? ' is-selected' : ''}`}
                style={{ top: layout.tops[i], height: layout.heights[i] }}
                data-testid="trace-lane"
                data-kind={lane.kind}
                data-lane={lane.id}
                title={lane.label}
                onClick={lane.g !== undefined ? () => onSelectG(lane.g === selectedG ? null : (lane.g ?? null)) : undefined}
              >
                {lane.label}
              </li>
            ))}
          </ul>
          <canvas
            ref={canvas}
            className="timeline-canvas"
            style={{ marginLeft: LABEL_WIDTH, height: visibleHeight, width: size.width }}
            tabIndex={0}
            data-testid="trace-canvas"
            aria-label="Trace timeline: wheel to zoom, drag or arrow keys to pan, click a goroutine to see where it was created"
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerLeave={() => setHover(null)}
          />
        </div>
      </div>
      {hover && <Tooltip hover={hover} offsetNs={model.traceOffsetNs} flip={hover.x > size.width - 280} />}
    </div>
  );
}

function Tooltip({ hover, offsetNs, flip }: { hover: Hover; offsetNs: number | null; flip: boolean }) {
  const { item, lane } = hover;
  const duration = item.endNs - item.startNs;
  const inTrace = offsetNs !== null && lane.kind !== 'pipeline';
  return (
    <div className="timeline-tooltip" role="tooltip" data-testid="trace-tooltip" style={{ left: LABEL_WIDTH + hover.x + 14, top: AXIS_HEIGHT + hover.y + 14, ...(flip ? { transform: 'translateX(calc(-100% - 28px))' } : {}) }}
    >
      <div className="timeline-tooltip-title">{item.name}</div>
      {item.state && (
        <div>
          {item.state}
          {item.reason ? ` (${item.reason})` : ''}
        </div>
      )}
      <div className="timeline-tooltip-meta">
        {lane.label && <span>{lane.label} · </span>}
        at {formatNs(item.startNs)}
        {inTrace && offsetNs !== null && ` (trace +${formatNs(item.startNs - offsetNs)})`}
        {duration > 0 && ` · ${formatNs(duration)}`}
      </div>
      {item.detail && <div className="timeline-tooltip-detail">{item.detail}</div>}
    </div>
  );
}

function prepare(canvas: HTMLCanvasElement | null, width: number, height: number): CanvasRenderingContext2D | null {
  if (!canvas || width <= 0 || height <= 0) return null;
  const dpr = window.devicePixelRatio || 1;
  const w = Math.round(width * dpr);
  const h = Math.round(height * dpr);
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

const FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

function drawAxis(canvas: HTMLCanvasElement | null, view: View, width: number, traceOffsetNs: number | null, palette: CanvasPalette): void {
  if (canvas) canvas.style.width = `${width}px`;
  const ctx = prepare(canvas, width, AXIS_HEIGHT);
  if (!ctx) return;
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  const { times } = ticks(view, Math.max(2, Math.floor(width / 90)));
  for (const t of times) {
    const x = Math.round(xOf(t, view, width)) + 0.5;
    ctx.fillStyle = palette.tick;
    ctx.fillRect(x, AXIS_HEIGHT - 6, 1, 6);
    ctx.fillStyle = palette.label;
    ctx.fillText(formatNs(t), x + 4, AXIS_HEIGHT / 2 - 1);
  }
  if (traceOffsetNs !== null) {
    const x = xOf(traceOffsetNs, view, width);
    if (x >= 0 && x <= width) {
      ctx.fillStyle = palette.marker;
      ctx.fillRect(Math.round(x), 0, 1, AXIS_HEIGHT);
    }
  }
}

function drawLanes(
  canvas: HTMLCanvasElement | null,
  model: TimelineModel,
  layout: LaneLayout,
  view: View,
  size: { width: number; height: number },
  scrollTop: number,
  selectedG: number | null,
  hovered: TimeItem | null,
  palette: CanvasPalette,
): void {
  const width = size.width;
  const height = Math.max(0, Math.min(size.height, layout.total));
  const ctx = prepare(canvas, width, height);
  if (!ctx) return;
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  const { times } = ticks(view, Math.max(2, Math.floor(width / 90)));
  ctx.fillStyle = palette.grid;
  for (const t of times) ctx.fillRect(Math.round(xOf(t, view, width)), 0, 1, height);

  const first = Math.max(0, laneIndexAt(layout, scrollTop));
  for (let i = first; i < model.lanes.length; i += 1) {
    const top = layout.tops[i]! - scrollTop;
    if (top > height) break;
    const h = layout.heights[i]!;
    if (top + h < 0) continue;
    const lane = model.lanes[i]!;
    if (i % 2 === 0) {
      ctx.fillStyle = palette.stripe;
      ctx.fillRect(0, top, width, h);
    }
    const pad = 2;
    const y = top + pad;
    const bh = h - pad * 2;
    if (lane.kind === 'log') {
      for (const r of visibleRects(lane, view, width, 5)) {
        ctx.fillStyle = r.color;
        const cx = r.x + 2;
        ctx.beginPath();
        ctx.moveTo(cx, y);
        ctx.lineTo(cx + 4, y + bh / 2);
        ctx.lineTo(cx, y + bh);
        ctx.lineTo(cx - 4, y + bh / 2);
        ctx.closePath();
        ctx.fill();
      }
      continue;
    }
    for (const r of visibleRects(lane, view, width)) {
      ctx.fillStyle = r.color;
      ctx.fillRect(r.x, y, r.w, bh);
      const selected = selectedG !== null && r.item.g === selectedG;
      if (selected || r.item === hovered) {
        ctx.strokeStyle = selected ? palette.selection : palette.hover;
        ctx.lineWidth = 1;
        ctx.strokeRect(r.x + 0.5, y + 0.5, Math.max(0, r.w - 1), bh - 1);
      }
      if (r.w >= LABEL_MIN_PX && r.count === 1) {
        const text = fitText(r.item.name, r.w - 8);
        if (text) {
          const x0 = Math.max(r.x, 0) + 4;
          ctx.fillStyle = lane.kind === 'goroutine' && r.item.state === 'waiting' ? '#d7dae0' : 'rgba(10, 12, 16, 0.88)';
          ctx.fillText(text, x0, y + bh / 2 + 0.5);
        }
      }
    }
  }
  if (model.traceOffsetNs !== null) {
    const x = xOf(model.traceOffsetNs, view, width);
    if (x >= 0 && x <= width) {
      ctx.fillStyle = palette.marker;
      ctx.globalAlpha = 0.35;
      ctx.fillRect(Math.round(x), 0, 1, height);
      ctx.globalAlpha = 1;
    }
  }
}

/** The name cut to fit `px` at the 11 px font (about 6 px a character), or '' if not even a few fit. */
function fitText(name: string, px: number): string {
  const chars = Math.floor(px / 6.2);
  if (chars < 3) return '';
  return name.length <= chars ? name : `${name.slice(0, chars - 1)}…`;
}
