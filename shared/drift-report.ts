// Matrix and bisect results as Markdown an instructor can paste (and the CLI prints).
import type { BisectReportInfo, MatrixResultInfo } from './drift';

function cell(text: string, max = 60): string {
  const one = text.replace(/\r?\n/g, '⏎').replace(/\|/g, '\\|');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

export function matrixMarkdown(m: MatrixResultInfo): string {
  const axis = m.axis === 'language' ? 'go line' : 'release';
  const lines = [
    `| class | ${axis}s | status | output |`,
    '|---|---|---|---|',
    ...m.classes.map((c) => {
      const b = c.behaviour;
      const out = b.status === 'compile-error' ? b.compile : b.stdout + (b.stderr ? `[stderr] ${b.stderr}` : '');
      return `| ${c.id} | ${c.label} | ${b.status}${b.exitCode !== null && b.exitCode !== 0 ? ` (${b.exitCode})` : ''} | \`${cell(out)}\` |`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}

export function bisectMarkdown(r: BisectReportInfo): string {
  const head = r.error
    ? `**Bisect stopped:** ${r.error}`
    : r.candidates
      ? `**First release with the new behaviour:** one of ${r.candidates.join(', ')} (releases in between were skipped)`
      : `**First release with the new behaviour:** ${r.first} (last with the old one: ${r.last})${r.notes ? ` — [release notes](${r.notes})` : ''}`;
  const steps = [
    '| # | release | sandbox | verdict | result | time |',
    '|---|---|---|---|---|---|',
    ...r.steps.map((s) => `| ${s.index + 1} | ${s.version} | ${s.mode} | ${s.verdict} | ${cell(s.result)}${s.note ? ` (${cell(s.note, 40)})` : ''} | ${(s.ms / 1000).toFixed(1)} s |`),
  ];
  return `${head}\n\n${r.builds} builds over ${r.releases} releases in ${(r.wallMs / 1000).toFixed(1)} s.\n\n${steps.join('\n')}\n`;
}
