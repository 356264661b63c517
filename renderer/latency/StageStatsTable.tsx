// p50/p95 per stage, one table per sandbox mode, over the stored run history.
import { formatMs } from '../output/status';
import { MODE_LABEL } from '../sandbox/ModeSwitch';
import { TOTAL_ROW, type ModeStats } from './stats';

export function StageStatsTable({ stats }: { stats: ModeStats }) {
  return (
    <table className="stage-stats" data-testid="latency-stats" data-mode={stats.mode}>
      <caption>
        {MODE_LABEL[stats.mode]} · {stats.runs} run{stats.runs === 1 ? '' : 's'}
      </caption>
      <thead>
        <tr>
          <th scope="col">stage</th>
          <th scope="col" title="Runs that had this stage">
            runs
          </th>
          <th scope="col" title="Half the runs took at most this long (nearest rank)">
            p50
          </th>
          <th scope="col" title="95% of the runs took at most this long (nearest rank)">
            p95
          </th>
        </tr>
      </thead>
      <tbody>
        {stats.rows.map((r) => (
          <tr key={r.stage} className={r.stage === TOTAL_ROW ? 'is-total' : undefined} data-testid="latency-stats-row" data-stage={r.stage}>
            <th scope="row">{r.stage}</th>
            <td>{r.count}</td>
            <td data-testid="p50">{formatMs(r.p50)}</td>
            <td data-testid="p95">{formatMs(r.p95)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
