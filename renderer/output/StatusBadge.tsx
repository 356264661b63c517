import type { RunDisplayStatus } from '../store/run-slice';
import { STATUS_HINT, statusTone } from './status';

export function StatusBadge({ status, runId }: { status: RunDisplayStatus; runId: string }) {
  return (
    <span className={`status-badge tone-${statusTone(status)}`} data-testid="run-status" data-status={status} data-run-id={runId} title={STATUS_HINT[status]}>
      {status === 'running' && <span className="spinner" aria-hidden="true" />}
      {status}
    </span>
  );
}
