// A run status as a pill, with the exit code when it says something.
import type { RunStatus } from '../../shared/run';
import { STATUS_HINT, statusTone } from '../output/status';

export function DriftStatus({ status, exitCode }: { status: RunStatus; exitCode: number | null }) {
  return (
    <span className={`drift-status tone-${statusTone(status)}`} data-status={status} title={STATUS_HINT[status]}>
      {status}
      {exitCode !== null && exitCode !== 0 && <span className="drift-exit"> · exit {exitCode}</span>}
    </span>
  );
}
