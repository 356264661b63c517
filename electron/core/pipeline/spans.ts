// Every stage of a run is a span on one clock, starting at the request. Stages are recorded
// back to back, so the spans cover the run with no gap a user cannot explain.
import type { Span } from '../../../shared/run';

/** Time between stages longer than this becomes a span of its own, so the timeline has no holes. */
const GAP_MS = 0.25;

export class SpanRecorder {
  private readonly list: Span[] = [];
  private lastEnd: number;

  constructor(
    /** performance.now() at the request: every span is relative to it. */
    readonly origin: number = performance.now(),
    private readonly onSpan?: (span: Span) => void,
  ) {
    this.lastEnd = origin;
  }

  /** Times `fn` as one stage; `attrs` may be derived from its result (e.g. which builder ran). */
  async stage<T>(name: string, fn: () => Promise<T> | T, attrs?: Span['attrs'] | ((result: T) => Span['attrs'])): Promise<T> {
    const start = performance.now();
    let result: T | undefined;
    let done = false;
    try {
      result = await fn();
      done = true;
      return result;
    } finally {
      const a = typeof attrs === 'function' ? (done ? attrs(result as T) : undefined) : attrs;
      this.record(name, start, performance.now(), a);
    }
  }

  stageSync<T>(name: string, fn: () => T, attrs?: Span['attrs']): T {
    const start = performance.now();
    try {
      return fn();
    } finally {
      this.record(name, start, performance.now(), attrs);
    }
  }

  record(name: string, start: number, end: number, attrs?: Span['attrs']): void {
    if (start - this.lastEnd > GAP_MS) {
      // The event loop was busy elsewhere (another run, GC, the UI's messages): say so.
      this.push({ name: 'wait', startMs: round(this.lastEnd - this.origin), durationMs: round(start - this.lastEnd), attrs: { reason: 'host busy between stages' } });
    }
    this.lastEnd = Math.max(this.lastEnd, end);
    this.push({
      name,
      startMs: round(start - this.origin),
      durationMs: round(Math.max(0, end - start)),
      ...(attrs ? { attrs } : {}),
    });
  }

  /** Closes the timeline at the result (time after the last stage is a span too); returns the total in ms. */
  finish(): number {
    const now = performance.now();
    if (now - this.lastEnd > GAP_MS) this.record('result', this.lastEnd, now);
    return round(Math.max(now, this.lastEnd) - this.origin);
  }

  private push(span: Span): void {
    this.list.push(span);
    this.onSpan?.(span);
  }

  get spans(): Span[] {
    return [...this.list].sort((a, b) => a.startMs - b.startMs);
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
