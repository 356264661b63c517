// The recent runs' total and compile times as a small line chart (uPlot): a cache hit shows as a
// compile time of 0 and a shorter run.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useApp } from '../store/context';
import { selectResolvedTheme } from '../theme/appearance-slice';
import { canvasPaletteOf, type CanvasPalette } from '../theme/canvas-palette';
import type { RecentRuns } from './stats';

const HEIGHT = 150;

export function RecentRunsChart({ runs }: { runs: RecentRuns }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  // The axes are drawn on a canvas in the theme's colours: a new theme draws a new chart.
  const theme = useApp(selectResolvedTheme);
  const latest = useRef(runs);
  latest.current = runs;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const { index, totalMs, compileMs } = latest.current;
    const chart = new uPlot(options(Math.max(200, el.clientWidth), canvasPaletteOf(el)), [index, totalMs, compileMs], el);
    plot.current = chart;
    const observer = new ResizeObserver(() => chart.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT }));
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.destroy();
      plot.current = null;
    };
  }, [theme]);

  useEffect(() => {
    plot.current?.setData([runs.index, runs.totalMs, runs.compileMs]);
  }, [runs]);

  return <div className="recent-runs-chart" ref={host} data-testid="latency-chart" data-runs={runs.index.length} />;
}

function options(width: number, palette: CanvasPalette): uPlot.Options {
  const axis: uPlot.Axis = {
    stroke: palette.label,
    grid: { stroke: palette.grid, width: 1 },
    ticks: { stroke: palette.tick, width: 1 },
    font: '11px system-ui, sans-serif',
  };
  return {
    width,
    height: HEIGHT,
    // Run numbers, not timestamps: runs are minutes or days apart.
    scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.08] } },
    axes: [
      { ...axis, label: 'run', labelSize: 16, labelFont: '11px system-ui, sans-serif', incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] },
      { ...axis, size: 64, values: (_u, splits) => splits.map((v) => (v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`)) },
    ],
    series: [
      { label: 'run' },
      { label: 'total', stroke: '#58a6ff', width: 1.5, points: { size: 4 }, value: (_u, v) => (v === null ? '—' : `${v.toFixed(1)} ms`) },
      { label: 'compile', stroke: '#3fb950', width: 1.5, points: { size: 4 }, value: (_u, v) => (v === null ? '—' : `${v.toFixed(1)} ms`) },
    ],
    legend: { show: true },
    cursor: { drag: { x: false, y: false } },
  };
}
