// The built CLI as a user runs it: a new process, real Go, real sandbox.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gopherlab-cli-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [join(root, 'dist/node/cli.cjs'), ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, GOPHERLAB_HOME: join(dir, 'home') },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

describe('gopherlab run', () => {
  it('prints the output like go run and exits 0', () => {
    const r = cli(['run', file('hello.go', 'package main\nimport "fmt"\nfunc main() { fmt.Println("hello from the sandbox") }\n')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('hello from the sandbox\n');
    expect(r.code).toBe(0);
  });

  it("exits with the program's exit code and keeps stderr on stderr", () => {
    const r = cli(['run', file('exit.go', 'package main\nimport ("fmt";"os")\nfunc main() { fmt.Fprintln(os.Stderr, "oops"); os.Exit(5) }\n')]);
    expect(r.code).toBe(5);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('oops\n');
  });

  it('reads the program from standard input with -', () => {
    const r = cli(['run', '-'], 'package main\nfunc main() { println("from stdin") }\n');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('from stdin');
  });

  it('prints compile errors with their positions and exits 1', () => {
    const r = cli(['run', file('bad.go', 'package main\n\nfunc main() {\n\tnope()\n}\n')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/prog\.go:4:2: undefined: nope/);
  });

  it('--json prints one object with status, exit code, output, go, mode and gap-free spans', () => {
    const src = 'package main\nimport ("fmt";"example.com/m/greet")\nfunc main() { fmt.Println(greet.Hi()) }\n-- go.mod --\nmodule example.com/m\n\ngo 1.21\n-- greet/greet.go --\npackage greet\nfunc Hi() string { return "hi" }\n';
    const r = cli(['run', '--json', file('multi.txtar', src)]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      status: string;
      exitCode: number;
      stdout: string;
      stderr: string;
      go: { version: string };
      mode: string;
      spans: { name: string; startMs: number; durationMs: number }[];
      totalMs: number;
    };
    expect(out).toMatchObject({ status: 'ok', exitCode: 0, stdout: 'hi\n', stderr: '', mode: 'wasm' });
    expect(out.go.version).toMatch(/^go1\./);
    expect(out.spans[0]).toMatchObject({ name: 'cli-startup', startMs: 0 });
    for (let i = 1; i < out.spans.length; i++) {
      const prev = out.spans[i - 1]!;
      expect(Math.abs(out.spans[i]!.startMs - (prev.startMs + prev.durationMs))).toBeLessThan(0.3);
    }
    const last = out.spans[out.spans.length - 1]!;
    expect(Math.abs(out.totalMs - (last.startMs + last.durationMs))).toBeLessThan(0.3);
  });

  it('--json includes the compile cache verdict; a second CLI process hits the cache the first one filled', () => {
    const path = file('cached.go', 'package main\nimport "fmt"\nfunc main() { fmt.Println("from the cache?") }\n');
    type Out = { status: string; stdout: string; cache: { hit: boolean; key: string; inputs: Record<string, string> }; spans: { name: string }[] };
    const first = JSON.parse(cli(['run', '--json', path]).stdout) as Out;
    expect(first).toMatchObject({ status: 'ok', stdout: 'from the cache?\n', cache: { hit: false, inputs: { target: 'wasip1/wasm', mode: 'wasm' } } });
    expect(first.cache.key).toMatch(/^[0-9a-f]{64}$/);
    // Reindented: the same key.
    writeFileSync(path, 'package main\nimport "fmt"\nfunc main() {   fmt.Println( "from the cache?" ) }\n');
    const second = JSON.parse(cli(['run', '--json', path]).stdout) as Out;
    expect(second).toMatchObject({ status: 'ok', stdout: 'from the cache?\n', cache: { hit: true, key: first.cache.key } });
    expect(second.spans.map((s) => s.name)).not.toContain('compile');
  });

  it('exits 124 on a timeout and says what happened', () => {
    const r = cli(['run', '--timeout', '500ms', file('spin.go', 'package main\nfunc main() { for {} }\n')]);
    expect(r.code).toBe(124);
    expect(r.stderr).toMatch(/timeout: .*time limit/);
  });

  it('exits 127 with what to do when the Go version is not installed and --offline forbids a download', () => {
    const r = cli(['run', '--offline', '--go', '1.4.3', file('h.go', 'package main\nfunc main() {}\n')]);
    expect(r.code).toBe(127);
    expect(r.stderr).toMatch(/sdk-missing: Go 1\.4\.3 is not installed/);
    expect(r.stderr).not.toMatch(/download/);
  });

  it('tries to install a --go release on demand and says why it could not', () => {
    const r = cli(['run', '--go', '1.99.1', file('h2.go', 'package main\nfunc main() {}\n')]);
    expect(r.code).toBe(127);
    expect(r.stderr).toMatch(/go1\.99\.1 failed: .*not on the module proxy/);
    expect(r.stderr).toMatch(/sdk-missing: Go 1\.99\.1 is not installed/);
  });

  it('refuses bad usage with exit 2 and a usage text', () => {
    expect(cli(['run']).code).toBe(2);
    const bad = cli(['run', '--timeout', 'soon', 'x.go']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--timeout soon/);
    const missing = cli(['run', join(dir, 'does-not-exist.go')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*ENOENT/);
    expect(cli(['frobnicate']).code).toBe(2);
  });
});
