// What a `go test` run's results read as in the output panel: the summary line, each test's row
// (subtests under their parent) and the benchmark table's cells. Pure, so it is tested as text.
import type { RunResult } from '../../shared/run';

export type TestOutcome = NonNullable<RunResult['tests']>[number];
export type BenchmarkRun = NonNullable<RunResult['benchmarks']>[number];

/** "3 passed, 1 failed, 1 skipped", counting top-level tests (a failed subtest fails its parent too). */
export function testSummary(tests: readonly TestOutcome[]): string {
  const top = tests.filter((t) => !t.name.includes('/'));
  if (top.length === 0) return 'no tests ran';
  const count = (o: TestOutcome['outcome']) => top.filter((t) => t.outcome === o).length;
  const parts = [
    [count('pass'), 'passed'],
    [count('fail'), 'failed'],
    [count('skip'), 'skipped'],
  ] as const;
  const text = parts.filter(([n]) => n > 0).map(([n, word]) => `${n} ${word}`);
  const subtests = tests.length - top.length;
  return `${text.join(', ')}${subtests > 0 ? ` (and ${subtests} subtest${subtests > 1 ? 's' : ''})` : ''}`;
}

export interface TestRow {
  /** The test's own name: the part after its parent's, for a subtest. */
  label: string;
  name: string;
  /** 0 for a top-level test, 1 for its subtests, … */
  depth: number;
  outcome: TestOutcome['outcome'];
  time: string;
}

export function testRows(tests: readonly TestOutcome[]): TestRow[] {
  return tests.map((t) => {
    const parts = t.name.split('/');
    return { label: parts[parts.length - 1] || t.name, name: t.name, depth: parts.length - 1, outcome: t.outcome, time: `${t.seconds.toFixed(2)}s` };
  });
}

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** ns/op with the decimals go test prints (testing's prettyPrint): more the smaller it is. */
export function formatNsPerOp(ns: number): string {
  const y = Math.abs(ns);
  if (y === 0 || y >= 999.95) return grouped.format(Math.round(ns));
  const decimals = y >= 99.995 ? 1 : y >= 9.9995 ? 2 : y >= 0.99995 ? 3 : y >= 0.099995 ? 4 : y >= 0.0099995 ? 5 : 6;
  return ns.toFixed(decimals);
}

export interface BenchmarkCells {
  name: string;
  /** GOMAXPROCS the benchmark ran with (the -N suffix go test prints). */
  procs: number;
  iterations: string;
  nsPerOp: string;
  bytesPerOp: string;
  allocsPerOp: string;
}

/** One table row; "—" where the run did not measure memory. */
export function benchmarkCells(b: BenchmarkRun): BenchmarkCells {
  return {
    name: b.name,
    procs: b.procs,
    iterations: grouped.format(b.iterations),
    nsPerOp: formatNsPerOp(b.nsPerOp),
    bytesPerOp: b.bytesPerOp === undefined ? '—' : grouped.format(b.bytesPerOp),
    allocsPerOp: b.allocsPerOp === undefined ? '—' : grouped.format(b.allocsPerOp),
  };
}

/** "12 lines · 3.4 KiB" for the stdin box when it is folded; sizes are of the UTF-8 bytes sent. */
export function stdinSummary(text: string): string {
  if (text === '') return 'empty: the program reads EOF';
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  const bytes = new TextEncoder().encode(text).length;
  const size = bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  return `${lines} line${lines === 1 ? '' : 's'} · ${size}`;
}
