// `gopherlab matrix` and `gopherlab bisect`: version drift, headless.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { bisectMarkdown, matrixMarkdown } from '../../shared/drift-report';
import type { ExpectationInfo } from '../../shared/drift';
import { createCore } from '../core/core';
import { bisect } from '../core/drift/bisect';
import { runMatrix } from '../core/drift/matrix';
import { runBenchDrift } from '../core/drift/perf';
import { progressPrinter } from './progress';
import { UsageError } from './usage';
import { normalizeGoVersion } from '../../shared/go-version';

export const MATRIX_USAGE = `usage: gopherlab matrix FILE --go V1,V2,… [--axis toolchain|language] [--toolchain V] [--mode auto|wasm|docker] [--json|--markdown]
       gopherlab matrix FILE --go V1,V2,… --bench PATTERN [--count 5] [--benchtime 1s] [--json]

Runs FILE on each release (or, with --axis language, on one toolchain with each go line) and
prints the classes of identical results. Releases that are not installed are installed first.
With --bench, runs the snippet's benchmarks --count times on each release instead and prints the
median ns/op, B/op and allocs/op per release, and each change with its noise estimate.`;

export const BISECT_USAGE = `usage: gopherlab bisect FILE --good V --bad V EXPECTATION [--stable-only] [--minor 1.22] [--mode auto|wasm|docker] [--json|--markdown]

EXPECTATION describes the NEW behaviour (the bad release has it, the good one does not):
  --expect-stdout S | --expect-contains S | --expect-match RE | --expect-exit N | --expect-compiles
  --expect-fails-to-compile | --same-as V | --bench NAME --metric ns/op|B/op|allocs/op (--above X | --below X)
Prints each step, then the first release with the new behaviour as the last line: "first: goX.Y.Z".`;

async function source(file: string | undefined, usage: string): Promise<string> {
  if (!file) throw new UsageError('give the snippet FILE', usage);
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

function modeOf(m: string | undefined, usage: string): 'auto' | 'wasm' | 'docker' {
  const mode = m ?? 'auto';
  if (mode !== 'auto' && mode !== 'wasm' && mode !== 'docker') throw new UsageError(`--mode ${mode}: use auto, wasm or docker`, usage);
  return mode;
}

export async function matrixCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      go: { type: 'string' },
      axis: { type: 'string', default: 'toolchain' },
      toolchain: { type: 'string' },
      mode: { type: 'string' },
      json: { type: 'boolean', default: false },
      markdown: { type: 'boolean', default: false },
      bench: { type: 'string' },
      count: { type: 'string', default: '5' },
      benchtime: { type: 'string' },
    },
  });
  const src = await source(positionals[0], MATRIX_USAGE);
  if (values.bench !== undefined) return benchMatrix(src, values);
  const list = (values.go ?? '').split(',').map((v) => v.trim()).filter(Boolean);
  if (list.length === 0) throw new UsageError('--go needs a comma-separated list of releases (or go lines with --axis language)', MATRIX_USAGE);
  if (values.axis !== 'toolchain' && values.axis !== 'language') throw new UsageError(`--axis ${values.axis}: use toolchain or language`, MATRIX_USAGE);
  const core = createCore({});
  const off = core.sdk.onProgress(progressPrinter());
  try {
    const result = await runMatrix(
      core,
      {
        matrixId: `cli-${randomBytes(4).toString('hex')}`,
        source: src,
        values: list,
        axis: values.axis,
        mode: modeOf(values.mode, MATRIX_USAGE),
        install: true,
        ...(values.toolchain ? { toolchain: values.toolchain } : {}),
      },
      { onCell: (c) => !values.json && process.stderr.write(`${c.value}: ${c.result.status}${c.note ? ` (${c.note})` : ''}\n`) },
    );
    if (values.json) console.log(JSON.stringify(result, null, 2));
    else if (values.markdown) console.log(matrixMarkdown(result));
    else {
      for (const c of result.classes) {
        const b = c.behaviour;
        console.log(`${c.id}: ${c.label}\n   ${b.status}${b.exitCode ? ` (exit ${b.exitCode})` : ''}: ${JSON.stringify((b.status === 'compile-error' ? b.compile : b.stdout).slice(0, 200))}`);
      }
      console.log(`${result.classes.length} class${result.classes.length === 1 ? '' : 'es'} over ${result.cells.length} ${values.axis === 'language' ? 'go lines' : 'releases'} in ${(result.wallMs / 1000).toFixed(1)} s`);
    }
    return 0;
  } finally {
    off();
    await core.dispose();
  }
}

async function benchMatrix(src: string, values: { go?: string; bench?: string; count?: string; benchtime?: string; mode?: string; json?: boolean }): Promise<number> {
  const versions = (values.go ?? '').split(',').map((v) => v.trim()).filter(Boolean);
  if (versions.length === 0) throw new UsageError('--go needs a comma-separated list of releases', MATRIX_USAGE);
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1 || count > 20) throw new UsageError(`--count ${values.count}: give 1 to 20 runs per release`, MATRIX_USAGE);
  const core = createCore({});
  const off = core.sdk.onProgress(progressPrinter());
  try {
    const r = await runBenchDrift(
      core,
      {
        id: `cli-${randomBytes(4).toString('hex')}`,
        source: src,
        versions: versions.map(normalizeGoVersion),
        bench: values.bench!,
        count,
        mode: modeOf(values.mode, MATRIX_USAGE),
        ...(values.benchtime ? { benchtime: values.benchtime } : {}),
      },
      { onRelease: (v, _s, error) => !values.json && process.stderr.write(`${v}: ${error ?? 'measured'}\n`) },
    );
    if (values.json) {
      console.log(JSON.stringify(r, null, 2));
      return 0;
    }
    const fmt = (x: { median: number; spread: number } | null) => (x ? `${x.median.toFixed(x.median < 10 ? 2 : 0)} ±${(x.spread * 100).toFixed(1)}%` : '-');
    console.log(`${'release'.padEnd(12)} ${'benchmark'.padEnd(28)} ${'ns/op'.padEnd(16)} ${'B/op'.padEnd(12)} allocs/op`);
    for (const rel of r.releases) for (const s of rel.stats) console.log(`${rel.version.padEnd(12)} ${s.name.padEnd(28)} ${fmt(s.nsPerOp).padEnd(16)} ${fmt(s.bytesPerOp).padEnd(12)} ${fmt(s.allocsPerOp)}`);
    for (const c of r.changes) console.log(`${c.name}: ${c.from} → ${c.to} ${(c.delta * 100).toFixed(1)}% (noise ±${(c.noise * 100).toFixed(1)}%)${c.significant ? ' — significant' : ''}`);
    return 0;
  } finally {
    off();
    await core.dispose();
  }
}

export async function bisectCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      good: { type: 'string' },
      bad: { type: 'string' },
      'expect-stdout': { type: 'string' },
      'expect-contains': { type: 'string' },
      'expect-match': { type: 'string' },
      'expect-exit': { type: 'string' },
      'expect-compiles': { type: 'boolean' },
      'expect-fails-to-compile': { type: 'boolean' },
      'same-as': { type: 'string' },
      bench: { type: 'string' },
      metric: { type: 'string', default: 'ns/op' },
      above: { type: 'string' },
      below: { type: 'string' },
      'stable-only': { type: 'boolean', default: false },
      minor: { type: 'string' },
      mode: { type: 'string' },
      json: { type: 'boolean', default: false },
      markdown: { type: 'boolean', default: false },
    },
  });
  const src = await source(positionals[0], BISECT_USAGE);
  if (!values.good || !values.bad) throw new UsageError('bisect needs --good and --bad releases', BISECT_USAGE);
  const expectations: ExpectationInfo[] = [];
  if (values['expect-stdout'] !== undefined) expectations.push({ kind: 'stdout-equals', value: values['expect-stdout'] });
  if (values['expect-contains'] !== undefined) expectations.push({ kind: 'stdout-contains', value: values['expect-contains'] });
  if (values['expect-match'] !== undefined) expectations.push({ kind: 'stdout-matches', pattern: values['expect-match'] });
  if (values['expect-exit'] !== undefined) expectations.push({ kind: 'exit-code', code: Number(values['expect-exit']) });
  if (values['expect-compiles']) expectations.push({ kind: 'compiles', compiles: true });
  if (values['expect-fails-to-compile']) expectations.push({ kind: 'compiles', compiles: false });
  if (values['same-as'] !== undefined) expectations.push({ kind: 'same-as', version: values['same-as'] });
  if (values.bench !== undefined) {
    const metric = values.metric as 'ns/op' | 'B/op' | 'allocs/op';
    if (!['ns/op', 'B/op', 'allocs/op'].includes(metric)) throw new UsageError(`--metric ${metric}: use ns/op, B/op or allocs/op`, BISECT_USAGE);
    if (values.above === undefined && values.below === undefined) throw new UsageError('--bench needs --above X or --below X', BISECT_USAGE);
    expectations.push({
      kind: 'bench',
      name: values.bench,
      metric,
      ...(values.above !== undefined ? { above: Number(values.above) } : {}),
      ...(values.below !== undefined ? { below: Number(values.below) } : {}),
    });
  }
  if (expectations.length !== 1) throw new UsageError('give exactly one expectation of the new behaviour', BISECT_USAGE);
  const core = createCore({});
  const off = core.sdk.onProgress(progressPrinter());
  try {
    const report = await bisect(
      core,
      {
        bisectId: `cli-${randomBytes(4).toString('hex')}`,
        source: src,
        good: values.good,
        bad: values.bad,
        expect: expectations[0]!,
        stableOnly: values['stable-only'],
        mode: modeOf(values.mode, BISECT_USAGE),
        ...(values.minor ? { minor: values.minor } : {}),
      },
      {
        onStep: (s) =>
          !values.json && process.stderr.write(`${s.version.padEnd(12)} ${s.mode.padEnd(6)} ${s.verdict.padEnd(4)} ${s.result}${s.note ? ` (${s.note})` : ''} [${(s.ms / 1000).toFixed(1)} s]\n`),
      },
    );
    if (values.json) console.log(JSON.stringify(report, null, 2));
    else if (values.markdown) console.log(bisectMarkdown(report));
    if (report.error) {
      console.error(`gopherlab: bisect: ${report.error}`);
      return 1;
    }
    if (!values.json) {
      console.log(`${report.builds} builds over ${report.releases} releases; last with the old behaviour: ${report.last}${report.notes ? `; notes: ${report.notes}` : ''}`);
      if (report.candidates) console.log(`skipped releases hide the exact answer: one of ${report.candidates.join(', ')}`);
      console.log(`first: ${report.first}`);
    }
    return 0;
  } finally {
    off();
    await core.dispose();
  }
}
