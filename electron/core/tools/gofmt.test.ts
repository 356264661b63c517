// gofmt through the core, with the real gofmt of the Go on PATH (the default toolchain).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core';
import { parseGofmtErrors } from './gofmt';

let core: Core;
let home: string;

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'gopherlab-gofmt-'));
  core = createCore({ dataDir: home });
});
afterAll(async () => {
  await core.dispose();
  rmSync(home, { recursive: true, force: true });
});

const GO_MOD = '-- go.mod --\nmodule example.com/demo\n\ngo 1.21\n\n// spacing  kept   as  is\n';

describe('gofmt', () => {
  it('formats every Go file of a txtar and leaves go.mod and the markers byte for byte', async () => {
    const source = `package main\nimport "example.com/demo/util"\nfunc main(){\nx:=1\nutil.Show( x )\n}\n${GO_MOD}-- util/util.go --\npackage util\nimport "fmt"\nfunc Show(v int){fmt.Println(v)}`;
    const r = await core.format({ source });
    expect(r.diagnostics).toEqual([]);
    expect(r.changed).toBe(true);
    expect(r.source).toBe(
      `package main\n\nimport "example.com/demo/util"\n\nfunc main() {\n\tx := 1\n\tutil.Show(x)\n}\n${GO_MOD}-- util/util.go --\npackage util\n\nimport "fmt"\n\nfunc Show(v int) { fmt.Println(v) }\n`,
    );
    // Formatting what is formatted changes nothing.
    const again = await core.format({ source: r.source });
    expect(again).toEqual({ source: r.source, changed: false, diagnostics: [] });
  });

  it('a syntax error comes back as a diagnostic of its file; that file stays as it was, the others are formatted', async () => {
    const broken = 'package util\n\nfunc F() {\n\tx :=\n}\n';
    const source = `package main\nfunc main(){}\n-- util/util.go --\n${broken}`;
    const r = await core.format({ source });
    expect(r.source).toBe(`package main\n\nfunc main() {}\n-- util/util.go --\n${broken}`);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ file: 'util/util.go', line: 5, column: 1, severity: 'error' });
    expect(r.diagnostics[0]!.message).toMatch(/expected/);
  });

  it('uses the Go the tab asks for, and says so when it is not installed', async () => {
    await expect(core.format({ source: 'package main\n', go: '1.3.3' })).rejects.toThrow(/1\.3\.3/);
  });

  it('reads gofmt error lines with and without a column', () => {
    expect(parseGofmtErrors("<standard input>:3:5: expected ';', found x\n<standard input>:7: illegal\nother\n", 'a.go')).toEqual([
      { file: 'a.go', line: 3, column: 5, message: "expected ';', found x", severity: 'error' },
      { file: 'a.go', line: 7, column: 1, message: 'illegal', severity: 'error' },
    ]);
  });
});
