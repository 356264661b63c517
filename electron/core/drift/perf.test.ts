import { describe, expect, it } from 'vitest';
import { changes, summarize } from './perf';

describe('performance drift statistics', () => {
  it('takes the median and a relative spread per benchmark', () => {
    const runs = [100, 110, 90, 105, 1000].map((ns) => ({ name: 'BenchmarkX', procs: 1, iterations: 1000, nsPerOp: ns, bytesPerOp: 64, allocsPerOp: 1 }));
    const [s] = summarize(runs);
    expect(s).toMatchObject({ name: 'BenchmarkX', runs: 5, nsPerOp: { median: 105 }, bytesPerOp: { median: 64, spread: 0 }, allocsPerOp: { median: 1 } });
    // The outlier moves the spread (MAD/median), not the median.
    expect(s!.nsPerOp!.spread).toBeCloseTo(5 / 105, 5);
  });

  it('calls a change significant only when it is larger than the noise', () => {
    const rel = (version: string, median: number, spread: number) => ({
      version,
      mode: 'wasm' as const,
      stats: [{ name: 'BenchmarkX', runs: 5, nsPerOp: { median, spread }, bytesPerOp: null, allocsPerOp: null }],
    });
    const out = changes([rel('go1.21.0', 100, 0.01), rel('go1.22.0', 101, 0.01), rel('go1.23.0', 150, 0.02)]);
    expect(out.map((c) => [c.from, c.to, Math.round(c.delta * 100), c.significant])).toEqual([
      ['go1.21.0', 'go1.22.0', 1, false],
      ['go1.22.0', 'go1.23.0', 49, true],
    ]);
  });
});
