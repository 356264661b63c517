// `gopherlab run|trace FILE --stdin FILE|-` as a user runs it: the built CLI in a new process,
// real Go, real sandboxes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEngine } from '../core/sandbox/docker/engine';

const root = resolve(__dirname, '../..');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gopherlab-cli-stdin-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [join(root, 'dist/node/cli.cjs'), ...args], {
    cwd: dir,
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

const SUM = 'package main\nimport ("bufio";"fmt";"os";"strconv")\nfunc main() { s := bufio.NewScanner(os.Stdin); s.Split(bufio.ScanWords); t := 0; for s.Scan() { n, _ := strconv.Atoi(s.Text()); t += n }; fmt.Println("sum", t) }\n';
const UPPER = 'package main\nimport ("bufio";"fmt";"os";"strings")\nfunc main() { s := bufio.NewScanner(os.Stdin); for s.Scan() { fmt.Println(strings.ToUpper(s.Text())) } }\n';

const engineUp = (await connectEngine()).status.available;

describe('gopherlab run --stdin', () => {
  it('gives the program a file as its stdin', () => {
    const r = cli(['run', file('sum.go', SUM), '--stdin', file('numbers.txt', '1 2 3\n4\n')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('sum 10\n');
    expect(r.code).toBe(0);
  });

  it("passes the CLI's own standard input through with -", () => {
    const r = cli(['run', '--stdin', '-', file('upper.go', UPPER)], 'piped in\nsecond line');
    expect(r.stdout).toBe('PIPED IN\nSECOND LINE\n');
    expect(r.code).toBe(0);
  });

  it('gives EOF at once without --stdin, even when the CLI has input', () => {
    const r = cli(['run', file('upper2.go', UPPER)], 'not for the program\n');
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);
  });

  it.skipIf(!engineUp)('works in the Docker sandbox too', () => {
    const r = cli(['run', '--mode', 'docker', '--stdin', '-', file('sum-docker.go', SUM)], '40 2');
    expect(r.stdout).toBe('sum 42\n');
    expect(r.code).toBe(0);
  });

  it('refuses FILE - with --stdin -, and an unreadable --stdin file, with exit 2 and what to do', () => {
    const both = cli(['run', '-', '--stdin', '-'], SUM);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--stdin - and FILE - both want this command's standard input; give the program or its input as a file/);
    const missing = cli(['run', file('sum2.go', SUM), '--stdin', join(dir, 'nope.txt')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--stdin .*nope\.txt: cannot read it: ENOENT/);
    // The next run works.
    expect(cli(['run', file('sum3.go', SUM), '--stdin', file('n2.txt', '5 5')]).stdout).toBe('sum 10\n');
  });
});

describe('gopherlab trace --stdin', () => {
  it('traces a program that reads its stdin', () => {
    const out = join(dir, 'trace.json');
    const r = cli(['trace', file('upper-trace.go', UPPER), '--stdin', '-', '--out', out], 'traced\n');
    expect(r.stdout).toBe('TRACED\n');
    expect(r.stderr).toMatch(/wrote .*trace\.json/);
    expect(r.code).toBe(0);
  });
});
