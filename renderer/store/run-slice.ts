// The current run: its streamed output, its stages as they finish, and its result.
import type { EventPayload } from '../../shared/contract';
import type { OutputStream, RunResult, RunStatus, SandboxMode, Span } from '../../shared/run';
import { describeError } from './errors';
import { randomId } from './ids';
import { startReplay, type ReplayEvent, type ReplayHandle } from './replay';
import { dockerAvailability } from './sandbox-slice';
import { runLimits } from './settings-slice';
import type { SliceCreator, StoreDeps } from './types';
import { selectActiveTab } from './workspace-slice';

export interface OutputChunk {
  stream: OutputStream;
  text: string;
}

/** A faketime run's output being shown again with the program's own timing. */
export interface ReplayView {
  /** Writes in the result's replay. */
  total: number;
  /** Writes shown so far. */
  shown: number;
  /** Still scheduling writes; false once all are shown. */
  active: boolean;
  /** The user asked to see everything at once. */
  skipped: boolean;
}

export interface RunView {
  runId: string;
  tabId: string;
  /** The text that ran: diagnostics refer to it, not to what the editor holds now. */
  source: string;
  go: string;
  mode: SandboxMode;
  /**
   * Built with -tags=faketime. Its live output events are not shown: the sleeps take no time, so
   * they arrive all at once; the result's replay shows the same text with the program's timing.
   */
  faketime: boolean;
  /** Asked for a Go execution trace of the program (absent: no). */
  traced?: boolean;
  phase: 'running' | 'done';
  startedAt: number;
  finishedAt: number | null;
  output: OutputChunk[];
  outputChars: number;
  /** True once output came from events; otherwise it is taken from the result. */
  streamed: boolean;
  stages: Span[];
  result: RunResult | null;
  /** The call itself failed (transport, validation): there is no RunResult. */
  failure: string | null;
  cancelRequested: boolean;
  replay: ReplayView | null;
}

export interface RevealTarget {
  tabId: string;
  /** A file of the snippet, and `line` a line of it; absent: `line` counts lines of the whole text. */
  file?: string;
  line: number;
  column: number;
  /** Distinguishes two clicks on the same problem. */
  seq: number;
}

/** The Go a tab's last finished run was built with, as the result reported it. */
export interface RanGo {
  /** The tab's `go` field when that run started: the answer holds only while it is unchanged. */
  requested: string;
  version: string;
  goroot: string;
}

export interface RunSlice {
  run: RunView | null;
  ranGoByTab: Record<string, RanGo>;
  revealTarget: RevealTarget | null;
  /** `trace`: also capture a Go execution trace (not with faketime: a trace needs the real clock). */
  startRun(options?: { trace?: boolean }): Promise<void>;
  cancelRun(): Promise<void>;
  /** Output events in arrival order; applied as one store update. */
  receiveOutput(payloads: ReadonlyArray<EventPayload<'run.output'>>): void;
  receiveStage(payload: EventPayload<'run.stage'>): void;
  revealLine(tabId: string, line: number, column: number, file?: string): void;
  clearOutput(): void;
  /** Shows the rest of a replay at once. */
  skipReplay(): void;
}

/** The renderer keeps at most this much output per run; the core already caps what it sends. */
export const MAX_OUTPUT_CHARS = 2 * 1024 * 1024;

export function createRunSlice(deps: StoreDeps): SliceCreator<RunSlice> {
  const updateRun = (runId: string, f: (run: RunView) => Partial<RunView> | null) => (s: RunSlice) => {
    if (!s.run || s.run.runId !== runId) return {};
    const patch = f(s.run);
    return patch ? { run: { ...s.run, ...patch } } : {};
  };

  return (set, get) => {
    let replay: ReplayHandle | null = null;
    const stopReplay = () => {
      replay?.cancel();
      replay = null;
    };

    /** Clears the streamed output and shows the result's writes again, each after its delay. */
    const beginReplay = (runId: string, events: ReadonlyArray<ReplayEvent>) => {
      stopReplay();
      replay = startReplay(events, {
        emit(due, shown) {
          set(
            updateRun(runId, (run) => {
              let acc: Pick<RunView, 'output' | 'outputChars'> = run;
              for (const e of due) acc = appendOutput(acc, e.stream, e.data);
              return { ...acc, replay: run.replay ? { ...run.replay, shown } : null };
            }),
          );
        },
        done(skipped) {
          replay = null;
          set(updateRun(runId, (run) => (run.replay ? { replay: { ...run.replay, active: false, skipped } } : null)));
        },
      });
    };

    return {
      run: null,
      ranGoByTab: {},
      revealTarget: null,

      async startRun(options) {
        const s = get();
        if (s.run?.phase === 'running') return;
        const tab = selectActiveTab(s);
        if (!tab) return;
        stopReplay();
        const runId = randomId('run');
        const mode = tab.mode;
        const faketime = mode === 'docker' && s.faketime;
        const traced = options?.trace === true && !faketime;
        set({
          run: {
            runId,
            tabId: tab.id,
            source: tab.source,
            go: tab.go,
            mode,
            faketime,
            traced,
            phase: 'running',
            startedAt: deps.now(),
            finishedAt: null,
            output: [],
            outputChars: 0,
            streamed: false,
            stages: [],
            result: null,
            failure: null,
            cancelRequested: false,
            replay: null,
          },
        });
        try {
          // Format on run and vet, when set: what runs is the formatted text the editor then shows.
          const { format, ...checks } = get().runChecks();
          if (format) await get().formatTab(tab.id);
          const source = get().tabs.find((t) => t.id === tab.id)?.source ?? tab.source;
          if (source !== tab.source) set(updateRun(runId, () => ({ source })));
          const result = await deps.client.call('run.start', {
            runId,
            source,
            ...checks,
            go: tab.go || undefined,
            mode,
            limits: runLimits(s, mode),
            ...(faketime ? { faketime: true } : {}),
            ...(traced ? { trace: true } : {}),
            ...(tab.stdin ? { stdin: tab.stdin } : {}),
            // A snippet that runs as go test shows its benchmarks too (the core ignores this otherwise).
            runBenchmarks: true,
          });
          const events = faketime ? result.replay : undefined;
          set(
            updateRun(runId, (run) => ({
              phase: 'done',
              finishedAt: deps.now(),
              result,
              ...(events
                ? { output: [], outputChars: 0, replay: { total: events.length, shown: 0, active: events.length > 0, skipped: false } }
                : run.streamed && !run.faketime
                  ? {}
                  : outputFromResult(result)),
            })),
          );
          if (events && events.length > 0 && get().run?.runId === runId) beginReplay(runId, events);
          // A Docker run that found no engine (or found one the status did not know of) updates the status.
          if (mode === 'docker' && (result.status === 'sandbox-unavailable' || dockerAvailability(get()) === 'unavailable')) {
            void get().loadSandboxStatus();
          }
          const ran = result.go;
          if (ran) set((cur) => ({ ranGoByTab: { ...cur.ranGoByTab, [tab.id]: { requested: tab.go, version: ran.version, goroot: ran.goroot } } }));
        } catch (err) {
          set(updateRun(runId, () => ({ phase: 'done', finishedAt: deps.now(), failure: describeError(err) })));
        }
      },

      async cancelRun() {
        const run = get().run;
        if (!run || run.phase !== 'running') return;
        set(updateRun(run.runId, () => ({ cancelRequested: true })));
        try {
          await deps.client.call('run.cancel', { runId: run.runId });
        } catch {
          // The run's own result reports how it ended; a failed cancel leaves it to its timeout.
        }
      },

      receiveOutput(payloads) {
        set((s) => {
          const run = s.run;
          if (!run) return {};
          // Output already taken from the result must not be doubled by late events.
          if (run.phase === 'done' && !run.streamed) return {};
          // A faketime run's output is shown by its replay.
          if (run.faketime) return {};
          let acc: Pick<RunView, 'output' | 'outputChars'> = run;
          for (const p of payloads) if (p.runId === run.runId) acc = appendOutput(acc, p.stream, p.data);
          return acc === run ? {} : { run: { ...run, ...acc, streamed: true } };
        });
      },

      receiveStage({ runId, span }) {
        set(updateRun(runId, (run) => (run.phase === 'running' ? { stages: [...run.stages, span] } : null)));
      },

      revealLine(tabId, line, column, file) {
        set((s) => ({ revealTarget: { tabId, line, column, ...(file ? { file } : {}), seq: (s.revealTarget?.seq ?? 0) + 1 } }));
      },

      clearOutput() {
        if (get().run?.phase !== 'done') return;
        stopReplay();
        set((s) =>
          s.run ? { run: { ...s.run, output: [], outputChars: 0, replay: s.run.replay ? { ...s.run.replay, active: false } : null } } : {},
        );
      },

      skipReplay() {
        replay?.skip();
      },
    };
  };
}

function appendOutput(run: Pick<RunView, 'output' | 'outputChars'>, stream: OutputStream, data: string): Pick<RunView, 'output' | 'outputChars'> {
  const room = MAX_OUTPUT_CHARS - run.outputChars;
  if (room <= 0 || data === '') return { output: run.output, outputChars: run.outputChars };
  const text = data.length > room ? data.slice(0, room) : data;
  const last = run.output[run.output.length - 1];
  // Consecutive writes to one stream become one chunk, so a chatty program is still a short DOM.
  const output =
    last && last.stream === stream ? [...run.output.slice(0, -1), { stream, text: last.text + text }] : [...run.output, { stream, text }];
  return { output, outputChars: run.outputChars + text.length };
}

function outputFromResult(result: RunResult): Pick<RunView, 'output' | 'outputChars'> {
  let acc: Pick<RunView, 'output' | 'outputChars'> = { output: [], outputChars: 0 };
  acc = appendOutput(acc, 'stdout', result.stdout);
  acc = appendOutput(acc, 'stderr', result.stderr);
  return acc;
}

/** What the status badge shows: a RunStatus, or 'running'. A failed call reads as internal-error. */
export type RunDisplayStatus = RunStatus | 'running';

export function runDisplayStatus(run: RunView | null): RunDisplayStatus | null {
  if (!run) return null;
  if (run.phase === 'running') return 'running';
  if (run.result) return run.result.status;
  return 'internal-error';
}
