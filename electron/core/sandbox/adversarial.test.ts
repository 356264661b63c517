// The adversarial suite: every hostile snippet in adversarial-cases.ts, run through the whole
// pipeline in both sandboxes. Each case must end in one of its SAFE outcomes, must not show the
// guest anything of the host's (a secret in our environment, the host's /etc/passwd, a server on
// the host), must not make the host's build eat memory, and must leave the sandbox working: a
// hello world runs right after it, in the same sandbox.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRequest, RunResult } from '../../../shared/run';
import { createCore, type Core } from '../core';
import { ADVERSARIAL_CASES, HELLO, HELLO_OUTPUT, type AdversarialCase, type Expectation, type SandboxKind, type TextCheck } from './adversarial-cases';
import { CONTAINER_LABEL, OWNER_LABEL } from './docker/docker-sandbox';
import { connectEngine } from './docker/engine';
import { BUILD_MEMORY_BYTES } from '../pipeline/build-limits';

// A secret in the environment of the process that runs the sandboxes: no guest may ever see it.
const SECRET_NAME = 'GOPHERLAB_TEST_SECRET';
const SECRET_VALUE = 'hunter2';
process.env[SECRET_NAME] = SECRET_VALUE;

/** A build (compiler + linker, on the host, outside any sandbox) must never use more than its limit. */
const HOST_BUILD_MEMORY_CAP = BUILD_MEMORY_BYTES + 256 * 1024 * 1024;
/** Every run must end this long after its own wall-clock limit at the latest (the build included). */
const END_SLACK_MS = 30_000;
const DEFAULT_TIMEOUT_MS = 10_000;

// The runner image's own /etc/passwd: anything else that looks like a passwd line is the host's.
const IMAGE_PASSWD = ['root:x:0:0:root:/root:/sbin/nologin', 'nobody:x:65534:65534:nobody:/tmp:/sbin/nologin'];
const HOST_ONLY_PASSWD_LINES = existsSync('/etc/passwd')
  ? readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .filter((l) => l.length > 10 && !IMAGE_PASSWD.includes(l))
  : [];
const HOST_BANNER = `gopherlab-host-banner-${randomBytes(6).toString('hex')}`;

// ── Docker: run, skip with a printed reason, or (in CI) fail loudly ───────────────────────────
const engine = await connectEngine();
const dockerProblem = engine.docker ? null : (engine.status.error ?? 'no container engine answers');
const skipDocker = dockerProblem !== null && !process.env.CI;
if (skipDocker) console.warn(`[adversarial] the Docker half is skipped: ${dockerProblem}`);

// ── Shared state ──────────────────────────────────────────────────────────────────────────────
let core: Core;
let dataDir: string;
let server: Server;
let hostPort = 0;
let hostConnections = 0;
let runNumber = 0;

interface Observation {
  mode: SandboxKind;
  caseId: string;
  step: 'case' | 'then' | 'hello';
  result: RunResult;
  wallMs: number;
  /** Peak resident memory of the build processes (the run's child processes), bytes. */
  buildPeakBytes: number;
  /** The build went over HOST_BUILD_MEMORY_CAP and we stopped it. */
  buildStopped: boolean;
}
const observations: Observation[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gopherlab-adversarial-'));
  core = createCore({ dataDir });
  server = createServer((socket: Socket) => {
    hostConnections++;
    socket.end(`${HOST_BANNER}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  const address = server.address();
  hostPort = typeof address === 'object' && address ? address.port : 0;
});

afterAll(async () => {
  await core?.dispose();
  // Everything the app started is gone once it is disposed: no container of ours, running or not.
  if (engine.docker) {
    const ours = { filters: { label: [CONTAINER_LABEL, `${OWNER_LABEL}=${process.pid}`] } };
    let left = await engine.docker.listContainers({ all: true, ...ours });
    for (let i = 0; i < 30 && left.length > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      left = await engine.docker.listContainers({ all: true, ...ours });
    }
    expect(left.map((c) => `${c.Id.slice(0, 12)} ${c.State}`), 'containers left after dispose').toEqual([]);
  }
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  const out = process.env.GOPHERLAB_ADVERSARIAL_REPORT;
  if (out) writeFileSync(out, JSON.stringify(observations.map(summarize), null, 2));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function summarize(o: Observation) {
  return {
    mode: o.mode,
    caseId: o.caseId,
    step: o.step,
    status: o.result.status,
    exitCode: o.result.exitCode,
    signal: o.result.signal ?? null,
    wallMs: Math.round(o.wallMs),
    buildPeakMiB: Math.round(o.buildPeakBytes / (1024 * 1024)),
    buildStopped: o.buildStopped,
    message: o.result.message,
    stdout: o.result.stdout.slice(0, 2000),
    stderr: o.result.stderr.slice(0, 600),
    buildOutput: o.result.buildOutput.slice(0, 400),
  };
}

// ── Watching the host's side of a run: the build processes' memory ────────────────────────────
/** Resident bytes of every descendant process of `root` (Linux /proc; 0 elsewhere). */
function descendantsRss(root: number): number {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return 0;
  }
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after "pid (comm) ": state ppid … rss is field 24 overall.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(fields[1]));
      rss.set(Number(name), Number(fields[21]) * 4096);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  for (const [pid, bytes] of rss) {
    let p = parent.get(pid);
    for (let depth = 0; p !== undefined && p > 1 && p !== root && depth < 64; depth++) p = parent.get(p);
    if (p === root) total += bytes;
  }
  return total;
}

/** Runs one request; stops its build if the build's memory goes over the cap; never hangs. */
async function observe(mode: SandboxKind, caseId: string, step: Observation['step'], source: string, limits?: RunRequest['limits']): Promise<Observation> {
  const runId = `${mode}-${caseId}-${++runNumber}`;
  let buildPeakBytes = 0;
  let buildStopped = false;
  const watch = setInterval(() => {
    const rss = descendantsRss(process.pid);
    buildPeakBytes = Math.max(buildPeakBytes, rss);
    if (rss > HOST_BUILD_MEMORY_CAP && !buildStopped) {
      buildStopped = true;
      core.runs.cancel(runId);
    }
  }, 100);
  const limitMs = limits?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const started = performance.now();
  let hang: NodeJS.Timeout | undefined;
  try {
    const result = await Promise.race([
      core.runs.run({ runId, source: source.replaceAll('__HOST_PORT__', String(hostPort)), mode, ...(limits ? { limits } : {}) }),
      new Promise<never>((_, reject) => {
        hang = setTimeout(() => reject(new Error(`UNSAFE: run ${runId} did not end ${END_SLACK_MS * 2} ms after its ${limitMs} ms limit`)), limitMs + END_SLACK_MS * 2);
      }),
    ]);
    const o: Observation = { mode, caseId, step, result, wallMs: performance.now() - started, buildPeakBytes, buildStopped };
    observations.push(o);
    return o;
  } finally {
    clearInterval(watch);
    clearTimeout(hang);
  }
}

// ── Checks ────────────────────────────────────────────────────────────────────────────────────
function checkText(label: string, actual: string, check: TextCheck | undefined): void {
  if (!check) return;
  if (check.equals !== undefined) expect.soft(actual, label).toBe(check.equals);
  for (const s of check.includes ?? []) expect.soft(actual, label).toContain(s);
  for (const s of check.excludes ?? []) expect.soft(actual, label).not.toContain(s);
  for (const re of check.matches ?? []) expect.soft(actual, label).toMatch(re);
  if (check.length !== undefined) expect.soft(actual.length, `${label} length`).toBe(check.length);
}

/** What holds for every run of every case, whatever it tried. */
function checkInvariants(o: Observation, limits: RunRequest['limits'] | undefined): void {
  const where = `${o.caseId} [${o.mode}, ${o.step}]`;
  const r = o.result;
  const seen = [r.stdout, r.stderr, r.message, r.buildOutput, ...r.diagnostics.map((d) => d.message)].join('\n');
  expect.soft(seen, `${where}: the secret in the host's environment reached the guest`).not.toContain(SECRET_VALUE);
  expect.soft(seen, `${where}: the host's TCP server answered the guest`).not.toContain(HOST_BANNER);
  for (const line of HOST_ONLY_PASSWD_LINES) expect.soft(seen, `${where}: a line of the host's /etc/passwd reached the guest`).not.toContain(line);
  expect
    .soft(
      o.buildStopped,
      `${where}: the build used more than ${HOST_BUILD_MEMORY_CAP / 2 ** 30} GiB of host memory (peak seen ${Math.round(o.buildPeakBytes / 2 ** 20)} MiB) and was stopped by the test: the build's memory limit did not hold`,
    )
    .toBe(false);
  expect.soft(r.status, `${where}: ${r.message}`).not.toBe('internal-error');
  const limitMs = limits?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  expect.soft(o.wallMs, `${where}: the run took ${Math.round(o.wallMs)} ms`).toBeLessThan(limitMs + END_SLACK_MS);
}

function checkExpectation(o: Observation, e: Expectation): void {
  const where = `${o.caseId} [${o.mode}, ${o.step}]`;
  const r = o.result;
  expect
    .soft(e.status as readonly string[], `${where}: status ${r.status} is not a safe outcome (message: ${r.message}; stderr: ${r.stderr.slice(0, 300)})`)
    .toContain(r.status);
  if (e.exitCode !== undefined) expect.soft(r.exitCode, `${where}: exit code`).toBe(e.exitCode);
  if (e.truncated !== undefined) expect.soft(r.truncated, `${where}: truncated`).toBe(e.truncated);
  if (e.exitBySignal && r.status === 'exit') expect.soft(r.signal, `${where}: the signal that ended it`).toBe(e.exitBySignal);
  if (e.panic) expect.soft(r.panic?.message ?? '', `${where}: panic message`).toMatch(e.panic);
  checkText(`${where}: stdout`, r.stdout, e.stdout);
  checkText(`${where}: stderr`, r.stderr, e.stderr);
  checkText(`${where}: message`, r.message, e.message);
  checkText(`${where}: build output`, r.buildOutput, e.buildOutput);
}

async function runCase(mode: SandboxKind, c: AdversarialCase): Promise<void> {
  const first = await observe(mode, c.id, 'case', c.source, c.limits);
  checkInvariants(first, c.limits);
  // A build we had to stop has already failed above; its status ("canceled") says nothing more.
  if (!first.buildStopped) checkExpectation(first, c.expect[mode]);
  if (c.then) {
    const second = await observe(mode, c.id, 'then', c.then.source);
    checkInvariants(second, undefined);
    checkExpectation(second, c.then.expect[mode]);
  }
  // The sandbox still works: the very next run in it succeeds.
  const hello = await observe(mode, c.id, 'hello', HELLO);
  checkInvariants(hello, undefined);
  expect(hello.result.status, `after ${c.id} [${mode}], hello world: ${hello.result.message}`).toBe('ok');
  expect(hello.result.stdout).toBe(HELLO_OUTPUT);
  expect(hostConnections, 'no guest ever connected to the host').toBe(0);
}

/** Nothing in the data dir looks like a downloaded toolchain. */
function findToolchainDownloads(dir: string, depth = 0): string[] {
  if (depth > 8) return [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const e of entries) {
    if (/^toolchain@|go1\.99/.test(e.name)) found.push(join(dir, e.name));
    if (e.isDirectory()) found.push(...findToolchainDownloads(join(dir, e.name), depth + 1));
  }
  return found;
}

function threadCount(): number | null {
  try {
    const m = /^Threads:\s+(\d+)$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return m?.[1] ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

// ── The WASM sandbox ──────────────────────────────────────────────────────────────────────────
describe('adversarial snippets in the WASM sandbox', () => {
  let threadsBefore: number | null = null;

  beforeAll(async () => {
    await core.prewarm();
    const warm = await observe('wasm', 'warm-up', 'hello', HELLO);
    expect(warm.result.status, warm.result.message).toBe('ok');
    threadsBefore = threadCount();
  });

  for (const c of ADVERSARIAL_CASES) {
    it(`${c.group}: ${c.name}`, () => runCase('wasm', c));
  }

  it('downloaded no toolchain and left no worker threads behind', async () => {
    expect(findToolchainDownloads(dataDir)).toEqual([]);
    // Every run's worker was terminated: the thread count is back where it started (one spare
    // worker may be booting).
    await new Promise((r) => setTimeout(r, 500));
    const now = threadCount();
    if (threadsBefore !== null && now !== null) expect(now).toBeLessThanOrEqual(threadsBefore + 4);
  });
});

// ── The Docker sandbox ────────────────────────────────────────────────────────────────────────
describe.skipIf(skipDocker)(
  dockerProblem ? `adversarial snippets in the Docker sandbox (no engine: ${dockerProblem})` : 'adversarial snippets in the Docker sandbox',
  () => {
    const docker = engine.docker;

    async function runningContainers(): Promise<string[]> {
      if (!docker) return [];
      const list = await docker.listContainers({ filters: { label: [CONTAINER_LABEL, `${OWNER_LABEL}=${process.pid}`], status: ['running'] } });
      return list.map((c) => `${c.Id.slice(0, 12)} ${c.Status}`);
    }

    beforeAll(async () => {
      if (dockerProblem) throw new Error(`CI is set, so the Docker half must run, but it cannot: ${dockerProblem}`);
      const status = await core.runs.sandboxStatus();
      expect(status.available, status.error).toBe(true);
      // Build the standard library for the engine's platform once, so each case builds quickly.
      const def = (await core.toolchains.list()).find((t) => t.isDefault);
      if (def && status.arch) await core.runs.prepare(def, { goos: 'linux', goarch: status.arch });
      const warm = await observe('docker', 'warm-up', 'hello', HELLO);
      expect(warm.result.status, warm.result.message).toBe('ok');
    });

    for (const c of ADVERSARIAL_CASES) {
      it(`${c.group}: ${c.name}`, async () => {
        await runCase('docker', c);
        // Whatever the case started ended with it: no container of ours is still running.
        expect(await runningContainers(), `containers still running after ${c.id}`).toEqual([]);
      });
    }

    it('downloaded no toolchain and left no container running', async () => {
      expect(findToolchainDownloads(dataDir)).toEqual([]);
      expect(await runningContainers()).toEqual([]);
    });
  },
);
