// `gopherlab run FILE|-`: like `go run`, in the sandbox.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { MAX_LIMITS, MAX_STDIN_CHARS, SANDBOX_MODES, type RunResult, type SandboxMode } from '../../shared/run';
import { createCore, type Core } from '../core/core';
import { SdkMissingError } from '../core/sdk/registry';
import { progressPrinter } from './progress';
import { parseDuration, parseSize } from './duration';
import { exitCodeFor } from './exit-codes';
import { prepareInBackground } from './prepare';
import { UsageError } from './usage';
import { normalizeGoVersion } from '../../shared/go-version';

export const RUN_USAGE = `usage: gopherlab run FILE|- [--stdin FILE|-] [--go VERSION|GOROOT|PATH] [--mode wasm|docker] [--timeout 10s] [--memory 256MiB] [--output-limit 1MiB] [--cpus 1] [--pids 64] [--faketime] [--offline] [--json]

Runs one Go file, or several in the Go Playground's txtar form, in the sandbox.
Prints the program's output and exits with its exit code (see the README for other statuses).
  --stdin     the program's standard input: a file, or - for this command's own input (then FILE
              cannot be -); default: none (the program reads EOF)
  --go        toolchain: a version (1.22.3, go1.22.3, 1.22), a GOROOT or a go binary; default: go on PATH
  --mode      sandbox: ${SANDBOX_MODES.join(', ')} (default wasm)
  --timeout   wall-clock limit of the program, e.g. 10s, 500ms, 2m (default 10s)
  --memory    memory limit, e.g. 256MiB (default 256MiB)
  --output-limit  output cap for stdout+stderr, e.g. 1MiB (default 1MiB)
  --cpus      Docker: CPUs for the container (default 1)
  --pids      Docker: process/thread limit of the container (default 64)
  --faketime  Docker: build with -tags=faketime (sleeps are instant; output is deterministic)
  --offline   never download: a --go release that is not installed fails with sdk-missing
  --json      print one JSON object with status, exitCode, stdout, stderr, go, mode, cache, spans`;

export async function runCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      go: { type: 'string' },
      mode: { type: 'string', default: 'wasm' },
      stdin: { type: 'string' },
      timeout: { type: 'string' },
      memory: { type: 'string' },
      'output-limit': { type: 'string' },
      cpus: { type: 'string' },
      pids: { type: 'string' },
      faketime: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      offline: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(RUN_USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('run needs exactly one FILE (or - for standard input)', RUN_USAGE);
  checkMode(values.mode, RUN_USAGE);
  const limits: { timeoutMs?: number; memoryBytes?: number; outputBytes?: number; cpus?: number; pids?: number } = {};
  if (values.cpus !== undefined) {
    const n = Number(values.cpus);
    if (!(n >= 0.1 && n <= 16)) throw new UsageError(`--cpus ${values.cpus}: give a number of CPUs between 0.1 and 16`, RUN_USAGE);
    limits.cpus = n;
  }
  if (values.pids !== undefined) {
    const n = Number(values.pids);
    if (!Number.isInteger(n) || n < 8 || n > 4096) throw new UsageError(`--pids ${values.pids}: give a whole number between 8 and 4096`, RUN_USAGE);
    limits.pids = n;
  }
  if (values.faketime && values.mode !== 'docker') throw new UsageError('--faketime needs --mode docker', RUN_USAGE);
  if (values.timeout !== undefined) limits.timeoutMs = parseTimeoutOption(values.timeout, RUN_USAGE);
  if (values.memory !== undefined) {
    const bytes = parseSize(values.memory);
    if (bytes === null || bytes < 16 * 2 ** 20 || bytes > MAX_LIMITS.memoryBytes) throw new UsageError(`--memory ${values.memory}: give a size between 16MiB and 4GiB, e.g. 256MiB`, RUN_USAGE);
    limits.memoryBytes = bytes;
  }
  if (values['output-limit'] !== undefined) {
    const bytes = parseSize(values['output-limit']);
    if (bytes === null || bytes < 1024 || bytes > MAX_LIMITS.outputBytes) throw new UsageError(`--output-limit ${values['output-limit']}: give a size between 1KiB and 64MiB`, RUN_USAGE);
    limits.outputBytes = bytes;
  }

  const file = positionals[0]!;
  const stdin = await readProgramStdin(values.stdin, file, RUN_USAGE);
  const source = await readProgram(file);

  const requestStart = performance.now();
  const core = createCore({
    oneShot: true,
    onStdIndexMissing: (tc) => prepareInBackground(tc, core.toolchains.goCacheFor(tc)),
  });
  const runId = `cli-${randomBytes(6).toString('hex')}`;
  if (values.go && !values.offline) await installOnDemand(core, values.go);
  const onSignal = () => core.runs.cancel(runId);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let result: RunResult;
  try {
    result = await core.runs.run(
      { runId, source, mode: values.mode as SandboxMode, limits, ...(values.faketime ? { faketime: true } : {}), ...(values.go ? { go: values.go } : {}), ...(stdin !== undefined ? { stdin } : {}) },
      values.json
        ? {}
        : { onOutput: (stream, data) => (stream === 'stdout' ? process.stdout : process.stderr).write(data) },
      requestStart,
    );
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await core.dispose();
  }

  if (values.json) {
    // The CLI's own start-up is part of the wait a user sees: the first span covers it.
    const startup = { name: 'cli-startup', startMs: 0, durationMs: round(requestStart) };
    const spans = [startup, ...result.spans.map((s) => ({ ...s, startMs: round(s.startMs + requestStart) }))];
    const out = { ...result, spans, totalMs: round(result.totalMs + requestStart) };
    await writeOut(JSON.stringify(out, null, 2) + '\n');
  } else {
    if (result.status === 'compile-error' && result.buildOutput) process.stderr.write(result.buildOutput.endsWith('\n') ? result.buildOutput : result.buildOutput + '\n');
    if (result.status !== 'ok' && result.status !== 'compile-error' && result.message) {
      process.stderr.write(`gopherlab: ${result.status}: ${result.message}\n`);
    }
  }
  return exitCodeFor(result);
}

/** `--go 1.22.3` that is not installed but is a release name: install it first, with progress. */
export async function installOnDemand(core: Core, spec: string): Promise<void> {
  if (!/^(go)?\d+\.\d+(\.\d+)?((rc|beta)\d+)?$/.test(spec.trim())) return;
  try {
    await core.toolchains.resolve(spec);
    return;
  } catch (err) {
    if (!(err instanceof SdkMissingError)) return;
  }
  // "1.22" means the newest 1.22.x the proxy has.
  let version = normalizeGoVersion(spec);
  if (!/^go\d+\.\d+\.\d+|rc|beta/.test(version)) {
    const catalog = await core.sdk.getCatalog(false);
    const newest = catalog.releases.find((r) => r.stable && r.version.startsWith(`${version}.`));
    if (!newest) return;
    version = newest.version;
  }
  const off = core.sdk.onProgress(progressPrinter());
  try {
    await core.sdk.install(version);
  } catch {
    // The run reports sdk-missing with the install's reason printed above.
  } finally {
    off();
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

function writeOut(text: string): Promise<void> {
  return new Promise((resolve) => process.stdout.write(text, () => resolve()));
}

/** `--stdin FILE|-`: the program's input, read before the run; undefined without the flag. */
export async function readProgramStdin(spec: string | undefined, programFile: string, usage: string): Promise<string | undefined> {
  if (spec === undefined) return undefined;
  if (spec === '-' && programFile === '-') {
    throw new UsageError("--stdin - and FILE - both want this command's standard input; give the program or its input as a file", usage);
  }
  let text: string;
  try {
    text = spec === '-' ? await readStdin() : await readFile(spec, 'utf8');
  } catch (err) {
    throw new UsageError(`--stdin ${spec}: cannot read it: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, usage);
  }
  if (text.length > MAX_STDIN_CHARS) throw new UsageError(`--stdin ${spec}: the input is larger than 8 MiB; give the program less input`, usage);
  return text;
}

/** --mode must name a sandbox. */
export function checkMode(mode: string | undefined, usage: string): void {
  if (!(SANDBOX_MODES as readonly string[]).includes(mode ?? '')) {
    throw new UsageError(`--mode ${mode} is not a sandbox; use one of: ${SANDBOX_MODES.join(', ')}`, usage);
  }
}

/** --timeout as milliseconds, within what a run may ask for. */
export function parseTimeoutOption(value: string, usage: string): number {
  const ms = parseDuration(value);
  if (ms === null || ms < 100 || ms > MAX_LIMITS.timeoutMs) throw new UsageError(`--timeout ${value}: give a duration between 100ms and 10m, e.g. 10s`, usage);
  return ms;
}

/** The program's source: FILE, or this command's standard input for `-`. */
export async function readProgram(file: string): Promise<string> {
  try {
    return file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
