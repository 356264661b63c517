// Test programs: which snippets run as go test, units first, then through the pipeline with real Go.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRequest, RunResult } from '../../../shared/run';
import { createCore, type Core } from '../core';
import { connectEngine } from '../sandbox/docker/engine';
import { asTestProgram, declaresBenchmarks, goFileDecls, isTestFunc, unrenameFiles } from './test-detect';

const f = (name: string, content: string) => ({ name, content, startLine: 0 });

describe('test program detection', () => {
  it("follows Go's naming rule for tests", () => {
    expect(isTestFunc('TestAdd', 'Test')).toBe(true);
    expect(isTestFunc('Test', 'Test')).toBe(true);
    expect(isTestFunc('Test_add', 'Test')).toBe(true);
    expect(isTestFunc('Test1', 'Test')).toBe(true);
    expect(isTestFunc('Testify', 'Test')).toBe(false);
    expect(isTestFunc('BenchmarkSum', 'Benchmark')).toBe(true);
    expect(isTestFunc('Benchmarks', 'Benchmark')).toBe(false);
  });

  it('lists top-level functions, not methods, nested literals or names in comments and strings', () => {
    const src = [
      'package main',
      '// func TestInComment(t *testing.T) {}',
      'type T struct{}',
      'func (T) TestMethod() {}',
      'func Helper() { f := func() {}; _ = f; _ = "func TestInString" }',
      'func TestReal(t *testing.T) { if true { } }',
      'func ExampleHelper() {}',
    ].join('\n');
    expect(goFileDecls(src)).toEqual({ pkg: 'main', funcs: ['Helper', 'TestReal', 'ExampleHelper'] });
  });

  it('renames a package main with tests and no main() to a _test.go file, and only then', () => {
    const tests = 'package main\nimport "testing"\nfunc TestA(t *testing.T) {}\n';
    expect(asTestProgram([f('prog.go', tests), f('go.mod', 'module play\n')])).toEqual({
      files: [f('prog_test.go', tests), f('go.mod', 'module play\n')],
      renamed: new Map([['prog_test.go', 'prog.go']]),
    });
    // A main function: a program, even with Test functions.
    expect(asTestProgram([f('prog.go', `${tests}func main() {}\n`)])).toBeNull();
    // main in another file of the package counts too.
    expect(asTestProgram([f('prog.go', tests), f('main.go', 'package main\nfunc main() {}\n')])).toBeNull();
    // A method called main is not the program's main.
    expect(asTestProgram([f('prog.go', `${tests}type X struct{}\nfunc (X) main() {}\n`)])?.renamed.size).toBe(1);
    // Not package main, no tests, or untokenizable: left alone.
    expect(asTestProgram([f('prog.go', 'package lib\nimport "testing"\nfunc TestA(t *testing.T) {}\n')])).toBeNull();
    expect(asTestProgram([f('prog.go', 'package main\nfunc Helper() {}\n')])).toBeNull();
    expect(asTestProgram([f('prog.go', 'package main\nfunc TestA(t *testing.T) { "unterminated }\n')])).toBeNull();
    // Helpers stay as they are; files in subfolders are other packages.
    const split = asTestProgram([f('prog.go', 'package main\nimport "testing"\nfunc BenchmarkB(b *testing.B) {}\n'), f('util.go', 'package main\nfunc U() {}\n'), f('sub/x.go', 'package sub\nfunc TestZ() {}\n')]);
    expect(split?.files.map((x) => x.name)).toEqual(['prog_test.go', 'util.go', 'sub/x.go']);
    expect(declaresBenchmarks(split!.files)).toBe(true);
    expect(declaresBenchmarks([f('prog_test.go', tests)])).toBe(false);
  });

  it('maps build output back to the names the user wrote', () => {
    const renamed = new Map([['prog_test.go', 'prog.go']]);
    expect(unrenameFiles('# play\n./prog_test.go:4:2: undefined: x\nmy_prog_test.go:1:1: other\n', renamed)).toBe('# play\n./prog.go:4:2: undefined: x\nmy_prog_test.go:1:1: other\n');
  });
});

const engineUp = (await connectEngine()).status.available;
if (!engineUp && process.env.CI) throw new Error('no Docker engine answers, and CI must test the Docker sandbox');

describe('test programs through the pipeline (real Go)', () => {
  let core: Core;
  let home: string;
  let n = 0;
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'gopherlab-testprog-'));
    core = createCore({ dataDir: home });
  });
  afterAll(async () => {
    await core.dispose();
    rmSync(home, { recursive: true, force: true });
  });
  const run = (source: string, extra: Partial<RunRequest> = {}): Promise<RunResult> => core.runs.run({ runId: `tp-${++n}`, source, ...extra });

  const SINGLE = [
    'package main',
    '',
    'import (',
    '\t"fmt"',
    '\t"testing"',
    ')',
    '',
    'func Add(a, b int) int { return a + b }',
    '',
    'func TestAdd(t *testing.T) {',
    '\tif Add(2, 2) != 4 {',
    '\t\tt.Fatal("bad")',
    '\t}',
    '}',
    '',
    'func TestWrong(t *testing.T) { t.Errorf("Add(1, 1) = %d, want 3", Add(1, 1)) }',
    '',
    'func ExampleAdd() {',
    '\tfmt.Println(Add(1, 2))',
    '\t// Output: 3',
    '}',
    '',
    'func BenchmarkAdd(b *testing.B) {',
    '\tfor i := 0; i < b.N; i++ {',
    '\t\t_ = Add(i, i)',
    '\t}',
    '}',
    '',
  ].join('\n');

  it('runs a single file of tests without main as go test -v, with each outcome', async () => {
    const r = await run(SINGLE);
    expect(r.status).toBe('exit');
    expect(r.exitCode).toBe(1);
    expect(r.message).toBe('1 test failed: TestWrong');
    expect(r.tests?.map((t) => [t.name, t.outcome])).toEqual([
      ['TestAdd', 'pass'],
      ['TestWrong', 'fail'],
      ['ExampleAdd', 'pass'],
    ]);
    expect(r.stdout).toMatch(/Add\(1, 1\) = 2, want 3/);
    expect(r.spans.find((s) => s.name === 'compile')?.attrs).toMatchObject({ test: true, builder: 'go test -c' });
  });

  it('runs the benchmarks too when asked to run them all, and only then', async () => {
    const passing = SINGLE.replace('t.Errorf("Add(1, 1) = %d, want 3", Add(1, 1))', '_ = t');
    const plain = await run(passing);
    expect(plain.status).toBe('ok');
    expect(plain.benchmarks).toEqual([]);
    const r = await run(passing, { runBenchmarks: true, limits: { timeoutMs: 60_000 } });
    expect(r.status).toBe('ok');
    expect(r.benchmarks).toHaveLength(1);
    expect(r.benchmarks![0]).toMatchObject({ name: 'BenchmarkAdd', bytesPerOp: 0, allocsPerOp: 0 });
    expect(r.benchmarks![0]!.iterations).toBeGreaterThan(0);
    // An explicit selection wins over "all".
    const picked = await run(passing, { runBenchmarks: true, test: { bench: 'NoSuch' } });
    expect(picked.benchmarks).toEqual([]);
  });

  it('runs examples in WASM and checks their output, however many there are (each captures into a temp file)', async () => {
    const examples = Array.from({ length: 20 }, (_, i) => `func Example_n${i}() {\n\tfmt.Println(${i})\n\t// Output: ${i === 7 ? 'seven' : i}\n}\n`);
    const r = await run(`package main\n\nimport "fmt"\n\n${examples.join('\n')}`);
    expect(r.status).toBe('exit');
    expect(r.tests).toHaveLength(20);
    expect(r.tests!.filter((t) => t.outcome === 'fail').map((t) => t.name)).toEqual(['Example_n7']);
    expect(r.stdout).toMatch(/got:\n7\nwant:\nseven/);
    expect(r.stderr).not.toMatch(/temp file/);
    // Traced, the examples capture into the trace's folder, and the trace is still taken.
    const traced = await run(`package main\n\nimport "fmt"\n\n${examples[0]}`, { trace: true });
    expect(traced.status).toBe('ok');
    expect(traced.tests).toEqual([{ name: 'Example_n0', outcome: 'pass', seconds: expect.any(Number) }]);
    expect(traced.trace?.bytes).toBeGreaterThan(0);
  });

  it.skipIf(!engineUp)('runs the same test program in Docker with the same outcomes', async () => {
    const r = await run(SINGLE, { mode: 'docker' });
    expect(r.mode).toBe('docker');
    expect(r.message).toBe('1 test failed: TestWrong');
    expect(r.tests?.map((t) => [t.name, t.outcome])).toEqual([
      ['TestAdd', 'pass'],
      ['TestWrong', 'fail'],
      ['ExampleAdd', 'pass'],
    ]);
  });

  it('reports compile errors of a test program on the file and line the user wrote', async () => {
    const r = await run('package main\n\nimport "testing"\n\nfunc TestX(t *testing.T) {\n\tundefinedThing()\n}\n');
    expect(r.status).toBe('compile-error');
    expect(r.diagnostics[0]).toMatchObject({ file: 'prog.go', line: 6, column: 2 });
    expect(r.buildOutput).toMatch(/prog\.go:6:2/);
    expect(r.buildOutput).not.toMatch(/prog_test\.go/);
  });

  it('still runs a program with main as a program, and a package main without main or tests fails to build', async () => {
    const prog = await run('package main\nimport ("fmt";"testing")\nfunc TestNever(t *testing.T) {}\nfunc main() { fmt.Println("main ran"); _ = testing.Short }\n');
    expect(prog.status).toBe('ok');
    expect(prog.stdout).toBe('main ran\n');
    expect(prog.tests).toBeUndefined();
    const none = await run('package main\nfunc Helper() {}\n');
    expect(none.status).toBe('compile-error');
  });
});
