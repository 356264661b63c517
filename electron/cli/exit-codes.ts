// The CLI's exit code for each status: the program's own code when it ran to an exit, otherwise a
// fixed code per status so scripts can tell them apart (documented in the README).
import type { RunResult, RunStatus } from '../../shared/run';

export const STATUS_EXIT_CODES: Record<RunStatus, number> = {
  ok: 0,
  exit: 1,
  'compile-error': 1,
  'vet-error': 1,
  'runtime-panic': 2,
  timeout: 124,
  'memory-limit': 137,
  'output-limit': 141,
  canceled: 130,
  rejected: 65,
  'sandbox-unavailable': 69,
  'sdk-missing': 127,
  'internal-error': 70,
};

export function exitCodeFor(result: RunResult): number {
  if ((result.status === 'exit' || result.status === 'runtime-panic') && result.exitCode !== null) return result.exitCode;
  return STATUS_EXIT_CODES[result.status];
}
