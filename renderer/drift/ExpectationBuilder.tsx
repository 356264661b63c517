// "The new behaviour: stdout contains …": the kind, then the fields that kind needs.
import { useApp } from '../store/context';
import { BENCH_METRICS, buildExpectation, EXPECT_KINDS, type BenchMetric, type ExpectKind } from './expectation';
import type { ReleaseOption } from './picks';

export function ExpectationBuilder({ options }: { options: ReadonlyArray<ReleaseOption> }) {
  const d = useApp((s) => s.bisectForm.expect);
  const update = useApp((s) => s.updateExpectation);
  const built = buildExpectation(d);

  return (
    <div className="expect-builder" data-testid="expect-builder">
      <div className="drift-row">
        <span className="drift-label">
          New behaviour <span className="drift-label-sub">what the bad release does</span>
        </span>
        <select value={d.kind} data-testid="expect-kind" onChange={(e) => update({ kind: e.target.value as ExpectKind })}>
          {EXPECT_KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
        <ExpectationFields options={options} />
      </div>
      {!built.ok && (
        <p className="drift-warn expect-problem" data-testid="expect-problem">
          {built.error}
        </p>
      )}
    </div>
  );
}

function ExpectationFields({ options }: { options: ReadonlyArray<ReleaseOption> }) {
  const d = useApp((s) => s.bisectForm.expect);
  const update = useApp((s) => s.updateExpectation);
  switch (d.kind) {
    case 'stdout-equals':
      return (
        <textarea
          className="text-input expect-text"
          rows={Math.min(6, Math.max(1, d.text.split('\n').length))}
          value={d.text}
          data-testid="expect-value"
          placeholder="the whole output (a final newline is optional)"
          spellCheck={false}
          onChange={(e) => update({ text: e.target.value })}
        />
      );
    case 'stdout-contains':
      return <input className="text-input expect-text" value={d.text} data-testid="expect-value" placeholder="text the output contains" spellCheck={false} onChange={(e) => update({ text: e.target.value })} />;
    case 'stdout-matches':
      return <input className="text-input expect-text" value={d.pattern} data-testid="expect-pattern" placeholder="^0 1 2$" spellCheck={false} onChange={(e) => update({ pattern: e.target.value })} />;
    case 'exit-code':
      return <input className="text-input expect-number" inputMode="numeric" value={d.code} data-testid="expect-code" onChange={(e) => update({ code: e.target.value })} />;
    case 'compiles':
      return (
        <select value={d.compiles ? 'yes' : 'no'} data-testid="expect-compiles" onChange={(e) => update({ compiles: e.target.value === 'yes' })}>
          <option value="yes">it compiles</option>
          <option value="no">it fails to compile</option>
        </select>
      );
    case 'same-as':
      return (
        <select value={d.version} data-testid="expect-version" onChange={(e) => update({ version: e.target.value })}>
          <option value="">choose a release…</option>
          {d.version !== '' && !options.some((o) => o.version === d.version) && <option value={d.version}>{d.version}</option>}
          {options
            .filter((o) => o.stable)
            .map((o) => (
              <option key={o.version} value={o.version}>
                {o.version}
                {o.installed ? '  ✓' : ''}
              </option>
            ))}
        </select>
      );
    case 'bench':
      return (
        <span className="expect-bench">
          <input className="text-input expect-bench-name" value={d.benchName} data-testid="expect-bench-name" placeholder="BenchmarkSort" spellCheck={false} onChange={(e) => update({ benchName: e.target.value })} />
          <select value={d.metric} data-testid="expect-bench-metric" onChange={(e) => update({ metric: e.target.value as BenchMetric })}>
            {BENCH_METRICS.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
          <select value={d.direction} data-testid="expect-bench-direction" onChange={(e) => update({ direction: e.target.value as 'above' | 'below' })}>
            <option value="above">above</option>
            <option value="below">below</option>
          </select>
          <input className="text-input expect-number" inputMode="decimal" value={d.threshold} data-testid="expect-bench-threshold" placeholder="1000" onChange={(e) => update({ threshold: e.target.value })} />
        </span>
      );
  }
}
