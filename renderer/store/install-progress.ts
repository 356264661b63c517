// Install progress as the UI keeps it: one entry per version, folded from sdk.progress events and
// from the sdk.install call's own answer (whichever arrives first wins; nothing is undone).
import type { InstallProgress } from '../../shared/toolchain';
import { normalizeGoVersion } from '../versions/go-version';

export type InstallPhase = InstallProgress['phase'];

export interface InstallView extends InstallProgress {
  startedAt: number;
  /** When it reached done, failed or canceled. */
  finishedAt: number | null;
  cancelRequested: boolean;
  /** Why a cancel request itself failed. */
  cancelError: string | null;
}

export const TERMINAL_PHASES: ReadonlySet<InstallPhase> = new Set(['done', 'failed', 'canceled']);

export const isTerminal = (phase: InstallPhase): boolean => TERMINAL_PHASES.has(phase);
export const isActive = (view: Pick<InstallView, 'phase'> | undefined): boolean => view !== undefined && !isTerminal(view.phase);

/** A fresh entry for an install this window just asked for. */
export function queuedInstall(version: string, now: number): InstallView {
  return {
    version: normalizeGoVersion(version),
    phase: 'queued',
    bytes: 0,
    total: null,
    rate: null,
    etaMs: null,
    startedAt: now,
    finishedAt: null,
    cancelRequested: false,
    cancelError: null,
  };
}

/**
 * The entry after one progress report. Returns `prev` itself when nothing changes, so callers can
 * tell a transition (e.g. into done) from a repeat.
 */
export function reduceInstall(prev: InstallView | undefined, p: InstallProgress, now: number): InstallView {
  const version = normalizeGoVersion(p.version);
  // A report after the end starts a new install of the same version (say, after a remove).
  const restart = prev !== undefined && isTerminal(prev.phase) && !isTerminal(p.phase);
  const base = !prev || restart ? queuedInstall(version, now) : prev;
  if (prev && isTerminal(prev.phase) && isTerminal(p.phase)) {
    // The call's answer after the event that already ended it: the first end stands; a repeat
    // may only add the message the first one lacked.
    return prev.phase === p.phase && !prev.message && p.message ? { ...prev, message: p.message } : prev;
  }
  const terminal = isTerminal(p.phase);
  // Some reports (a phase change) may not repeat the size of the download.
  const total = p.total ?? base.total;
  const bytes = p.phase === 'done' && total !== null ? Math.max(p.bytes, total) : p.bytes;
  return {
    ...base,
    version,
    phase: p.phase,
    bytes,
    total,
    rate: terminal ? null : p.rate,
    etaMs: terminal ? null : p.etaMs,
    message: p.message ?? (p.phase === base.phase ? base.message : undefined),
    finishedAt: terminal ? (base.finishedAt ?? now) : null,
  };
}

/** 0–100 of the download, or null while the size is unknown. Done is always 100. */
export function installPercent(view: Pick<InstallView, 'phase' | 'bytes' | 'total'>): number | null {
  if (view.phase === 'done') return 100;
  if (view.phase === 'queued') return 0;
  if (view.total === null || view.total <= 0) return null;
  return Math.max(0, Math.min(100, (view.bytes / view.total) * 100));
}

export const PHASE_LABEL: Record<InstallPhase, string> = {
  queued: 'Waiting to start',
  download: 'Downloading',
  verify: 'Verifying checksum',
  extract: 'Extracting',
  prewarm: 'Compiling the standard library',
  done: 'Installed',
  failed: 'Failed',
  canceled: 'Canceled',
};
