// Traced runs end to end with real toolchains and both sandboxes: capture, the parser on every
// trace format (before and after Go 1.22's new tracer), the user's names restored, what happens
// when there is no trace, and that an untraced guest still has no file system at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRequest, RunResult } from '../../../shared/run';
import { compareGoVersions } from '../../../shared/go-version';
import { TraceTimelineSchema, type TraceTimeline } from '../../../shared/trace';
import type { Core } from '../core';
import { openStore } from '../drift/test-support';
import { connectEngine } from '../sandbox/docker/engine';
import { TraceService } from './trace-service';

const WORKERS = `package main

import (
	"fmt"
	"runtime"
	"sync"
)

func worker(id int, wg *sync.WaitGroup, out chan<- int) {
	defer wg.Done()
	s := 0
	for i := 0; i < 300000; i++ {
		s += i * id
	}
	out <- s
}

func main() {
	var wg sync.WaitGroup
	out := make(chan int, 3)
	for i := 1; i <= 3; i++ {
		wg.Add(1)
		go worker(i, &wg, out)
	}
	wg.Wait()
	runtime.GC()
	fmt.Println("sum", <-out+<-out+<-out)
}
`;
/** The line of the go statement above: where each worker was created. */
const GO_LINE = WORKERS.split('\n').findIndex((l) => l.includes('go worker(')) + 1;

const ANNOTATED = `package main

import (
	"context"
	"fmt"
	"runtime/trace"
)

func main() {
	ctx, task := trace.NewTask(context.Background(), "compute")
	trace.WithRegion(ctx, "sum", func() {
		s := 0
		for i := 0; i < 1000; i++ {
			s += i
		}
		trace.Logf(ctx, "result", "s=%d", s)
	})
	task.End()
	fmt.Println("annotated")
}
`;

const engineUp = (await connectEngine()).status.available;
if (!engineUp && process.env.CI) throw new Error('no Docker engine answers, and CI must test traces in Docker: .ci/run starts dockerd');
if (!engineUp) console.warn('Docker trace tests skipped: no Docker engine answers on this machine (start dockerd to run them).');

let core: Core;
let traces: TraceService;
let seq = 0;

beforeAll(async () => {
  core = openStore();
  traces = new TraceService({ dataDir: core.dataDir, toolchains: core.toolchains });
  // The parser is built once per version of its sources; build it here, not inside a test's time.
  await traces.tool.binary();
}, 600_000);
afterAll(async () => {
  await core?.dispose();
});

async function ensure(version: string): Promise<void> {
  try {
    await core.toolchains.resolve(version);
  } catch {
    await core.sdk.install(version);
  }
}

function run(req: Omit<RunRequest, 'runId'>): Promise<RunResult> {
  return core.runs.run({ runId: `trace-test-${process.pid}-${++seq}`, ...req });
}

// Two releases with the old tracer (1.19 and 1.21 formats) and two with the new one, across both sandboxes.
const RELEASES: { go: string; mode: 'wasm' | 'docker'; format: RegExp; newFormat: boolean; worker?: RegExp }[] = [
  // go1.17 writes the oldest format the parser reads (1.11), and its go command has no -buildvcs.
  // Its go statements start a compiler-made wrapper ("dwrap") that then calls the worker.
  { go: 'go1.17.13', mode: 'docker', format: /^go 1\.11$/, newFormat: false, worker: /^main\.main·dwrap·\d+$/ },
  { go: 'go1.20.14', mode: 'docker', format: /^go 1\.19$/, newFormat: false },
  { go: 'go1.21.13', mode: 'wasm', format: /^go 1\.21$/, newFormat: false },
  { go: 'go1.22.12', mode: 'docker', format: /^go 1\.22$/, newFormat: true },
  { go: '', mode: 'wasm', format: /^go 1\.(2[3-9]|[3-9]\d)$/, newFormat: true },
];

describe('traced runs on every trace format', { timeout: 600_000 }, () => {
  for (const r of RELEASES) {
    it.skipIf(r.mode === 'docker' && !engineUp)(`${r.go || 'the PATH Go'} in ${r.mode}: workers, their start function and creation site, a GC`, async () => {
      if (r.go) await ensure(r.go);
      else expect(compareGoVersions((await core.toolchains.resolve(undefined)).version, 'go1.23.0')).toBeGreaterThanOrEqual(0);
      const res = await run({ source: WORKERS, mode: r.mode, trace: true, ...(r.go ? { go: r.go } : {}) });
      expect(res.status, res.message + res.stderr).toBe('ok');
      expect(res.stdout).toBe('sum 269999100000\n');
      expect(res.trace).toMatchObject({ id: res.runId, format: expect.stringMatching(r.format) });
      expect(res.trace!.bytes).toBeGreaterThan(100);
      expect(res.trace!.error).toBeUndefined();
      const names = res.spans.map((s) => s.name);
      expect(names).toContain('trace-capture');
      expect(names.indexOf('trace-capture')).toBeGreaterThan(names.indexOf('execute'));

      const t = await traces.get(res.runId);
      expect(t.format).toBe(res.trace!.format);
      const workers = t.goroutines.filter((g) => !g.system && (r.worker ? r.worker.test(g.name) : g.name === 'main.worker'));
      expect(workers.length).toBeGreaterThanOrEqual(3);
      expect(t.goroutines.filter((g) => !g.system).length).toBeGreaterThanOrEqual(3);
      // Each worker ran, on some P, and that P's lane says so.
      for (const w of workers) {
        expect(w.states.some((s) => s.state === 'running')).toBe(true);
        expect(t.procs.some((p) => p.slices.some((s) => s.g === w.id))).toBe(true);
        expect(w.createdNs).not.toBeNull();
      }
      expect(t.gc.length).toBeGreaterThanOrEqual(1);
      expect(t.gc[0]!.endNs).toBeGreaterThan(t.gc[0]!.startNs);
      // A forced GC stops the world at least once, and the heap is sampled.
      expect(t.stw.length).toBeGreaterThanOrEqual(1);
      expect(t.heap.length).toBeGreaterThan(0);
      expect(t.durationNs).toBeGreaterThan(0);
      expect(t.truncated).toBe(false);
      // No trace of the rename reaches the user: their main is main.main, the wrapper is gone.
      expect(JSON.stringify(t)).not.toContain('gopherlabMain');
      expect(JSON.stringify(t)).not.toContain('zz_gopherlab_trace');
      if (r.newFormat) {
        // The go statement that created each worker, in the user's own main.
        for (const w of workers) {
          expect(w.creationStack[0]).toMatchObject({ fn: 'main.main', line: GO_LINE });
          expect(w.creationStack[0]!.file).toMatch(/prog\.go$/);
          expect(w.parent).toBe(t.goroutines.find((g) => g.name === 'main.main')?.id);
        }
      }
      // The raw trace is there for go tool trace, byte for byte what was stored.
      const raw = await traces.raw(res.runId);
      expect(Buffer.from(raw.base64, 'base64').subarray(0, 16).toString('latin1')).toMatch(/^go 1\.\d+ trace\0\0\0$/);
      expect(Buffer.from(raw.base64, 'base64').length).toBe(res.trace!.bytes);
    });
  }
});

describe('what a trace holds and when there is none', { timeout: 300_000 }, () => {
  it('user tasks, regions and logs appear, with their goroutine and task', async () => {
    const res = await run({ source: ANNOTATED, mode: 'wasm', trace: true });
    expect(res.status, res.message + res.stderr).toBe('ok');
    expect(res.stdout).toBe('annotated\n');
    const t = await traces.get(res.runId);
    const task = t.tasks.find((k) => k.name === 'compute');
    expect(task).toBeDefined();
    expect(task!.endNs).not.toBeNull();
    const region = t.regions.find((g) => g.name === 'sum');
    expect(region).toMatchObject({ task: task!.id });
    expect(region!.endNs).toBeGreaterThanOrEqual(region!.startNs);
    expect(t.logs).toContainEqual(expect.objectContaining({ category: 'result', message: 's=499500', task: task!.id, g: region!.g }));
  });

  it('a trace past the segment cap is cut there and says so', async () => {
    const res = await run({ source: WORKERS, mode: 'wasm', trace: true });
    expect(res.trace!.bytes).toBeGreaterThan(0);
    const whole = TraceTimelineSchema.parse(await traces.tool.parse(traces.store.path(res.runId)));
    const cut = TraceTimelineSchema.parse(await traces.tool.parse(traces.store.path(res.runId), 10));
    const segments = (t: TraceTimeline) => t.goroutines.reduce((n, g) => n + g.states.length, 0) + t.procs.reduce((n, p) => n + p.slices.length, 0) + t.heap.length;
    expect(whole.truncated).toBe(false);
    expect(segments(whole)).toBeGreaterThan(10);
    expect(cut.truncated).toBe(true);
    // The cap, plus one closing segment for each state still open where the trace was cut.
    expect(segments(cut)).toBeLessThanOrEqual(10 + cut.goroutines.length * 2);
    expect(cut.durationNs).toBeLessThan(whole.durationNs);
  });

  it('os.Exit: the run keeps its status and output, and the trace says why it is missing', async () => {
    const res = await run({ source: 'package main\n\nimport (\n\t"fmt"\n\t"os"\n)\n\nfunc main() {\n\tfmt.Println("bye")\n\tos.Exit(3)\n}\n', mode: 'wasm', trace: true });
    expect(res.status).toBe('exit');
    expect(res.exitCode).toBe(3);
    expect(res.stdout).toBe('bye\n');
    expect(res.trace).toEqual({ id: res.runId, bytes: 0, format: '', error: expect.stringMatching(/os\.Exit before the trace was written; return from main instead/) });
    await expect(traces.get(res.runId)).rejects.toThrow(/no trace for run/);
  });

  it('a panic in main still flushes the trace, and the panic is reported as before', async () => {
    const res = await run({ source: 'package main\n\nfunc main() {\n\tvar m map[string]int\n\tm["x"] = 1\n}\n', mode: 'wasm', trace: true });
    expect(res.status).toBe('runtime-panic');
    expect(res.panic?.message).toMatch(/assignment to entry in nil map/);
    // Line numbers in the panic are the user's: the rename moved no line.
    expect(res.stderr).toMatch(/prog\.go:5/);
    expect(res.trace!.bytes).toBeGreaterThan(0);
    expect((await traces.get(res.runId)).goroutines.some((g) => g.name === 'main.main')).toBe(true);
  });

  it('a snippet with tests is traced by the test binary itself', async () => {
    const src = 'package main\n\nfunc add(a, b int) int { return a + b }\n\nfunc main() {}\n-- add_test.go --\npackage main\n\nimport "testing"\n\nfunc TestAdd(t *testing.T) {\n\tdone := make(chan int)\n\tgo func() { done <- add(1, 2) }()\n\tif <-done != 3 {\n\t\tt.Fatal("bad sum")\n\t}\n}\n';
    const res = await run({ source: src, mode: 'wasm', trace: true });
    expect(res.status, res.message + res.stdout).toBe('ok');
    expect(res.tests?.map((t) => [t.name, t.outcome])).toEqual([['TestAdd', 'pass']]);
    expect(res.trace!.bytes).toBeGreaterThan(0);
    const t = await traces.get(res.runId);
    // A test binary compiles the package under test by its import path (the module's, "play"), not as main.
    expect(t.goroutines.some((g) => /^play\.TestAdd\.func1$/.test(g.name))).toBe(true);
  });

  it('faketime is refused: a trace needs the real clock', async () => {
    const res = await run({ source: WORKERS, mode: 'docker', trace: true, faketime: true });
    expect(res.status).toBe('rejected');
    expect(res.message).toMatch(/real clock.*faketime/);
    expect(res.trace).toBeUndefined();
  });

  it('an untraced WASM guest has no /trace (nor any file system), and the same program traced does', async () => {
    const src = 'package main\n\nimport (\n\t"fmt"\n\t"os"\n)\n\nfunc main() {\n\t_, err := os.Create("/trace/mine")\n\tfmt.Println(err == nil)\n}\n';
    const plain = await run({ source: src, mode: 'wasm' });
    expect(plain.status).toBe('ok');
    expect(plain.stdout).toBe('false\n');
    expect(plain.trace).toBeUndefined();
    const traced = await run({ source: src, mode: 'wasm', trace: true });
    expect(traced.stdout).toBe('true\n');
    expect(traced.trace!.bytes).toBeGreaterThan(0);
  });

  it.skipIf(!engineUp)('an untraced container has no writable /trace; a traced one can write only its two files', async () => {
    const src =
      'package main\n\nimport (\n\t"fmt"\n\t"os"\n)\n\nfunc main() {\n\t_, a := os.OpenFile("/trace/trace.out", os.O_WRONLY, 0)\n\t_, b := os.Create("/trace/extra")\n\tfmt.Println(a == nil, b == nil)\n}\n';
    const plain = await run({ source: src, mode: 'docker' });
    expect(plain.status, plain.message).toBe('ok');
    expect(plain.stdout).toBe('false false\n');
    const traced = await run({ source: src, mode: 'docker', trace: true });
    expect(traced.status, traced.message).toBe('ok');
    expect(traced.stdout).toBe('true false\n');
    // Opened without O_TRUNC and not written: the wrapper's trace is intact.
    expect(traced.trace!.error).toBeUndefined();
    expect(traced.trace!.bytes).toBeGreaterThan(0);
  });
});
