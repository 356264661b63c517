import { describe, expect, it } from 'vitest';
import { benchmarkCells, formatNsPerOp, stdinSummary, testRows, testSummary } from './test-results';

const t = (name: string, outcome: 'pass' | 'fail' | 'skip', seconds = 0) => ({ name, outcome, seconds });

describe('test results as text', () => {
  it('summarises top-level tests, naming only the outcomes that happened', () => {
    expect(testSummary([t('TestA', 'pass'), t('TestB', 'pass'), t('TestC', 'pass'), t('TestD', 'fail')])).toBe('3 passed, 1 failed');
    expect(testSummary([t('TestA', 'pass'), t('TestS', 'skip')])).toBe('1 passed, 1 skipped');
    expect(testSummary([t('TestP', 'fail'), t('TestP/one', 'pass'), t('TestP/two', 'fail')])).toBe('1 failed (and 2 subtests)');
    expect(testSummary([])).toBe('no tests ran');
  });

  it('indents subtests under their parent and shows times as go test does', () => {
    expect(testRows([t('TestP', 'fail', 0.012), t('TestP/case_1', 'pass'), t('TestP/case_1/deep', 'skip', 1.5)])).toEqual([
      { label: 'TestP', name: 'TestP', depth: 0, outcome: 'fail', time: '0.01s' },
      { label: 'case_1', name: 'TestP/case_1', depth: 1, outcome: 'pass', time: '0.00s' },
      { label: 'deep', name: 'TestP/case_1/deep', depth: 2, outcome: 'skip', time: '1.50s' },
    ]);
  });

  it('formats benchmark cells: grouped counts, ns/op with the decimals go test prints, a dash where memory was not measured', () => {
    expect(benchmarkCells({ name: 'BenchmarkSum', procs: 8, iterations: 1234567, nsPerOp: 951.3, bytesPerOp: 2048, allocsPerOp: 3 })).toEqual({
      name: 'BenchmarkSum',
      procs: 8,
      iterations: '1,234,567',
      nsPerOp: '951.3',
      bytesPerOp: '2,048',
      allocsPerOp: '3',
    });
    expect(benchmarkCells({ name: 'BenchmarkX', procs: 1, iterations: 10, nsPerOp: 1_234_567_890 })).toMatchObject({ nsPerOp: '1,234,567,890', bytesPerOp: '—', allocsPerOp: '—' });
    expect([0.2567, 2.5, 12.34, 99.99, 999.96, 0].map(formatNsPerOp)).toEqual(['0.2567', '2.500', '12.34', '99.99', '1,000', '0']);
  });

  it('describes the stdin box when folded: lines and UTF-8 size, or that the program reads EOF', () => {
    expect(stdinSummary('')).toBe('empty: the program reads EOF');
    expect(stdinSummary('one line')).toBe('1 line · 8 B');
    expect(stdinSummary('a\nb\n')).toBe('2 lines · 4 B');
    expect(stdinSummary('✓\n')).toBe('1 line · 4 B');
    expect(stdinSummary('x'.repeat(3000))).toBe('1 line · 2.9 KiB');
  });
});
