import { describe, expect, it } from 'vitest';
import type { BenchDriftResult } from '../../shared/drift';
import { benchFormProblem, benchTables, DEFAULT_BENCH_FORM, failedReleases, formatChange, formatNoise, formatNumber, formatPercent, formatStat } from './bench-view';

const result: BenchDriftResult = {
  id: 'bench-1',
  releases: [
    {
      version: 'go1.22.12',
      mode: 'wasm',
      stats: [
        { name: 'BenchmarkAlloc', runs: 5, nsPerOp: { median: 40, spread: 0.02 }, bytesPerOp: { median: 64, spread: 0 }, allocsPerOp: { median: 1, spread: 0 } },
        { name: 'BenchmarkSort', runs: 5, nsPerOp: { median: 1234.5, spread: 0.031 }, bytesPerOp: null, allocsPerOp: null },
      ],
    },
    {
      version: 'go1.26.8',
      mode: 'wasm',
      stats: [{ name: 'BenchmarkAlloc', runs: 5, nsPerOp: { median: 44.92, spread: 0.01 }, bytesPerOp: { median: 64, spread: 0 }, allocsPerOp: { median: 1, spread: 0 } }],
    },
    { version: 'go1.20.14', mode: 'docker', stats: [], error: 'no Docker engine' },
  ],
  changes: [
    { name: 'BenchmarkAlloc', from: 'go1.22.12', to: 'go1.26.8', metric: 'ns/op', delta: 0.123, noise: 0.04, significant: true },
    { name: 'BenchmarkSort', from: 'go1.22.12', to: 'go1.26.8', metric: 'ns/op', delta: -0.01, noise: 0.062, significant: false },
  ],
  wallMs: 1500,
};

describe('bench view', () => {
  it('formats a change against its noise', () => {
    expect(formatChange(0.123, 0.04)).toBe('+12.3% (noise ±4%)');
    expect(formatChange(-0.05, 0.02)).toBe('−5.0% (noise ±2%)');
    expect(formatChange(0, 0.005)).toBe('±0.0% (noise ±0.5%)');
    expect(formatPercent(0.031)).toBe('3.1%');
    expect(formatNoise(0.062)).toBe('±6%');
  });

  it('formats medians and spreads', () => {
    expect(formatNumber(64)).toBe('64');
    expect(formatNumber(1234.5)).toBe('1,235');
    expect(formatNumber(12.3456)).toBe('12.3');
    expect(formatNumber(0.04567)).toBe('0.0457');
    expect(formatStat({ median: 44.92, spread: 0.01 })).toBe('44.9 ± 1.0%');
    expect(formatStat({ median: 64, spread: 0 }, false)).toBe('64');
    expect(formatStat(null)).toBe('—');
  });

  it('makes a table per benchmark with a row per release and its changes', () => {
    const tables = benchTables(result);
    expect(tables.map((t) => t.name)).toEqual(['BenchmarkAlloc', 'BenchmarkSort']);
    const [alloc, sort] = tables;
    expect(alloc?.rows.map((r) => [r.version, r.stats?.bytesPerOp?.median ?? null, r.error])).toEqual([
      ['go1.22.12', 64, null],
      ['go1.26.8', 64, null],
      ['go1.20.14', null, 'no Docker engine'],
    ]);
    expect(alloc?.changes).toEqual([{ from: 'go1.22.12', to: 'go1.26.8', text: '+12.3% (noise ±4%)', delta: 0.123, significant: true, direction: 'slower' }]);
    expect(sort?.rows[1]?.stats).toBeNull();
    expect(sort?.changes[0]).toMatchObject({ text: '−1.0% (noise ±6%)', significant: false, direction: 'same' });
    expect(failedReleases(result)).toEqual([{ version: 'go1.20.14', error: 'no Docker engine' }]);
  });

  it('says what keeps the form from running', () => {
    expect(benchFormProblem(DEFAULT_BENCH_FORM, ['go1.26.8'])).toBeNull();
    expect(benchFormProblem(DEFAULT_BENCH_FORM, [])).toMatch(/at least one release/);
    expect(benchFormProblem({ ...DEFAULT_BENCH_FORM, count: 0 }, ['go1.26.8'])).toMatch(/Runs per release/);
    expect(benchFormProblem({ ...DEFAULT_BENCH_FORM, count: Number.NaN }, ['go1.26.8'])).toMatch(/Runs per release/);
    expect(benchFormProblem({ ...DEFAULT_BENCH_FORM, benchtime: '200x' }, ['go1.26.8'])).toBeNull();
    expect(benchFormProblem({ ...DEFAULT_BENCH_FORM, benchtime: '2 seconds' }, ['go1.26.8'])).toMatch(/Bench time/);
    expect(benchFormProblem(DEFAULT_BENCH_FORM, Array.from({ length: 33 }, (_, i) => `go1.${i}.0`))).toMatch(/At most 32/);
  });
});
