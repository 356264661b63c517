// Version drift, beside the editor: Matrix, Bisect and the Examples gallery. "Wide" hides the
// editor so the results fill a projector.
import { PanelSwitch } from '../app/PanelSwitch';
import { useApp } from '../store/context';
import type { DriftSection } from '../store/drift-slice';
import { BenchSection } from './BenchSection';
import { BisectSection } from './BisectSection';
import { DriftErrorBoundary } from './DriftErrorBoundary';
import { ExamplesGallery } from './ExamplesGallery';
import { MatrixResults } from './MatrixResults';
import { MatrixSetup } from './MatrixSetup';
import './drift.css';

const SECTIONS: ReadonlyArray<{ id: DriftSection; label: string }> = [
  { id: 'matrix', label: 'Matrix' },
  { id: 'bisect', label: 'Bisect' },
  { id: 'examples', label: 'Examples' },
  { id: 'bench', label: 'Benchmarks' },
];

export function DriftPanel() {
  const section = useApp((s) => s.driftSection);
  const setSection = useApp((s) => s.setDriftSection);
  const wide = useApp((s) => s.driftWide);
  const setWide = useApp((s) => s.setDriftWide);
  const matrixBusy = useApp((s) => s.matrixRun?.phase === 'running');
  const bisectBusy = useApp((s) => s.bisectRun?.phase === 'running');
  const benchBusy = useApp((s) => s.benchRun?.phase === 'running');
  const tabTitle = useApp((s) => s.tabs.find((t) => t.id === s.activeTabId)?.title ?? '');

  return (
    <section className="drift-panel" aria-label="Version drift" data-testid="drift-panel" data-section={section}>
      <header className="panel-header drift-header">
        <PanelSwitch />
        <div className="drift-sections" role="tablist" aria-label="Drift">
          {SECTIONS.map((s) => (
            <button
              key={s.id}
              type="button"
              role="tab"
              aria-selected={section === s.id}
              className={`drift-section-tab${section === s.id ? ' is-active' : ''}`}
              data-testid={`drift-section-${s.id}`}
              onClick={() => setSection(s.id)}
            >
              {s.label}
              {((s.id === 'matrix' && matrixBusy) || (s.id === 'bisect' && bisectBusy) || (s.id === 'bench' && benchBusy)) && <span className="busy-dot" aria-label="running" />}
            </button>
          ))}
        </div>
        <span className="spacer" />
        {section !== 'examples' && tabTitle && <span className="run-tab drift-tab-title" title="The snippet a matrix or bisect runs">{tabTitle}</span>}
        <button
          type="button"
          className="icon-button drift-wide"
          data-testid="drift-wide"
          aria-pressed={wide}
          onClick={() => setWide(!wide)}
          title={wide ? 'Show the editor again' : 'Hide the editor: the drift panel takes the whole width (for a projector)'}
        >
          {wide ? '⇤ Show editor' : '⇥ Wide'}
        </button>
      </header>
      <div className="drift-body">
        <DriftErrorBoundary key={section}>
        {section === 'matrix' && (
          <div className="drift-section" data-testid="matrix-section">
            <MatrixSetup />
            <MatrixResults />
          </div>
        )}
        {section === 'bisect' && <BisectSection />}
        {section === 'examples' && <ExamplesGallery />}
        {section === 'bench' && <BenchSection />}
        </DriftErrorBoundary>
      </div>
    </section>
  );
}
