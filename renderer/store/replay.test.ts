import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_REPLAY_STEP_MS, replayDurationMs, replayOffsets, startReplay, type ReplayEvent } from './replay';

const ev = (data: string, delayMs: number, stream: ReplayEvent['stream'] = 'stdout'): ReplayEvent => ({ stream, data, delayMs });

function record(events: ReplayEvent[], maxStepMs?: number) {
  const shown: string[] = [];
  const batches: number[] = [];
  const ends: boolean[] = [];
  const handle = startReplay(events, {
    emit(due, count) {
      shown.push(...due.map((e) => e.data));
      batches.push(count);
      expect(count).toBe(shown.length);
    },
    done: (skipped) => ends.push(skipped),
    ...(maxStepMs !== undefined ? { maxStepMs } : {}),
  });
  return { shown, batches, ends, handle };
}

describe('replay scheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows each write after its delay, on one clock from the start', () => {
    const { shown, ends, handle } = record([ev('a\n', 0), ev('b\n', 1000), ev('c\n', 1000)]);
    // What is due at once is shown before startReplay returns.
    expect(shown).toEqual(['a\n']);
    vi.advanceTimersByTime(999);
    expect(shown).toEqual(['a\n']);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual(['a\n', 'b\n']);
    vi.advanceTimersByTime(999);
    expect(shown).toEqual(['a\n', 'b\n']);
    expect(handle.finished).toBe(false);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual(['a\n', 'b\n', 'c\n']);
    expect(ends).toEqual([false]);
    expect(handle.finished).toBe(true);
  });

  it('waits for a first write that comes after a sleep', () => {
    const { shown } = record([ev('late\n', 500)]);
    expect(shown).toEqual([]);
    vi.advanceTimersByTime(500);
    expect(shown).toEqual(['late\n']);
  });

  it('shows writes due together in one update, and many tiny delays add up without drift', () => {
    const tiny = Array.from({ length: 100 }, (_, i) => ev(`${i}`, 0.1));
    const { shown, batches, ends } = record([ev('x', 0), ev('y', 0), ev('z', 0, 'stderr'), ...tiny]);
    // The three at 0 ms (and what is due within a millisecond) come as one update.
    expect(shown.slice(0, 3)).toEqual(['x', 'y', 'z']);
    expect(batches[0]).toBeGreaterThanOrEqual(3);
    // 100 × 0.1 ms is 10 ms in all, not 100 timer ticks.
    vi.advanceTimersByTime(10);
    expect(shown).toHaveLength(103);
    expect(batches.length).toBeLessThan(20);
    expect(ends).toEqual([false]);
  });

  it('caps each wait, so a long sleep does not stall the replay', () => {
    const { shown } = record([ev('before\n', 0), ev('after an hour\n', 3_600_000)]);
    vi.advanceTimersByTime(MAX_REPLAY_STEP_MS - 1);
    expect(shown).toEqual(['before\n']);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual(['before\n', 'after an hour\n']);
    expect(replayOffsets([ev('a', 3_600_000), ev('b', 5)])).toEqual([MAX_REPLAY_STEP_MS, MAX_REPLAY_STEP_MS + 5]);
    expect(replayDurationMs([ev('a', 3_600_000), ev('b', 5)], Number.POSITIVE_INFINITY)).toBe(3_600_005);
    expect(replayOffsets([ev('a', -3), ev('b', Number.NaN)])).toEqual([0, 0]);
  });

  it('skip shows everything still to come at once and ends the replay', () => {
    const { shown, ends, handle } = record([ev('1', 0), ev('2', 1000), ev('3', 1000)]);
    handle.skip();
    expect(shown).toEqual(['1', '2', '3']);
    expect(ends).toEqual([true]);
    // Nothing more arrives later, and a second skip does nothing.
    vi.advanceTimersByTime(5000);
    handle.skip();
    expect(shown).toEqual(['1', '2', '3']);
    expect(ends).toEqual([true]);
  });

  it('cancel stops where it is, with no more callbacks', () => {
    const { shown, ends, handle } = record([ev('1', 0), ev('2', 1000)]);
    handle.cancel();
    vi.advanceTimersByTime(5000);
    handle.skip();
    expect(shown).toEqual(['1']);
    expect(ends).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('an empty replay ends at once', () => {
    const { shown, ends } = record([]);
    expect(shown).toEqual([]);
    expect(ends).toEqual([false]);
  });
});
