import { describe, expect, it } from 'vitest';
import { parseTestOutput, testBinaryArgs } from './test-output';

describe('go test output', () => {
  it('reads test outcomes and benchmark lines, with and without -benchmem and the procs suffix', () => {
    const out = [
      '=== RUN   TestA',
      '--- PASS: TestA (0.00s)',
      '=== RUN   TestB/sub',
      '    --- FAIL: TestB/sub (0.01s)',
      '--- SKIP: TestC (0.00s)',
      'goos: linux',
      'BenchmarkSum-8   \t 1000000\t      1234 ns/op\t      64 B/op\t       2 allocs/op',
      'BenchmarkMul/size=10   \t 300\t      4.5 ns/op',
      'PASS',
    ].join('\n');
    expect(parseTestOutput(out)).toEqual({
      tests: [
        { name: 'TestA', outcome: 'pass', seconds: 0 },
        { name: 'TestB/sub', outcome: 'fail', seconds: 0.01 },
        { name: 'TestC', outcome: 'skip', seconds: 0 },
      ],
      benchmarks: [
        { name: 'BenchmarkSum', procs: 8, iterations: 1000000, nsPerOp: 1234, bytesPerOp: 64, allocsPerOp: 2 },
        { name: 'BenchmarkMul/size=10', procs: 1, iterations: 300, nsPerOp: 4.5 },
      ],
    });
  });

  it('builds test binary flags', () => {
    expect(testBinaryArgs({})).toEqual(['-test.v']);
    expect(testBinaryArgs({ run: '^$', bench: '.', count: 3, benchtime: '100x' })).toEqual([
      '-test.v',
      '-test.run=^$',
      '-test.bench=.',
      '-test.benchmem',
      '-test.benchtime=100x',
      '-test.count=3',
    ]);
  });
});
