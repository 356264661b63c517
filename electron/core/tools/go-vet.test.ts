// go vet as a stage of real runs (the Go on PATH, the WASM sandbox), and its JSON read on its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRequest } from '../../../shared/run';
import { createCore, type Core } from '../core';
import { parseVetJson } from './go-vet';

let core: Core;
let home: string;
let n = 0;

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'gopherlab-vet-'));
  core = createCore({ dataDir: home });
});
afterAll(async () => {
  await core.dispose();
  rmSync(home, { recursive: true, force: true });
});

const run = (source: string, extra: Partial<RunRequest> = {}) => core.runs.run({ runId: `vet${++n}`, source, ...extra });

/** A Printf whose verb does not match its argument: vet's printf check, line 7 column 2. */
const MISMATCH = (tag: string) => `package main\n\nimport "fmt"\n\nfunc main() {\n\tname := "${tag}"\n\tfmt.Printf("%d\\n", name)\n}\n`;

describe('go vet before the run', () => {
  it('warn: a Printf mismatch is a warning diagnostic, the program still runs (status ok), and a cached build is vetted too', async () => {
    const source = MISMATCH('warn');
    const first = await run(source, { vet: 'warn' });
    expect(first.status).toBe('ok');
    expect(first.stdout).toBe('%!d(string=warn)\n');
    expect(first.diagnostics).toEqual([
      { file: 'prog.go', line: 7, column: 14, message: expect.stringMatching(/^fmt\.Printf format %d has arg name of wrong type string \(go vet printf\)$/), severity: 'warning' },
    ]);
    expect(first.spans.map((s) => s.name)).toContain('vet');
    const vetSpan = first.spans.find((s) => s.name === 'vet')!;
    expect(vetSpan.attrs).toMatchObject({ findings: 1, checked: true });

    const again = await run(source, { vet: 'warn' });
    expect(again.cache?.hit).toBe(true);
    expect(again.diagnostics.map((d) => d.severity)).toEqual(['warning']);
  });

  it('block: the run stops with vet-error, says what was found and how to go on', async () => {
    const r = await run(MISMATCH('block'), { vet: 'block' });
    expect(r.status).toBe('vet-error');
    expect(r.stdout).toBe('');
    expect(r.message).toMatch(/^go vet found 1 possible mistake, first prog\.go:7:14: fmt\.Printf format %d.*let vet only warn/);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ file: 'prog.go', line: 7, severity: 'error' });
    expect(r.spans.map((s) => s.name)).not.toContain('compile');
  });

  it('off (or not asked): no vet stage and no findings', async () => {
    const r = await run(MISMATCH('off'));
    expect(r.status).toBe('ok');
    expect(r.diagnostics).toEqual([]);
    expect(r.spans.map((s) => s.name)).not.toContain('vet');
  });

  it('a compile error is reported once, by the build, even with vet blocking', async () => {
    const r = await run('package main\n\nfunc main() {\n\tundefinedThing()\n}\n', { vet: 'block' });
    expect(r.status).toBe('compile-error');
    expect(r.diagnostics).toEqual([expect.objectContaining({ file: 'prog.go', line: 4, severity: 'error', message: expect.stringMatching(/undefined: undefinedThing/) })]);
  });

  it('vets every package of a txtar snippet and names the file', async () => {
    const source =
      'package main\n\nimport "example.com/demo/util"\n\nfunc main() { util.Show() }\n-- go.mod --\nmodule example.com/demo\n\ngo 1.21\n-- util/util.go --\npackage util\n\nimport "fmt"\n\nfunc Show() {\n\tfmt.Printf("%s\\n", 42)\n}\n';
    const r = await run(source, { vet: 'warn' });
    expect(r.status).toBe('ok');
    expect(r.stdout).toBe('%!s(int=42)\n');
    expect(r.diagnostics).toEqual([expect.objectContaining({ file: 'util/util.go', line: 6, column: 14, severity: 'warning' })]);
  });
});

describe('reading go vet -json', () => {
  it('takes findings from the JSON blocks, once each, with paths made relative, and keeps the other lines', () => {
    const cwd = '/tmp/run/src';
    const block = (pkg: string) =>
      `{\n\t"${pkg}": {\n\t\t"printf": [\n\t\t\t{\n\t\t\t\t"posn": "/tmp/run/src/util/util.go:6:14",\n\t\t\t\t"message": "bad verb"\n\t\t\t}\n\t\t]\n\t}\n}`;
    const out = `# play\n${block('play/util')}\n${block('play/util [play/util.test]')}\nvet: ./prog.go:4:2: undefined: x\n`;
    const { findings, rest } = parseVetJson(out, cwd);
    expect(findings).toEqual([{ file: 'util/util.go', line: 6, column: 14, message: 'bad verb (go vet printf)', severity: 'warning' }]);
    expect(rest).toBe('# play\nvet: ./prog.go:4:2: undefined: x');
  });
});
