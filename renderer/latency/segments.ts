// Lays a run's spans out as one stacked bar: each stage's width is its share of the run's time;
// time no stage accounts for is one trailing "other" segment.
import type { Span } from '../../shared/run';

export interface Segment {
  name: string;
  durationMs: number;
  /** Share of the bar, 0..1. */
  fraction: number;
  colorIndex: number;
}

export interface LatencyLayout {
  segments: Segment[];
  totalMs: number;
  /** Time between and around the stages (scheduling, transport), or still to come while running. */
  otherMs: number;
  otherFraction: number;
}

export const PALETTE_SIZE = 10;

export function layoutSpans(spans: ReadonlyArray<Span>, totalMs?: number | null): LatencyLayout {
  const ordered = [...spans]
    .filter((s) => Number.isFinite(s.durationMs) && s.durationMs >= 0)
    .sort((a, b) => a.startMs - b.startMs);
  const sum = ordered.reduce((acc, s) => acc + s.durationMs, 0);
  const total = Math.max(sum, totalMs && Number.isFinite(totalMs) ? totalMs : 0);
  if (total <= 0) {
    return { segments: [], totalMs: 0, otherMs: 0, otherFraction: 0 };
  }
  // Colours follow the stage order: neighbours always differ, and a pipeline that reports the
  // same stages gives each the same colour run after run.
  const segments = ordered.map((s, i) => ({
    name: s.name,
    durationMs: s.durationMs,
    fraction: s.durationMs / total,
    colorIndex: i % PALETTE_SIZE,
  }));
  const otherMs = total - sum;
  return { segments, totalMs: total, otherMs, otherFraction: otherMs / total };
}
