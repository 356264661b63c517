// The whole pipeline with the real Go toolchain on PATH and the real WASI worker.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutputStream, RunRequest, RunResult, Span } from '../../../shared/run';
import { createCore, type Core } from '../core';

let core: Core;
let home: string;
let n = 0;

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'gopherlab-test-home-'));
  core = createCore({ dataDir: home });
});
afterAll(async () => {
  await core.dispose();
  rmSync(home, { recursive: true, force: true });
});

interface Observed {
  result: RunResult;
  events: { stream: OutputStream; data: string }[];
  stages: Span[];
}

async function run(source: string, extra: Partial<RunRequest> = {}): Promise<Observed> {
  const events: Observed['events'] = [];
  const stages: Span[] = [];
  const result = await core.runs.run(
    { runId: `t${++n}`, source, ...extra },
    { onOutput: (stream, data) => events.push({ stream, data }), onStage: (s) => stages.push(s) },
  );
  return { result, events, stages };
}

const HELLO = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello, 世界") }\n';

describe('run pipeline (WASM sandbox, real Go)', () => {
  it('runs hello world: ok, output, toolchain, and contiguous spans for every stage', async () => {
    const { result, events, stages } = await run(HELLO);
    expect(result.status).toBe('ok');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('hello, 世界\n');
    expect(result.go?.version).toMatch(/^go1\.\d+/);
    expect(result.mode).toBe('wasm');
    expect(events).toEqual([{ stream: 'stdout', data: 'hello, 世界\n' }]);
    const names = result.spans.map((s) => s.name);
    for (const stage of ['sdk-resolve', 'write-files', 'compile', 'validate', 'instantiate', 'execute']) expect(names).toContain(stage);
    expect(stages.map((s) => s.name).sort()).toEqual([...names].sort());
    // No unexplained gaps: each span starts where the one before ended, to a quarter millisecond
    // (longer waits between stages are spans of their own).
    const sorted = result.spans;
    for (let i = 1; i < sorted.length; i++) {
      const prevEnd = sorted[i - 1]!.startMs + sorted[i - 1]!.durationMs;
      expect(Math.abs(sorted[i]!.startMs - prevEnd)).toBeLessThan(0.3);
    }
    const last = sorted[sorted.length - 1]!;
    expect(Math.abs(result.totalMs - (last.startMs + last.durationMs))).toBeLessThan(0.3);
  });

  it('builds a plain snippet with the direct compile+link path once the std index is ready, with the same result', async () => {
    let builder = '';
    for (let i = 0; i < 50 && builder !== 'direct'; i++) {
      // A new program each time, or the compile cache would answer instead of a builder.
      const { result } = await run(`${HELLO}var _ = ${i}\n`);
      expect(result.status).toBe('ok');
      expect(result.stdout).toBe('hello, 世界\n');
      builder = String(result.spans.find((s) => s.name === 'compile')?.attrs?.builder);
      if (builder !== 'direct') await new Promise((r) => setTimeout(r, 500));
    }
    expect(builder).toBe('direct');
    // Build info is embedded as go build would embed it.
    const info = await run('package main\nimport ("fmt";"runtime/debug")\nfunc main() { bi, ok := debug.ReadBuildInfo(); fmt.Println(ok, bi.Path, bi.Main.Path) }\n');
    expect(info.result.stdout).toBe('true play play\n');
    // A compile error on the direct path reads like go build's.
    const bad = await run('package main\n\nfunc main() {\n\tundefinedThing()\n}\n');
    expect(bad.result.status).toBe('compile-error');
    expect(bad.result.diagnostics[0]).toMatchObject({ file: 'prog.go', line: 4, column: 2 });
  });

  it('indexes what go build compiled, so a toolchain that was never prepared gets the direct path next time', async () => {
    const cold = createCore({ dataDir: join(home, 'cold'), goCacheRoot: join(home, 'cold-gocache') });
    try {
      const src = (n: number) => `package main\nimport ("fmt";"strings")\nfunc main() { fmt.Println(strings.Repeat("go", ${n})) }\n`;
      const first = await cold.runs.run({ runId: 'cold-1', source: src(1) });
      expect(first.status).toBe('ok');
      expect(first.spans.find((s) => s.name === 'compile')?.attrs?.builder).toBe('go build');
      let builder = '';
      for (let i = 2; i < 40 && builder !== 'direct'; i++) {
        await new Promise((r) => setTimeout(r, 250));
        const next = await cold.runs.run({ runId: `cold-${i}`, source: src(i) });
        expect(next.stdout).toBe(`${'go'.repeat(i)}\n`);
        builder = String(next.spans.find((s) => s.name === 'compile')?.attrs?.builder);
      }
      expect(builder).toBe('direct');
    } finally {
      await cold.dispose();
    }
  });

  it('keeps stdout and stderr apart and in order, and reports the exit code', async () => {
    const src = 'package main\nimport ("fmt";"os")\nfunc main() { fmt.Println("out1"); fmt.Fprintln(os.Stderr, "err1"); fmt.Println("out2"); os.Exit(3) }\n';
    const { result, events } = await run(src);
    expect(result.status).toBe('exit');
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toBe('out1\nout2\n');
    expect(result.stderr).toBe('err1\n');
    expect(events.map((e) => `${e.stream}:${e.data}`).join('')).toBe('stdout:out1\nstderr:err1\nstdout:out2\n');
    expect(result.message).toMatch(/status 3/);
  });

  it('reports a panic as runtime-panic with its message', async () => {
    const { result } = await run('package main\nfunc main() { var m map[string]int; m["a"] = 1 }\n');
    expect(result.status).toBe('runtime-panic');
    expect(result.exitCode).toBe(2);
    expect(result.panic?.message).toBe('assignment to entry in nil map');
    expect(result.stderr).toContain('goroutine 1 [running]');
    // Stack traces name the snippet's file, not the host's temp dir.
    expect(result.stderr).toContain('prog.go:2');
    expect(result.stderr).not.toContain(tmpdir());
  });

  it('reports a custom panic value and a deadlock', async () => {
    const p = await run('package main\nimport "errors"\nfunc main() { panic(errors.New("boom")) }\n');
    expect(p.result.status).toBe('runtime-panic');
    expect(p.result.panic?.message).toBe('boom');
    const d = await run('package main\nfunc main() { select {} }\n');
    expect(d.result.status).toBe('runtime-panic');
    expect(d.result.panic?.message).toMatch(/all goroutines are asleep - deadlock/);
  });

  it('turns compile errors into diagnostics on the right lines', async () => {
    const src = 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println(undefinedThing)\n}\n';
    const { result } = await run(src);
    expect(result.status).toBe('compile-error');
    expect(result.exitCode).toBeNull();
    expect(result.diagnostics).toEqual([{ file: 'prog.go', line: 6, column: 14, message: 'undefined: undefinedThing', severity: 'error' }]);
    expect(result.buildOutput).toContain('undefined: undefinedThing');
    expect(result.message).toContain('prog.go:6:14');
    expect(result.spans.map((s) => s.name)).not.toContain('execute');
  });

  it('builds a multi-file txtar with its own go.mod and a local package', async () => {
    const src = [
      'package main',
      'import ("fmt"; "example.com/demo/util")',
      'func main() { fmt.Println(util.Double(21)) }',
      '-- go.mod --',
      'module example.com/demo',
      '',
      'go 1.21',
      '-- util/util.go --',
      'package util',
      'func Double(x int) int { return x * 2 }',
      '',
    ].join('\n');
    const { result } = await run(src);
    expect(result.status).toBe('ok');
    expect(result.stdout).toBe('42\n');
  });

  it('maps an error in a second file to that file', async () => {
    const src = 'package main\nfunc main() { helper() }\n-- helper.go --\npackage main\n\nfunc helper() { return 1 }\n';
    const { result } = await run(src);
    expect(result.status).toBe('compile-error');
    expect(result.diagnostics[0]).toMatchObject({ file: 'helper.go', line: 3 });
  });

  it.each([
    ['a sleeping guest', 'package main\nimport "time"\nfunc main() { time.Sleep(time.Hour) }\n'],
    ['a spinning guest', 'package main\nfunc main() { for {} }\n'],
    ['a guest reading stdin forever', 'package main\nimport "os"\nfunc main() { b := make([]byte, 1); for { os.Stdin.Read(b) } }\n'],
    ['a guest with busy goroutines', 'package main\nfunc main() { for i := 0; i < 4; i++ { go func() { for {} }() }; select {} }\n'],
  ])('kills %s at the wall-clock limit, and the next run works', async (_name, src) => {
    const started = performance.now();
    const { result } = await run(src, { limits: { timeoutMs: 1000 } });
    expect(result.status).toBe('timeout');
    expect(result.exitCode).toBeNull();
    expect(result.message).toMatch(/time limit/);
    expect(performance.now() - started).toBeLessThan(30_000);
    const next = await run(HELLO);
    expect(next.result.status).toBe('ok');
  });

  it('gives stdin as empty: a read sees EOF at once', async () => {
    const src = 'package main\nimport ("bufio";"fmt";"os")\nfunc main() { s := bufio.NewScanner(os.Stdin); fmt.Println(s.Scan(), s.Err()) }\n';
    const { result } = await run(src);
    expect(result.status).toBe('ok');
    expect(result.stdout).toBe('false <nil>\n');
  });

  it('keeps output written just before a kill', async () => {
    const src = 'package main\nimport ("fmt";"time")\nfunc main() { fmt.Println("last words"); time.Sleep(time.Hour) }\n';
    const { result, events } = await run(src, { limits: { timeoutMs: 800 } });
    expect(result.status).toBe('timeout');
    expect(result.stdout).toBe('last words\n');
    expect(events.map((e) => e.data).join('')).toBe('last words\n');
  });

  it('caps output at the limit, says so, stops the guest, and the next run works', async () => {
    const src = 'package main\nimport "fmt"\nfunc main() { for { fmt.Print("0123456789abcdef") } }\n';
    const { result } = await run(src, { limits: { outputBytes: 64 * 1024 } });
    expect(result.status).toBe('output-limit');
    expect(result.truncated).toBe(true);
    expect(result.stdout.endsWith('\n... [truncated]\n')).toBe(true);
    expect(result.stdout.length).toBe(64 * 1024 + '\n... [truncated]\n'.length);
    expect((await run(HELLO)).result.status).toBe('ok');
  });

  it('caps one huge write with no newline at the default 1 MiB', async () => {
    const src = 'package main\nimport ("os";"strings")\nfunc main() { os.Stdout.WriteString(strings.Repeat("x", 50<<20)) }\n';
    const { result } = await run(src);
    expect(result.status).toBe('output-limit');
    expect(result.stdout.length).toBe(1024 * 1024 + '\n... [truncated]\n'.length);
  });

  it('stops a guest at the memory limit with memory-limit', async () => {
    const src = 'package main\nvar keep [][]byte\nfunc main() { for { keep = append(keep, make([]byte, 1<<20)) } }\n';
    const { result } = await run(src, { limits: { memoryBytes: 64 * 1024 * 1024 } });
    expect(result.status).toBe('memory-limit');
    expect(result.message).toMatch(/64 MiB memory limit/);
    expect((await run(HELLO)).result.status).toBe('ok');
  });

  it('passes invalid UTF-8, NUL and ANSI bytes through without breaking', async () => {
    const src = 'package main\nimport "os"\nfunc main() { os.Stdout.Write([]byte{0xff, 0xfe, 0, 0x1b, 0x5b, 0x33, 0x31, 0x6d, 0x41, 0x0a}) }\n';
    const { result } = await run(src);
    expect(result.status).toBe('ok');
    expect(result.stdout).toBe('\uFFFD\uFFFD\u0000\u001b[31mA\n');
  });

  it('gives the guest no files, no network and a minimal environment', async () => {
    const src = [
      'package main',
      'import ("fmt";"net";"os")',
      'func main() {',
      '  _, err := os.ReadFile("/etc/passwd"); fmt.Println("read:", err != nil)',
      '  err = os.WriteFile("/tmp/x", []byte("x"), 0o644); fmt.Println("write:", err != nil)',
      '  _, err = net.Dial("tcp", "127.0.0.1:80"); fmt.Println("dial:", err != nil)',
      '  fmt.Println(len(os.Environ()) <= 3, os.Getenv("PATH") != "")',
      '}',
    ].join('\n');
    const { result } = await run(src);
    expect(result.status).toBe('ok');
    expect(result.stdout).toBe('read: true\nwrite: true\ndial: true\ntrue true\n');
  });

  it('rejects file names that escape the work dir, and local replace directives', async () => {
    const escape = await run('package main\nfunc main() {}\n-- ../../evil.go --\npackage main\n');
    expect(escape.result.status).toBe('rejected');
    expect(escape.result.message).toMatch(/outside the snippet/);
    expect(escape.result.diagnostics[0]).toMatchObject({ file: '../../evil.go', line: 3 });
    const replace = await run('package main\nfunc main() {}\n-- go.mod --\nmodule play\n\ngo 1.21\n\nreplace example.com/x => /etc\n');
    expect(replace.result.status).toBe('rejected');
    expect(replace.result.message).toMatch(/replace to the local path/);
    expect(replace.result.spans.map((s) => s.name)).not.toContain('compile');
  });

  it('never switches or downloads toolchains: a pinned toolchain that is not installed is sdk-missing', async () => {
    const pinned = await run('package main\nfunc main() {}\n-- go.mod --\nmodule play\n\ngo 1.99\n\ntoolchain go1.99.0\n');
    expect(pinned.result.status).toBe('sdk-missing');
    expect(pinned.result.message).toMatch(/pins toolchain go1\.99\.0, which is not installed/);
    // Without a toolchain line, a go line from the future is the compiler's to refuse.
    const future = await run('package main\nfunc main() {}\n-- go.mod --\nmodule play\n\ngo 1.99\n');
    expect(future.result.status).toBe('compile-error');
    expect(future.result.buildOutput).toMatch(/1\.99/);
  });

  it('runs on the toolchain a snippet pins in its go.mod when the run names none', async () => {
    const current = (await core.toolchains.list()).find((t) => t.isDefault)!;
    const src = `package main\nimport ("fmt";"runtime")\nfunc main() { fmt.Println(runtime.Version()) }\n-- go.mod --\nmodule play\n\ngo 1.21\n\ntoolchain ${current.version}\n`;
    const { result } = await run(src);
    expect(result.status).toBe('ok');
    expect(result.stdout).toBe(`${current.version}\n`);
  });

  it('does not download modules: a third-party import fails with a clear message', async () => {
    const { result } = await run('package main\nimport "github.com/google/uuid"\nfunc main() { _ = uuid.New() }\n');
    expect(result.status).toBe('compile-error');
    expect(result.message).toMatch(/module downloads are off|standard library|not in (GOROOT|std)/);
  });

  it('refuses a module that imports anything but WASI', async () => {
    const src = 'package main\n\n//go:wasmimport env host_secret\nfunc hostSecret() int32\n\nfunc main() { println(hostSecret()) }\n';
    const { result } = await run(src);
    // Older toolchains refuse go:wasmimport outside the standard library at compile time.
    expect(['rejected', 'compile-error']).toContain(result.status);
    if (result.status === 'rejected') expect(result.message).toMatch(/env\.host_secret/);
  });

  it('reports sdk-missing for a toolchain that is not installed', async () => {
    const { result } = await run(HELLO, { go: '1.3.0' });
    expect(result.status).toBe('sdk-missing');
    expect(result.message).toMatch(/not installed/);
    expect(result.go).toBeNull();
  });

  it('cancels a running program', async () => {
    const runId = `cancel-${++n}`;
    const pending = core.runs.run(
      { runId, source: 'package main\nimport ("fmt";"time")\nfunc main() { fmt.Println("started"); time.Sleep(time.Hour) }\n' },
      {
        onOutput: () => {
          core.runs.cancel(runId);
        },
      },
    );
    const result = await pending;
    expect(result.status).toBe('canceled');
    expect(core.runs.cancel(runId)).toBe(false);
  });

  it('runs a snippet with tests as go test: per-test outcomes, failures named, benchmarks measured', async () => {
    const src = [
      'package main',
      'func Add(a, b int) int { return a + b }',
      'func main() {}',
      '-- add_test.go --',
      'package main',
      'import "testing"',
      'func TestAdd(t *testing.T) { if Add(2, 2) != 4 { t.Fatal("bad") } }',
      'func TestBroken(t *testing.T) { t.Fatal("always fails") }',
      'func TestSkipped(t *testing.T) { t.Skip("later") }',
      'func BenchmarkAdd(b *testing.B) { for i := 0; i < b.N; i++ { _ = Add(i, i) } }',
      '',
    ].join('\n');
    const failing = await run(src);
    expect(failing.result.status).toBe('exit');
    expect(failing.result.exitCode).toBe(1);
    expect(failing.result.message).toBe('1 test failed: TestBroken');
    expect(failing.result.tests?.map((t) => [t.name, t.outcome])).toEqual([
      ['TestAdd', 'pass'],
      ['TestBroken', 'fail'],
      ['TestSkipped', 'skip'],
    ]);
    const bench = await run(src, { test: { run: '^TestAdd$', bench: 'Add', benchtime: '1000x' } });
    expect(bench.result.status).toBe('ok');
    expect(bench.result.tests?.map((t) => t.name)).toEqual(['TestAdd']);
    expect(bench.result.benchmarks).toHaveLength(1);
    expect(bench.result.benchmarks![0]).toMatchObject({ name: 'BenchmarkAdd', iterations: 1000, allocsPerOp: 0 });
    expect(bench.result.benchmarks![0]!.nsPerOp).toBeGreaterThan(0);
  });

  it('overrides the go line (the language version) without changing the toolchain', async () => {
    const loop = 'package main\nimport "fmt"\nfunc main() { var fs []func(); for i := 0; i < 3; i++ { fs = append(fs, func() { fmt.Print(i) }) }; for _, f := range fs { f() }; fmt.Println() }\n';
    expect((await run(loop, { goLine: '1.21' })).result.stdout).toBe('333\n');
    expect((await run(loop, { goLine: '1.22' })).result.stdout).toBe('012\n');
    const withMod = `${loop}-- go.mod --\nmodule example.com/x\n\ngo 1.22\n`;
    expect((await run(withMod, { goLine: '1.21' })).result.stdout).toBe('333\n');
  });

  it('leaves no work dir behind', async () => {
    await run(HELLO);
    await new Promise((r) => setTimeout(r, 200));
    const mine = readdirSync(tmpdir()).filter((d) => d.startsWith(`gopherlab-run-${process.pid}-`));
    expect(mine).toEqual([]);
  });
});
