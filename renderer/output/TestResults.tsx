// A `go test` run's results above its raw output: each test with its outcome and time (failed ones
// in red), a summary, and the benchmarks as a table.
import type { RunResult } from '../../shared/run';
import { benchmarkCells, testRows, testSummary } from './test-results';
import './tests-stdin.css';

const ICON = { pass: '✓', fail: '✗', skip: '–' } as const;
const OUTCOME_LABEL = { pass: 'passed', fail: 'failed', skip: 'skipped' } as const;

export function TestResults({ result }: { result: RunResult }) {
  const tests = result.tests;
  if (!tests) return null;
  const benchmarks = result.benchmarks ?? [];
  const failed = tests.some((t) => t.outcome === 'fail');
  return (
    <section className="test-results" aria-label="Tests" data-testid="test-results">
      <h3 className="section-title">
        Tests
        <span className={`tests-summary${failed ? ' has-failures' : ''}`} data-testid="tests-summary">
          {testSummary(tests)}
        </span>
      </h3>
      {tests.length > 0 && (
        <ul className="tests-list" data-testid="tests-list">
          {testRows(tests).map((row, i) => (
            <li
              key={`${row.name}-${i}`}
              className={`test-row outcome-${row.outcome}`}
              data-testid="test-row"
              data-name={row.name}
              data-outcome={row.outcome}
              style={row.depth > 0 ? { paddingLeft: `${8 + row.depth * 18}px` } : undefined}
              title={`${row.name} ${OUTCOME_LABEL[row.outcome]} in ${row.time}`}
            >
              <span className="test-icon" aria-label={OUTCOME_LABEL[row.outcome]}>
                {ICON[row.outcome]}
              </span>
              <span className="test-name">{row.label}</span>
              <span className="test-time">{row.time}</span>
            </li>
          ))}
        </ul>
      )}
      {benchmarks.length > 0 && (
        <table className="bench-table" data-testid="bench-table">
          <thead>
            <tr>
              <th scope="col">Benchmark</th>
              <th scope="col">iterations</th>
              <th scope="col">ns/op</th>
              <th scope="col">B/op</th>
              <th scope="col">allocs/op</th>
            </tr>
          </thead>
          <tbody>
            {benchmarks.map((b, i) => {
              const c = benchmarkCells(b);
              return (
                <tr key={`${c.name}-${i}`} data-testid="bench-row" data-name={c.name}>
                  <th scope="row" title={`${c.name}-${c.procs}: ran with GOMAXPROCS=${c.procs}`}>
                    {c.name}
                  </th>
                  <td>{c.iterations}</td>
                  <td data-testid="bench-ns">{c.nsPerOp}</td>
                  <td>{c.bytesPerOp}</td>
                  <td>{c.allocsPerOp}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
