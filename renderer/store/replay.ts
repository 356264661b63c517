// Replays a faketime run's output with the program's own timing. The core builds such a run with
// -tags=faketime, so its sleeps finish at once and each write carries the time it happened at;
// here the writes are shown again, each after its delay (scaled 1:1, each wait capped), like the
// Go Playground does. The schedule is kept on one clock from the start of the replay, so many tiny
// delays add up to the right total instead of drifting by a timer tick each.
import type { RunResult } from '../../shared/run';

export type ReplayEvent = NonNullable<RunResult['replay']>[number];

/** No single wait of a replay is longer than this, whatever the program slept. */
export const MAX_REPLAY_STEP_MS = 10_000;

/** Events due within this much of now are shown together, in one update. */
const DUE_SLACK_MS = 1;

export interface ReplayTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export interface ReplayOptions {
  /** Events that are due, in order; `shown` counts all events shown so far, these included. */
  emit(events: ReadonlyArray<ReplayEvent>, shown: number): void;
  /** Called once when every event is shown, by the schedule or by skip(). Never after cancel(). */
  done(skipped: boolean): void;
  maxStepMs?: number;
  timers?: ReplayTimers;
}

export interface ReplayHandle {
  /** Shows every event still to come at once and ends the replay. */
  skip(): void;
  /** Stops the replay where it is, with no more callbacks. */
  cancel(): void;
  readonly finished: boolean;
}

const realTimers: ReplayTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

/** Each event's time from the start of the replay: the running sum of its capped delays. */
export function replayOffsets(events: ReadonlyArray<Pick<ReplayEvent, 'delayMs'>>, maxStepMs = MAX_REPLAY_STEP_MS): number[] {
  let at = 0;
  return events.map((e) => {
    const delay = Number.isFinite(e.delayMs) ? Math.min(maxStepMs, Math.max(0, e.delayMs)) : 0;
    at += delay;
    return at;
  });
}

/** How long the whole replay takes when nobody skips it. */
export function replayDurationMs(events: ReadonlyArray<Pick<ReplayEvent, 'delayMs'>>, maxStepMs = MAX_REPLAY_STEP_MS): number {
  return replayOffsets(events, maxStepMs).at(-1) ?? 0;
}

/** Starts a replay: events due at once are emitted before this returns. */
export function startReplay(events: ReadonlyArray<ReplayEvent>, options: ReplayOptions): ReplayHandle {
  const timers = options.timers ?? realTimers;
  const offsets = replayOffsets(events, options.maxStepMs);
  const startedAt = timers.now();
  let next = 0;
  let timer: unknown = null;
  let finished = false;

  const finish = (skipped: boolean) => {
    finished = true;
    timer = null;
    options.done(skipped);
  };

  const tick = () => {
    timer = null;
    if (finished) return;
    const elapsed = timers.now() - startedAt;
    let end = next;
    while (end < events.length && (offsets[end] ?? 0) <= elapsed + DUE_SLACK_MS) end++;
    if (end > next) {
      const due = events.slice(next, end);
      next = end;
      options.emit(due, next);
    }
    if (next >= events.length) {
      finish(false);
      return;
    }
    timer = timers.setTimeout(tick, Math.max(0, (offsets[next] ?? 0) - elapsed));
  };

  tick();

  return {
    skip() {
      if (finished) return;
      if (timer !== null) timers.clearTimeout(timer);
      const rest = events.slice(next);
      next = events.length;
      if (rest.length > 0) options.emit(rest, next);
      finish(true);
    },
    cancel() {
      if (finished) return;
      finished = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
    get finished() {
      return finished;
    },
  };
}
