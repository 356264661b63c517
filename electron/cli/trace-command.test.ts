// `gopherlab trace` as a user runs it: the built CLI in a new process, real Go, the WASM sandbox.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChromeTrace } from '../../shared/trace-export';

const root = resolve(__dirname, '../..');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gopherlab-cli-trace-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'dist/node/cli.cjs'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GOPHERLAB_HOME: join(dir, 'home') },
    timeout: 300_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

const WORKERS = `package main

import (
	"fmt"
	"runtime"
	"sync"
)

func worker(n int, wg *sync.WaitGroup) {
	defer wg.Done()
	s := 0
	for i := 0; i < 100000*n; i++ {
		s += i
	}
	_ = s
}

func main() {
	var wg sync.WaitGroup
	for i := 1; i <= 3; i++ {
		wg.Add(1)
		go worker(i, &wg)
	}
	wg.Wait()
	runtime.GC()
	fmt.Println("done")
}
`;

describe('gopherlab trace', { timeout: 300_000 }, () => {
  it('prints the output and writes Chrome trace JSON with the pipeline and the Go runtime, and the raw trace', () => {
    const r = cli(['trace', file('workers.go', WORKERS), '--out', 'run.json', '--raw', 'run.trace']);
    expect(r.stdout).toBe('done\n');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/wrote run\.json, \d+ goroutines, \d+ GCs \(go 1\.\d+\) and run\.trace/);

    const trace = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as ChromeTrace;
    expect(trace.displayTimeUnit).toBe('ns');
    const meta = (name: string) => trace.traceEvents.filter((e) => e.ph === 'M' && e.name === name).map((e) => String(e.args?.name));
    expect(meta('process_name')).toEqual(['pipeline', expect.stringMatching(/^Go runtime \(go 1\.\d+\)$/)]);
    const threads = meta('thread_name');
    expect(threads).toContain('P0');
    expect(threads).toContain('GC');
    expect(threads.filter((t) => /^G\d+ main\.worker$/.test(t))).toHaveLength(3);
    const stages = trace.traceEvents.filter((e) => e.ph === 'X' && e.cat === 'stage').map((e) => e.name);
    for (const s of ['compile', 'execute', 'trace-capture']) expect(stages).toContain(s);
    // The Go trace sits inside the execute stage, where the program ran.
    const execute = trace.traceEvents.find((e) => e.cat === 'stage' && e.name === 'execute')!;
    const gc = trace.traceEvents.find((e) => e.cat === 'gc')!;
    expect(gc.ts).toBeGreaterThanOrEqual(execute.ts);
    expect(gc.ts).toBeLessThanOrEqual(execute.ts + execute.dur!);

    expect(readFileSync(join(dir, 'run.trace')).subarray(0, 16).toString('latin1')).toMatch(/^go 1\.\d+ trace\0\0\0$/);
  });

  it('defaults to trace.json; a program that calls os.Exit keeps its exit code and says why there is no Go trace', () => {
    const r = cli(['trace', file('exit.go', 'package main\n\nimport "os"\n\nfunc main() { os.Exit(4) }\n')]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/no Go trace: the program exited via os\.Exit before the trace was written; return from main instead/);
    const trace = JSON.parse(readFileSync(join(dir, 'trace.json'), 'utf8')) as ChromeTrace;
    expect(trace.traceEvents.some((e) => e.name === 'execute')).toBe(true);
    expect(trace.traceEvents.some((e) => e.pid !== 1)).toBe(false);
  });

  it('refuses a bad mode with usage (exit 2) and writes nothing', () => {
    const r = cli(['trace', file('m.go', WORKERS), '--mode', 'vm', '--out', 'never.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--mode vm is not a sandbox/);
    expect(existsSync(join(dir, 'never.json'))).toBe(false);
  });
});
