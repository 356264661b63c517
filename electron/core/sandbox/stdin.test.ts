// A run's stdin, in both sandboxes, through the whole pipeline with real Go: the program reads the
// given text and then EOF; without stdin the first read is EOF; large input arrives whole; a
// program that ignores its input or leaves it half-read still ends normally.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRequest, RunResult, SandboxMode } from '../../../shared/run';
import { createCore, type Core } from '../core';
import { connectEngine } from './docker/engine';

const SUM = `package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

func main() {
	s := bufio.NewScanner(os.Stdin)
	sum := 0
	for s.Scan() {
		for _, f := range strings.Fields(s.Text()) {
			n, err := strconv.Atoi(f)
			if err != nil {
				fmt.Println("not a number:", f)
				os.Exit(3)
			}
			sum += n
		}
	}
	fmt.Println("sum", sum, s.Err())
}
`;

const ECHO = `package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	s := bufio.NewScanner(os.Stdin)
	n := 0
	for s.Scan() {
		n++
		fmt.Printf("%d> %s\\n", n, s.Text())
	}
	fmt.Println("lines:", n)
}
`;

const READ_ALL = `package main

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
)

func main() {
	b, err := io.ReadAll(os.Stdin)
	fmt.Printf("%d %x %v\\n", len(b), sha256.Sum256(b), err)
}
`;

const IGNORES_INPUT = 'package main\nimport "fmt"\nfunc main() { fmt.Println("did not read") }\n';

const READS_ONE_LINE = `package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	line, err := bufio.NewReader(os.Stdin).ReadString('\\n')
	fmt.Printf("%q %v\\n", line, err)
}
`;

/** About 1 MiB of lines with multi-byte characters, so bytes and characters differ. */
function largeInput(): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < 1024 * 1024; i++) {
    const l = `line ${i} héllo wörld ✓\n`;
    lines.push(l);
    size += Buffer.byteLength(l);
  }
  return lines.join('');
}

const engineUp = (await connectEngine()).status.available;
if (!engineUp && process.env.CI) throw new Error('no Docker engine answers, and CI must test the Docker sandbox');
if (!engineUp) console.warn('Docker stdin tests skipped: no Docker engine answers on this machine (start dockerd to run them).');

let core: Core;
let home: string;
let n = 0;

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'gopherlab-stdin-test-'));
  core = createCore({ dataDir: home });
});
afterAll(async () => {
  await core.dispose();
  rmSync(home, { recursive: true, force: true });
});

function run(mode: SandboxMode, source: string, extra: Partial<RunRequest> = {}): Promise<RunResult> {
  return core.runs.run({ runId: `stdin-${mode}-${++n}`, mode, source, ...extra });
}

describe.each([
  ['wasm' as const, false],
  ['docker' as const, !engineUp],
])('stdin in the %s sandbox', (mode, skip) => {
  it.skipIf(skip)('sums the numbers a program reads from stdin to EOF', async () => {
    const r = await run(mode, SUM, { stdin: '1 2 3\n40\n\n  100 -6' });
    expect(r.status).toBe('ok');
    expect(r.stdout).toBe('sum 140 <nil>\n');
  });

  it.skipIf(skip)('echoes each line, the last one without a newline too, and then sees EOF', async () => {
    const r = await run(mode, ECHO, { stdin: 'first\nsecond line\n\nünïcödé ✓\nno newline' });
    expect(r.status).toBe('ok');
    expect(r.stdout).toBe('1> first\n2> second line\n3> \n4> ünïcödé ✓\n5> no newline\nlines: 5\n');
  });

  it.skipIf(skip)('without stdin, the first read is EOF at once', async () => {
    const started = performance.now();
    const r = await run(mode, READ_ALL, { limits: { timeoutMs: 5000 } });
    expect(r.status).toBe('ok');
    const empty = createHash('sha256').update('').digest('hex');
    expect(r.stdout).toBe(`0 ${empty} <nil>\n`);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it.skipIf(skip)('delivers about 1 MiB of stdin byte for byte', async () => {
    const input = largeInput();
    const bytes = Buffer.from(input, 'utf8');
    const r = await run(mode, READ_ALL, { stdin: input });
    expect(r.status).toBe('ok');
    expect(r.stdout).toBe(`${bytes.length} ${createHash('sha256').update(bytes).digest('hex')} <nil>\n`);
  });

  it.skipIf(skip)('ends normally when the program ignores its stdin or reads only part of it', async () => {
    const input = largeInput();
    const ignored = await run(mode, IGNORES_INPUT, { stdin: input });
    expect(ignored.status).toBe('ok');
    expect(ignored.stdout).toBe('did not read\n');
    const partial = await run(mode, READS_ONE_LINE, { stdin: input });
    expect(partial.status).toBe('ok');
    expect(partial.stdout).toBe('"line 0 héllo wörld ✓\\n" <nil>\n');
  });

  it.skipIf(skip)('kills a program that keeps reading after EOF at the time limit, and the next run without stdin sees EOF', async () => {
    const forever = 'package main\nimport "os"\nfunc main() { b := make([]byte, 1); for { os.Stdin.Read(b) } }\n';
    const r = await run(mode, forever, { stdin: 'abc', limits: { timeoutMs: 1000 } });
    expect(r.status).toBe('timeout');
    const next = await run(mode, ECHO);
    expect(next.status).toBe('ok');
    expect(next.stdout).toBe('lines: 0\n');
  });

  it.skipIf(skip)('gives stdin to a test binary too', async () => {
    const src = 'package main\nimport ("io";"os";"testing")\nfunc TestInput(t *testing.T) { b, _ := io.ReadAll(os.Stdin); if string(b) != "for the test" { t.Fatalf("got %q", b) } }\n';
    const r = await run(mode, src, { stdin: 'for the test' });
    expect(r.status).toBe('ok');
    expect(r.tests).toEqual([{ name: 'TestInput', outcome: 'pass', seconds: expect.any(Number) }]);
  });
});

describe('stdin and the compile cache', () => {
  it('reuses the build for different input: stdin is not part of the key', async () => {
    const a = await run('wasm', SUM, { stdin: '1 2' });
    const b = await run('wasm', SUM, { stdin: '3 4' });
    expect(a.stdout).toBe('sum 3 <nil>\n');
    expect(b.stdout).toBe('sum 7 <nil>\n');
    expect(a.cache?.key).toMatch(/^[0-9a-f]{64}$/);
    expect(b.cache).toMatchObject({ hit: true, key: a.cache!.key });
  });

  it('refuses stdin over 8 MiB as rejected, with what to do, and the next run works', async () => {
    const r = await run('wasm', ECHO, { stdin: 'x'.repeat(8 * 1024 * 1024 + 1) });
    expect(r.status).toBe('rejected');
    expect(r.message).toMatch(/stdin: stdin is larger than 8 MiB; give the program less input/);
    const next = await run('wasm', ECHO, { stdin: 'ok' });
    expect(next.stdout).toBe('1> ok\nlines: 1\n');
  });
});
