import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../core';
import { changes, runBenchDrift, summarize } from './perf';

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

describe('performance drift (real toolchain)', () => {
  it('runs a snippet benchmarks several times on a release and reports the medians', async () => {
    const home = mkdtempSync(join(tmpdir(), 'gopherlab-perf-'));
    const core = createCore({ dataDir: home });
    try {
      const def = (await core.toolchains.list()).find((t) => t.isDefault)!;
      const source = 'package main\nfunc main() {}\n-- x_test.go --\npackage main\nimport "testing"\nvar sink []byte\nfunc BenchmarkAlloc(b *testing.B) { for i := 0; i < b.N; i++ { sink = make([]byte, 64) } }\n';
      const r = await runBenchDrift(core, { id: 'perf-1', source, versions: [def.version], count: 3, benchtime: '2000x' });
      expect(r.releases).toHaveLength(1);
      const [stats] = r.releases[0]!.stats;
      expect(stats).toMatchObject({ name: 'BenchmarkAlloc', runs: 3, bytesPerOp: { median: 64 }, allocsPerOp: { median: 1 } });
      expect(stats!.nsPerOp!.median).toBeGreaterThan(0);
      expect(r.changes).toEqual([]);
    } finally {
      await core.dispose();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
