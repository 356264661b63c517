// What the bisect section shows: the live run of this tab (steps as they stream in), else the
// report saved with the tab.
import type { BisectReportInfo, BisectStepInfo, ExpectationInfo } from '../../shared/drift';

export interface BisectRun {
  bisectId: string;
  tabId: string;
  good: string;
  bad: string;
  expect: ExpectationInfo;
  phase: 'running' | 'done';
  startedAt: number;
  finishedAt: number | null;
  steps: BisectStepInfo[];
  report: BisectReportInfo | null;
  failure: string | null;
  cancelRequested: boolean;
}

export interface BisectView {
  bisectId: string;
  steps: BisectStepInfo[];
  report: BisectReportInfo | null;
  running: boolean;
  cancelRequested: boolean;
  failure: string | null;
  startedAt: number | null;
  /** Known only for a run in this window: the saved report does not carry the request. */
  good: string | null;
  bad: string | null;
  saved: boolean;
}

export function bisectView(run: BisectRun | null, activeTabId: string, saved: BisectReportInfo | undefined): BisectView | null {
  if (run && run.tabId === activeTabId) {
    return {
      bisectId: run.bisectId,
      steps: run.report?.steps ?? run.steps,
      report: run.report,
      running: run.phase === 'running',
      cancelRequested: run.cancelRequested,
      failure: run.failure,
      startedAt: run.startedAt,
      good: run.good,
      bad: run.bad,
      saved: false,
    };
  }
  if (!saved) return null;
  return { bisectId: saved.bisectId, steps: saved.steps, report: saved, running: false, cancelRequested: false, failure: null, startedAt: null, good: null, bad: null, saved: true };
}

/** A step arriving twice (a reconnect replaying events) replaces the first; the log stays in order. */
export function addStep(steps: ReadonlyArray<BisectStepInfo>, step: BisectStepInfo): BisectStepInfo[] {
  return [...steps.filter((s) => s.index !== step.index), step].sort((a, b) => a.index - b.index);
}

const cap = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);

/** What a bisect keeps when saved with its tab: the steps' words capped, nothing else to drop. */
export function trimBisect(r: BisectReportInfo): BisectReportInfo {
  return {
    ...r,
    steps: r.steps.map((s) => ({ ...s, result: cap(s.result, 1024), ...(s.note !== undefined ? { note: cap(s.note, 1024) } : {}) })),
    ...(r.error !== undefined ? { error: cap(r.error, 2048) } : {}),
  };
}

/** The headline of a report, as the panel and the clipboard say it. */
export function reportHeadline(r: BisectReportInfo): { kind: 'found' | 'candidates' | 'error'; text: string } {
  if (r.error) return { kind: 'error', text: r.error };
  if (r.candidates && r.candidates.length > 0) return { kind: 'candidates', text: `one of ${r.candidates.join(', ')}` };
  return { kind: 'found', text: r.first ?? '—' };
}
