// Where the run's time went: one stacked bar of its stages, filled live from run.stage events
// and replaced by the result's spans when the run ends; beside it, the compile cache's verdict.
import { useEffect, useState } from 'react';
import type { Span } from '../../shared/run';
import { formatMs } from '../output/status';
import { useApp } from '../store/context';
import { CacheVerdict } from './CacheVerdict';
import { layoutSpans } from './segments';

const NO_SPANS: Span[] = [];

export function LatencyBar() {
  const phase = useApp((s) => s.run?.phase ?? null);
  const stages = useApp((s) => s.run?.stages ?? NO_SPANS);
  const spans = useApp((s) => s.run?.result?.spans ?? null);
  const totalMs = useApp((s) => s.run?.result?.totalMs ?? null);
  const startedAt = useApp((s) => s.run?.startedAt ?? 0);
  const cache = useApp((s) => (s.run?.phase === 'done' ? (s.run.result?.cache ?? null) : null));
  const elapsed = useElapsed(phase === 'running', startedAt);

  if (phase === null) return null;
  const running = phase === 'running';
  const layout = layoutSpans(running ? stages : (spans ?? stages), running ? elapsed : totalMs);
  if (layout.totalMs <= 0 && !running) return null;
  const label = running ? 'still running' : 'other';

  return (
    <section className="latency" aria-label="Latency breakdown">
      <div className="latency-head">
        <h3 className="section-title">Latency</h3>
        <span className="spacer" />
        {cache && <CacheVerdict cache={cache} />}
        <span className="latency-total" data-testid="latency-total">
          {running ? `${formatMs(elapsed)}…` : `total ${formatMs(layout.totalMs)}`}
        </span>
      </div>
      <div className={`latency-bar${running ? ' is-running' : ''}`} data-testid="latency-bar" role="img" aria-label={describe(layout.segments, layout.totalMs)}>
        {layout.segments.map((seg, i) => (
          <div
            key={`${seg.name}-${i}`}
            className={`latency-segment c${seg.colorIndex}`}
            style={{ flexGrow: seg.fraction, flexBasis: 0 }}
            data-testid="latency-segment"
            data-name={seg.name}
            data-ms={seg.durationMs.toFixed(1)}
            title={`${seg.name}: ${formatMs(seg.durationMs)}`}
          >
            {seg.fraction >= 0.12 && <span className="latency-label">{seg.name}</span>}
          </div>
        ))}
        {layout.otherFraction > 0.001 && (
          <div className="latency-segment other" style={{ flexGrow: layout.otherFraction, flexBasis: 0 }} title={`${label}: ${formatMs(layout.otherMs)}`} />
        )}
      </div>
      <ul className="latency-legend">
        {layout.segments.map((seg, i) => (
          <li key={`${seg.name}-${i}`} title={`${seg.name}: ${formatMs(seg.durationMs)}`}>
            <span className={`swatch c${seg.colorIndex}`} aria-hidden="true" />
            <span className="legend-name">{seg.name}</span>
            <span className="legend-ms">{formatMs(seg.durationMs)}</span>
          </li>
        ))}
        {layout.otherMs >= 1 && (
          <li title={`${label}: ${formatMs(layout.otherMs)}`}>
            <span className="swatch other" aria-hidden="true" />
            <span className="legend-name">{label}</span>
            <span className="legend-ms">{formatMs(layout.otherMs)}</span>
          </li>
        )}
      </ul>
    </section>
  );
}

function describe(segments: ReadonlyArray<{ name: string; durationMs: number }>, total: number): string {
  return `${segments.map((s) => `${s.name} ${formatMs(s.durationMs)}`).join(', ')}; total ${formatMs(total)}`;
}

/** Milliseconds since startedAt, ticking while active. */
export function useElapsed(active: boolean, startedAt: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(id);
  }, [active, startedAt]);
  return Math.max(0, now - startedAt);
}
