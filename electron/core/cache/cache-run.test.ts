// The compile cache in the run pipeline, with real Go toolchains, the real WASI worker and the real
// Docker engine: what hits, what misses, what is never cached, and what a damaged store does.
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRequest, RunResult } from '../../../shared/run';
import type { Toolchain } from '../../../shared/toolchain';
import { createCore, type Core } from '../core';
import { openStore } from '../drift/test-support';
import { connectEngine } from '../sandbox/docker/engine';

let home: string;
let core: Core;
let n = 0;

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'gopherlab-cache-run-'));
  core = createCore({ dataDir: home });
});
afterAll(async () => {
  await core.dispose();
  rmSync(home, { recursive: true, force: true });
});

function run(source: string, extra: Partial<RunRequest> = {}, on: Core = core): Promise<RunResult> {
  return on.runs.run({ runId: `c${++n}`, source, ...extra });
}

const names = (r: RunResult) => r.spans.map((s) => s.name);
const span = (r: RunResult, name: string) => r.spans.find((s) => s.name === name);

/** A program whose output and panic line tell which build ran. */
const PROGRAM = [
  'package main',
  '',
  'import (',
  '\t"fmt"',
  '\t"runtime"',
  ')',
  '',
  '// Says where it is.',
  'func main() {',
  '\t_, _, line, _ := runtime.Caller(0)',
  '\tfmt.Println("cached?", line)',
  '}',
  '',
].join('\n');

describe('compile cache in the run pipeline (WASM, real Go)', () => {
  it('hits on a reformatted program with an edited comment: same key, no compile, same output', async () => {
    const first = await run(PROGRAM);
    expect(first.status).toBe('ok');
    expect(first.stdout).toBe('cached? 10\n');
    expect(first.cache).toMatchObject({ hit: false, inputs: { target: 'wasip1/wasm', mode: 'wasm', test: 'false', trace: 'false', flags: '', tags: '' } });
    expect(first.cache?.key).toMatch(/^[0-9a-f]{64}$/);
    expect(first.cache?.inputs.toolchain).toBe(first.go?.version);
    expect(span(first, 'cache-lookup')?.attrs).toEqual({ hit: false, key: first.cache!.key.slice(0, 12) });
    expect(span(first, 'cache-store')?.attrs).toMatchObject({ stored: true });
    // The lookup comes before the compile, the store after it.
    expect(names(first).indexOf('cache-lookup')).toBeLessThan(names(first).indexOf('compile'));
    expect(names(first).indexOf('compile')).toBeLessThan(names(first).indexOf('cache-store'));

    const reformatted = PROGRAM.replace('// Says where it is.', '// Prints its own line number.')
      .replace('\t_, _, line, _ := runtime.Caller(0)', '    _,_,line,_ := runtime.Caller( 0 )  // the line of this call')
      .replace('\tfmt.Println("cached?", line)', '        fmt.Println("cached?",line)');
    const second = await run(reformatted);
    expect(second.status).toBe('ok');
    expect(second.stdout).toBe('cached? 10\n');
    expect(second.cache).toEqual({ ...first.cache, hit: true });
    expect(names(second)).not.toContain('compile');
    expect(names(second)).not.toContain('cache-store');
    expect(span(second, 'cache-lookup')?.attrs).toEqual({ hit: true, key: first.cache!.key.slice(0, 12) });
    const stats = await core.cache.stats();
    expect(stats.hits).toBeGreaterThanOrEqual(1);
    expect(stats.misses).toBeGreaterThanOrEqual(1);
    expect(stats.entries).toBeGreaterThanOrEqual(1);
  });

  it('misses when a string changes, and when code moves to another line (the line reaches the binary)', async () => {
    const base = await run(PROGRAM);
    const changed = await run(PROGRAM.replace('"cached?"', '"rebuilt?"'));
    expect(changed.cache?.hit).toBe(false);
    expect(changed.cache?.key).not.toBe(base.cache?.key);
    expect(names(changed)).toContain('compile');
    expect(changed.stdout).toBe('rebuilt? 10\n');
    const moved = await run(PROGRAM.replace('func main() {\n', 'func main() {\n\n'));
    expect(moved.cache?.hit).toBe(false);
    expect(moved.stdout).toBe('cached? 11\n');
  });

  it('never caches a compile error, and a run that ends before the build has no cache verdict', async () => {
    const bad = 'package main\n\nfunc main() {\n\tundefinedThing()\n}\n';
    const before = (await core.cache.stats()).entries;
    for (let i = 0; i < 2; i++) {
      const r = await run(bad);
      expect(r.status).toBe('compile-error');
      expect(r.cache?.hit).toBe(false);
      expect(names(r)).toContain('compile');
      expect(names(r)).not.toContain('cache-store');
    }
    await core.cache.settled();
    expect((await core.cache.stats()).entries).toBe(before);
    // A file that does not tokenize keys on its bytes, fails to compile, and is not cached either.
    const broken = await run('package main\nfunc main() { println("open }\n');
    expect(broken.status).toBe('compile-error');
    expect(broken.cache?.hit).toBe(false);

    const missing = await run(PROGRAM, { go: '1.3.0' });
    expect(missing.status).toBe('sdk-missing');
    expect(missing.cache).toBeUndefined();
    const rejected = await run('package main\nfunc main() {}\n-- ../evil.go --\npackage main\n');
    expect(rejected.status).toBe('rejected');
    expect(rejected.cache).toBeUndefined();
  });

  it('keys on the test mode and the go line', async () => {
    const loop = 'package main\nimport "fmt"\nfunc main() { var fs []func(); for i := 0; i < 3; i++ { fs = append(fs, func() { fmt.Print(i) }) }; for _, f := range fs { f() }; fmt.Println() }\n';
    const old = await run(loop, { goLine: '1.21' });
    const now = await run(loop, { goLine: '1.22' });
    expect([old.stdout, now.stdout]).toEqual(['333\n', '012\n']);
    expect(old.cache?.key).not.toBe(now.cache?.key);
    expect(old.cache?.inputs.goLine).toBe('1.21');
    expect((await run(loop, { goLine: '1.21' })).cache?.hit).toBe(true);

    const withTest = `${PROGRAM}-- main_test.go --\npackage main\nimport "testing"\nfunc TestOne(t *testing.T) {}\n`;
    const t1 = await run(withTest);
    expect(t1.status).toBe('ok');
    expect(t1.cache).toMatchObject({ hit: false, inputs: { test: 'true' } });
    const t2 = await run(withTest, { test: { run: '^TestOne$' } });
    expect(t2.cache?.hit).toBe(true);
    expect(t2.tests?.map((t) => t.name)).toEqual(['TestOne']);
  });

  it('detects a truncated artifact, rebuilds it, prints the right output, and stores it again', async () => {
    const src = PROGRAM.replace('"cached?"', '"truncated?"');
    const first = await run(src);
    expect(first.cache?.hit).toBe(false);
    const entry = JSON.parse(readFileSync(join(home, 'cache', 'entries', `${first.cache!.key}.json`), 'utf8')) as { artifact: string; size: number };
    const object = join(home, 'cache', 'objects', entry.artifact.slice(0, 2), entry.artifact);
    truncateSync(object, Math.floor(entry.size / 2));

    const again = await run(src);
    expect(again.status).toBe('ok');
    expect(again.stdout).toBe('truncated? 10\n');
    expect(again.cache).toMatchObject({ hit: false, key: first.cache!.key });
    expect(names(again)).toContain('compile');
    expect(span(again, 'cache-store')?.attrs).toMatchObject({ stored: true });
    const third = await run(src);
    expect(third.cache?.hit).toBe(true);
    expect(third.stdout).toBe('truncated? 10\n');

    // Same size, other bytes, seen by a process that never ran it (the CLI): the hash catches it.
    const bytes = readFileSync(object);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 100) ^ 0xff, bytes.length - 100);
    writeFileSync(object, bytes);
    const other = createCore({ dataDir: home });
    try {
      const r = await run(src, {}, other);
      expect(r.status).toBe('ok');
      expect(r.stdout).toBe('truncated? 10\n');
      expect(r.cache?.hit).toBe(false);
      expect((await run(src, {}, other)).cache?.hit).toBe(true);
    } finally {
      await other.dispose();
    }
  });

  it('keeps the store within the budget setting, evicting the least recently used, as soon as the budget shrinks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gopherlab-cache-budget-'));
    const small = createCore({ dataDir: dir });
    const program = (i: number) => `package main\nimport "fmt"\nfunc main() { fmt.Println("program", ${i}) }\n`;
    try {
      for (let i = 0; i < 8; i++) {
        const r = await run(program(i), {}, small);
        expect(r.stdout).toBe(`program ${i}\n`);
        expect(r.cache?.hit).toBe(false);
      }
      await small.cache.settled();
      const all = await small.cache.stats();
      // Eight artifacts of about 2.5 MiB each: more than 16 MiB, well within the default budget.
      expect(all.entries).toBe(8);
      expect(all.bytes).toBeGreaterThan(16 * 1024 * 1024);
      // Program 1 is used again, so program 0 is now the least recently used.
      expect((await run(program(1), {}, small)).cache?.hit).toBe(true);

      await small.settings.save({ ...small.settings.get(), cacheBudgetBytes: 16 * 1024 * 1024 });
      await small.cache.settled();
      const trimmed = await small.cache.stats();
      expect(trimmed.budgetBytes).toBe(16 * 1024 * 1024);
      expect(trimmed.bytes).toBeLessThanOrEqual(16 * 1024 * 1024);
      expect(trimmed.entries).toBeLessThan(8);

      // A new build is stored within the budget too.
      expect((await run(program(8), {}, small)).cache?.hit).toBe(false);
      await small.cache.settled();
      expect((await small.cache.stats()).bytes).toBeLessThanOrEqual(16 * 1024 * 1024);
      expect((await run(program(8), {}, small)).cache?.hit).toBe(true);
      expect((await run(program(1), {}, small)).cache?.hit).toBe(true);
      const zero = await run(program(0), {}, small);
      expect(zero.cache?.hit).toBe(false);
      expect(zero.stdout).toBe('program 0\n');
    } finally {
      await small.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('compile cache across toolchains (real SDKs from the shared test store)', () => {
  let old: Toolchain;
  beforeAll(async () => {
    const store = openStore();
    try {
      old = (await store.toolchains.list()).find((t) => t.version === 'go1.22.12') ?? (await store.sdk.install('go1.22.12', { prewarm: false }));
    } finally {
      await store.dispose();
    }
  });

  it('gives each Go version its own key, and each its own cached binary', async () => {
    const src = 'package main\nimport ("fmt";"runtime")\nfunc main() { fmt.Println(runtime.Version()) }\n';
    const current = await run(src);
    const older = await run(src, { go: old.goroot });
    expect(current.go?.version).not.toBe('go1.22.12');
    expect(current.stdout).toBe(`${current.go?.version}\n`);
    expect(older.stdout).toBe('go1.22.12\n');
    expect(older.cache).toMatchObject({ hit: false, inputs: { toolchain: 'go1.22.12' } });
    expect(older.cache?.key).not.toBe(current.cache?.key);
    const [c2, o2] = [await run(src), await run(src, { go: old.goroot })];
    expect([c2.cache?.hit, o2.cache?.hit]).toEqual([true, true]);
    expect([c2.stdout, o2.stdout]).toEqual([current.stdout, 'go1.22.12\n']);
  });
});

const engineUp = (await connectEngine()).status.available;
if (!engineUp) console.warn('Docker cache test skipped: no Docker engine answers on this machine (start dockerd to run it).');

describe.skipIf(!engineUp)('compile cache in Docker mode (real engine)', () => {
  it('runs the cached linux binary in a fresh container, without compiling', async () => {
    const src = PROGRAM.replace('"cached?"', '"in docker"');
    const first = await run(src, { mode: 'docker' });
    expect(first.status).toBe('ok');
    expect(first.stdout).toBe('in docker 10\n');
    expect(first.cache).toMatchObject({ hit: false, inputs: { mode: 'docker', flags: '-s -w' } });
    expect(first.cache?.inputs.target).toMatch(/^linux\//);
    expect(names(first)).toContain('cache-store');
    // The same source in WASM is another build.
    const wasm = await run(src);
    expect(wasm.cache?.key).not.toBe(first.cache?.key);

    const second = await run(src.replace('// Says where it is.', '// edited'), { mode: 'docker' });
    expect(second.status).toBe('ok');
    expect(second.stdout).toBe('in docker 10\n');
    expect(second.cache).toEqual({ ...first.cache, hit: true });
    expect(names(second)).not.toContain('compile');
    for (const stage of ['cache-lookup', 'container-create', 'container-start', 'execute']) expect(names(second)).toContain(stage);
  });
});
