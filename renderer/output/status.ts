// How each run status reads in the UI: the badge shows the status string itself (the same word
// the CLI prints); the hint explains it.
import type { RunDisplayStatus } from '../store/run-slice';

export const STATUS_HINT: Record<RunDisplayStatus, string> = {
  running: 'The snippet is building or running.',
  ok: 'The program ran and exited with code 0.',
  exit: 'The program exited with a non-zero code.',
  'compile-error': 'The snippet did not compile.',
  'vet-error': 'go vet found a problem.',
  'runtime-panic': 'The program panicked.',
  timeout: 'The program ran longer than the timeout and was stopped.',
  'memory-limit': 'The program used more memory than allowed and was stopped.',
  'output-limit': 'The program wrote more output than allowed and was stopped.',
  canceled: 'The run was stopped.',
  rejected: 'The snippet was refused before building.',
  'sandbox-unavailable': 'The sandbox could not start.',
  'sdk-missing': 'The chosen Go toolchain is not installed.',
  'internal-error': 'Gopherlab itself failed.',
};

/** The colour family of a status, as a CSS class suffix. */
export function statusTone(status: RunDisplayStatus): 'ok' | 'running' | 'warn' | 'error' | 'limit' | 'muted' {
  switch (status) {
    case 'ok':
      return 'ok';
    case 'running':
      return 'running';
    case 'exit':
    case 'sdk-missing':
    case 'sandbox-unavailable':
    case 'vet-error':
      return 'warn';
    case 'timeout':
    case 'memory-limit':
    case 'output-limit':
      return 'limit';
    case 'canceled':
      return 'muted';
    default:
      return 'error';
  }
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(1)} ms`;
}
