// `gopherlab trace FILE|-`: runs a program traced and writes the run (pipeline stages and the Go
// execution trace) as Chrome trace-event JSON for Perfetto or chrome://tracing.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { SANDBOX_MODES, type RunResult, type SandboxMode } from '../../shared/run';
import type { TraceTimeline } from '../../shared/trace';
import { toChromeTrace } from '../../shared/trace-export';
import { createCore } from '../core/core';
import { TraceService } from '../core/trace/trace-service';
import { exitCodeFor } from './exit-codes';
import { prepareInBackground } from './prepare';
import { checkMode, installOnDemand, parseTimeoutOption, readProgram, readProgramStdin } from './run-command';
import { UsageError } from './usage';

export const TRACE_USAGE = `usage: gopherlab trace FILE|- [--stdin FILE|-] [--go VERSION|GOROOT|PATH] [--mode wasm|docker] [--out trace.json] [--raw FILE] [--timeout 10s] [--offline]

Runs FILE with a Go execution trace (runtime/trace) and writes the run as Chrome trace-event JSON
(open it in https://ui.perfetto.dev or chrome://tracing): the pipeline's stages, and the Go trace's
Ps, goroutines, GC, stop-the-world pauses, tasks, regions and logs where the program ran.
Prints the program's output; exits like \`gopherlab run\` (see the README), or 1 when the program
ran but left no trace.
  --stdin     the program's standard input: a file, or - for this command's own input (not with FILE -)
  --go        toolchain (default: go on PATH); WASM needs Go 1.21+, Docker takes Go 1.11+
  --mode      sandbox: ${SANDBOX_MODES.join(', ')} (default wasm)
  --out       where to write the Chrome JSON (default trace.json)
  --raw       also write the raw Go trace here (for \`go tool trace\`)
  --timeout   wall-clock limit of the program (default 10s)
  --offline   never download: a --go release that is not installed fails with sdk-missing`;

export async function traceCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      go: { type: 'string' },
      mode: { type: 'string', default: 'wasm' },
      stdin: { type: 'string' },
      out: { type: 'string', default: 'trace.json' },
      raw: { type: 'string' },
      timeout: { type: 'string' },
      offline: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(TRACE_USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('trace needs exactly one FILE (or - for standard input)', TRACE_USAGE);
  checkMode(values.mode, TRACE_USAGE);
  const limits: { timeoutMs?: number } = {};
  if (values.timeout !== undefined) limits.timeoutMs = parseTimeoutOption(values.timeout, TRACE_USAGE);
  const file = positionals[0]!;
  const stdin = await readProgramStdin(values.stdin, file, TRACE_USAGE);
  const source = await readProgram(file);

  const core = createCore({
    oneShot: true,
    onStdIndexMissing: (tc) => prepareInBackground(tc, core.toolchains.goCacheFor(tc)),
  });
  const traces = new TraceService({
    dataDir: core.dataDir,
    toolchains: core.toolchains,
    onBuild: (tc) => process.stderr.write(`gopherlab: building the trace parser with ${tc.version} (once)\n`),
  });
  const runId = `cli-${randomBytes(6).toString('hex')}`;
  if (values.go && !values.offline) await installOnDemand(core, values.go);
  const onSignal = () => core.runs.cancel(runId);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let result: RunResult;
  let timeline: TraceTimeline | null = null;
  let traceProblem: string | null = null;
  try {
    result = await core.runs.run(
      { runId, source, mode: values.mode as SandboxMode, limits, trace: true, ...(values.go ? { go: values.go } : {}), ...(stdin !== undefined ? { stdin } : {}) },
      { onOutput: (stream, data) => (stream === 'stdout' ? process.stdout : process.stderr).write(data) },
    );
    if (result.trace?.bytes) {
      try {
        timeline = await traces.get(runId);
        if (values.raw) {
          const raw = await traces.store.read(runId);
          if (raw) await writeFile(values.raw, raw);
        }
      } catch (err) {
        traceProblem = err instanceof Error ? err.message : String(err);
      }
    } else if (result.trace?.error) {
      traceProblem = result.trace.error;
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await core.dispose();
  }

  if (result.status === 'compile-error' && result.buildOutput) process.stderr.write(result.buildOutput.endsWith('\n') ? result.buildOutput : result.buildOutput + '\n');
  if (result.status !== 'ok' && result.status !== 'compile-error' && result.message) process.stderr.write(`gopherlab: ${result.status}: ${result.message}\n`);
  const ran = result.trace !== undefined;
  if (ran) {
    // Without a Go trace the file still holds the pipeline's stages.
    await writeFile(values.out!, JSON.stringify(toChromeTrace(result.spans, timeline)) + '\n');
    if (traceProblem) process.stderr.write(`gopherlab: no Go trace: ${traceProblem}\n`);
    const goEvents = timeline ? `, ${timeline.goroutines.length} goroutines, ${timeline.gc.length} GCs (${timeline.format}${timeline.truncated ? ', truncated' : ''})` : '';
    process.stderr.write(`gopherlab: wrote ${values.out}${goEvents}${values.raw && timeline ? ` and ${values.raw}` : ''}\n`);
  }
  const code = exitCodeFor(result);
  return code === 0 && (!ran || traceProblem) ? 1 : code;
}
