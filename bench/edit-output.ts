// Edit→output latency: a hello world whose string changes every run (so no build cache can
// answer), through Gopherlab's WASM and Docker paths and through a plain `go build` + run of the
// same file with the same Go; then the compile cache's hit path (a comment edited: same key).
// Prints p50/p95 and the ratio to the baseline. Usage: npm run bench [-- --runs 20]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../electron/core/core';
import { fmt, percentile } from './stats';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '20' }, warmup: { type: 'string', default: '3' }, pause: { type: 'string', default: '0' } },
});
const RUNS = Number(values.runs);
const WARMUP = Number(values.warmup);
/** Editing time between runs, the same for every path (ms). */
const PAUSE = Number(values.pause);
const root = resolve(__dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'gopherlab-bench-'));
const home = join(work, 'home');
let counter = 0;

function program(): string {
  counter++;
  return `package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("hello, gopher ${counter}-${Date.now()}")\n}\n`;
}

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

async function timeAsync(fn: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function measure(name: string, once: () => Promise<number>): Promise<{ name: string; p50: number; p95: number; samples: number[] }> {
  for (let i = 0; i < WARMUP; i++) await once();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    if (PAUSE > 0) await new Promise((r) => setTimeout(r, PAUSE));
    samples.push(await once());
  }
  return { name, p50: percentile(samples, 50), p95: percentile(samples, 95), samples };
}

async function main(): Promise<void> {
  const goVersion = execFileSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).trim();
  console.log(`edit→output, hello world with a new string each run: ${RUNS} runs after ${WARMUP} warm-up runs`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${process.platform}/${process.arch}, node ${process.version}, ${goVersion}\n`);

  // Baseline: what a developer would do by hand with the same Go.
  const base = join(work, 'baseline');
  execFileSync('mkdir', ['-p', base]);
  writeFileSync(join(base, 'go.mod'), 'module play\n\ngo 1.21\n');
  const baseline = await measure('go build + run (native, baseline)', async () => {
    writeFileSync(join(base, 'main.go'), program());
    return time(() => {
      execFileSync('go', ['build', '-o', 'prog', '.'], { cwd: base, env: { ...process.env, GOFLAGS: '' } });
      execFileSync(join(base, 'prog'), { cwd: base });
    });
  });

  // Both Gopherlab paths start from what the app prepares at start: the standard library built
  // for wasip1 and indexed for the direct build (the CLI finds the index on disk).
  const core = createCore({ dataDir: home });
  await core.prewarm();
  // The app also readies linux/<arch> (Docker builds) in the background after start; wait for it,
  // so no measurement shares the CPU with it.
  const def = (await core.toolchains.list()).find((t) => t.isDefault)!;
  const dockerStatus = await core.runs.sandboxStatus();
  await core.runs.prepare(def, { goos: 'linux', goarch: dockerStatus.arch ?? 'amd64' });
  const stageTotals = new Map<string, number[]>();

  // The CLI, as a user runs it: a new process per run.
  const cliFile = join(work, 'cli.go');
  const cliEnv = { ...process.env, GOPHERLAB_HOME: home };
  const cli = await measure('gopherlab run (CLI process, WASM)', async () => {
    writeFileSync(cliFile, program());
    return time(() => {
      const r = spawnSync(process.execPath, [join(root, 'bin', 'gopherlab.cjs'), 'run', cliFile], { env: cliEnv, encoding: 'utf8' });
      if (r.status !== 0 || !r.stdout.startsWith('hello, gopher')) throw new Error(`CLI run failed: ${r.stderr}`);
    });
  });

  // The app: the same core, in the long-lived main process (what Run in the editor costs).
  let id = 0;
  const builders = new Map<string, number>();
  const app = await measure('Run in the app (in-process core, WASM)', async () => {
    const source = program();
    return timeAsync(async () => {
      const r = await core.runs.run({ runId: `bench-${++id}`, source });
      if (r.status !== 'ok') throw new Error(`run failed: ${r.status} ${r.message}`);
      for (const s of r.spans) stageTotals.set(s.name, [...(stageTotals.get(s.name) ?? []), s.durationMs]);
      if (r.cache?.hit) throw new Error('a new string each run must miss the compile cache');
      const builder = String(r.spans.find((s) => s.name === 'compile')?.attrs?.builder);
      builders.set(builder, (builders.get(builder) ?? 0) + 1);
    });
  });
  // The compile cache's hit path: the user edits only a comment, so the key is the same.
  let edits = 0;
  const hitSource = () => `package main\n\nimport "fmt"\n\n// edit ${++edits}\nfunc main() {\n\tfmt.Println("hello, cached gopher")\n}\n`;
  const hitStages = new Map<string, number[]>();
  // The first run of this program builds and stores it; every measured run after it is a hit.
  await core.runs.run({ runId: `bench-h-${++id}`, source: hitSource() });
  const hit = await measure('Rerun, cache hit (app, WASM)', async () => {
    const source = hitSource();
    return timeAsync(async () => {
      const r = await core.runs.run({ runId: `bench-h-${++id}`, source });
      if (r.status !== 'ok' || !r.cache?.hit) throw new Error(`expected a cache hit: ${r.status} ${r.message}`);
      for (const s of r.spans) hitStages.set(s.name, [...(hitStages.get(s.name) ?? []), s.durationMs]);
    });
  });
  for (const [k, v] of hitStages) stageTotals.set(`hit ${k}`, v);

  // Docker mode, when an engine answers: the same core, a fresh container per run.
  const rows = [baseline, cli, app, hit];
  const status = dockerStatus;
  if (status.available) {
    const dockerStages = new Map<string, number[]>();
    rows.push(
      await measure('Run in the app (in-process core, Docker)', async () => {
        const source = program();
        return timeAsync(async () => {
          const r = await core.runs.run({ runId: `bench-d-${++id}`, source, mode: 'docker' });
          if (r.status !== 'ok') throw new Error(`docker run failed: ${r.status} ${r.message}`);
          for (const s of r.spans) dockerStages.set(s.name, [...(dockerStages.get(s.name) ?? []), s.durationMs]);
        });
      }),
    );

    for (const [k, v] of dockerStages) stageTotals.set(`docker ${k}`, v);
    await core.runs.run({ runId: `bench-dh-${++id}`, source: hitSource(), mode: 'docker' });
    rows.push(
      await measure('Rerun, cache hit (app, Docker)', async () => {
        const source = hitSource();
        return timeAsync(async () => {
          const r = await core.runs.run({ runId: `bench-dh-${++id}`, source, mode: 'docker' });
          if (r.status !== 'ok' || !r.cache?.hit) throw new Error(`expected a Docker cache hit: ${r.status} ${r.message}`);
        });
      }),
    );
  } else {
    console.log(`Docker mode not measured: ${status.error ?? 'no engine'}`);
  }
  await core.dispose();

  const pad = (s: string, n: number) => s.padEnd(n);
  console.log(`${pad('path', 42)}${pad('p50', 12)}${pad('p95', 12)}ratio p50 (targets: WASM ≤ 1.2×, Docker ≤ 1.5×, cache hit ≤ 0.3×)`);
  for (const r of rows) {
    console.log(`${pad(r.name, 42)}${pad(fmt(r.p50), 12)}${pad(fmt(r.p95), 12)}${(r.p50 / baseline.p50).toFixed(2)}×`);
  }
  console.log(`\napp builds: ${[...builders].map(([b, n]) => `${b} ×${n}`).join(', ')}`);
  console.log('stages, p50 over the measured runs (warm-ups included):');
  for (const [name, values] of stageTotals) console.log(`  ${pad(name, 24)}${fmt(percentile(values, 50))}`);
  rmSync(work, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  rmSync(work, { recursive: true, force: true });
  process.exit(1);
});
