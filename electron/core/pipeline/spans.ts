// Every stage of a run is a span on one clock, starting at the request. Stages are recorded
// back to back, so the spans cover the run with no gap a user cannot explain.
import type { Span } from '../../../shared/run';

export class SpanRecorder {
  private readonly list: Span[] = [];

  constructor(
    /** performance.now() at the request: every span is relative to it. */
    readonly origin: number = performance.now(),
    private readonly onSpan?: (span: Span) => void,
  ) {}

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
    const span: Span = {
      name,
      startMs: round(start - this.origin),
      durationMs: round(Math.max(0, end - start)),
      ...(attrs ? { attrs } : {}),
    };
    this.list.push(span);
    this.onSpan?.(span);
  }

  get spans(): Span[] {
    return [...this.list].sort((a, b) => a.startMs - b.startMs);
  }

  elapsed(): number {
    return round(performance.now() - this.origin);
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
