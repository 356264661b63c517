// The curated drift examples as cards: what changed, in which release, on which axis, and why.
// Open puts one in a new tab with the matrix and the bisect set up around its change.
import type { DriftExample } from '../../shared/drift';
import { useApp } from '../store/context';
import { describeExpectation } from './expectation';

const AXIS_LABEL: Record<DriftExample['axis'], { text: string; hint: string }> = {
  language: { text: 'language · go line', hint: 'Follows the go line of go.mod: a new toolchain with an old go line keeps the old behaviour' },
  toolchain: { text: 'toolchain · library', hint: 'Follows the toolchain (compiler, runtime or standard library), whatever the go line' },
};

export function ExamplesGallery() {
  const examples = useApp((s) => s.examples);
  const status = useApp((s) => s.examplesStatus);
  const error = useApp((s) => s.examplesError);
  const loadExamples = useApp((s) => s.loadExamples);

  if (status === 'error') {
    return (
      <div className="drift-section">
        <p className="inline-error" role="alert">
          {error}{' '}
          <button type="button" className="link-button" onClick={() => void loadExamples()}>
            Try again
          </button>
        </p>
      </div>
    );
  }
  if (!examples) {
    return (
      <div className="drift-empty">
        <span className="spinner" aria-hidden="true" /> Loading the examples…
      </div>
    );
  }
  return (
    <div className="drift-section">
      <p className="drift-intro">Snippets that behave differently across Go releases. Open one: it lands in a new tab, with the matrix and the bisect set up around its change.</p>
      <div className="example-grid" data-testid="drift-examples">
        {examples.map((e) => (
          <ExampleCard key={e.id} example={e} />
        ))}
      </div>
    </div>
  );
}

function ExampleCard({ example: e }: { example: DriftExample }) {
  const openExample = useApp((s) => s.openExample);
  return (
    <article className="example-card" data-testid={`drift-example-${e.id}`}>
      <header className="example-head">
        <h3 className="example-title">{e.title}</h3>
      </header>
      <div className="example-badges">
        <span className="badge badge-change">changes in {e.changesIn}</span>
        <span className={`badge badge-axis-${e.axis}`} title={AXIS_LABEL[e.axis].hint}>
          {AXIS_LABEL[e.axis].text}
        </span>
      </div>
      <p className="example-why">{e.why}</p>
      <footer className="example-foot">
        <span className="example-range" title={`Bisect predicate: ${describeExpectation(e.expect)}`}>
          {e.good} → {e.bad}
        </span>
        <span className="spacer" />
        <button type="button" className="button primary" data-testid={`drift-example-open-${e.id}`} onClick={() => openExample(e.id)}>
          Open
        </button>
      </footer>
    </article>
  );
}
