import { describe, expect, it } from 'vitest';
import { goFileFacts, precheckSnippet } from './sandbox-precheck';

const ids = (source: string, mode: 'wasm' | 'docker') => precheckSnippet(source, mode).map((w) => w.id);

describe('sandbox pre-check', () => {
  it('reads imports in every form, and not from comments or strings', () => {
    const facts = goFileFacts(
      'package main\n\n// import "os/exec"\nimport "fmt"\nimport (\n\th "net/http"\n\t_ "time/tzdata"; . "strings"\n\t/* "plugin" */ `os`\n)\n\nvar s = "import \\"net\\""\n',
    );
    expect(facts.imports.map((i) => [i.path, i.name, i.line])).toEqual([
      ['fmt', 'fmt', 4],
      ['net/http', 'h', 6],
      ['time/tzdata', '_', 7],
      ['strings', '.', 7],
      ['os', 'os', 8],
    ]);
    expect(facts.imports[1]).toMatchObject({ column: 4 });
  });

  it('warns about the network in WASM, at the import, and offers Docker', () => {
    const src = 'package main\n\nimport (\n\t"fmt"\n\t"net/http"\n)\n\nfunc main() { fmt.Println(http.Get("https://go.dev")) }\n';
    const [w, ...rest] = precheckSnippet(src, 'wasm');
    expect(rest).toEqual([]);
    expect(w).toMatchObject({ id: 'wasm-network', file: 'prog.go', line: 5, column: 2, suggest: 'docker' });
    expect(w!.message).toMatch(/no network/);
    // Docker: the network is off there too, and there is nowhere else to go.
    const [d] = precheckSnippet(src, 'docker');
    expect(d).toMatchObject({ id: 'docker-network' });
    expect(d!.suggest).toBeUndefined();
  });

  it('finds os/exec and file calls in any file of a txtar, by the name the file gives the package', () => {
    const src = 'package main\n\nfunc main() {}\n-- util/util.go --\npackage util\n\nimport (\n\tx "os/exec"\n\tgoos "os"\n)\n\nfunc F() { x.Command("ls"); goos.WriteFile("a", nil, 0o644) }\n';
    const warnings = precheckSnippet(src, 'wasm');
    expect(warnings.map((w) => w.id)).toEqual(['wasm-exec', 'wasm-files']);
    expect(warnings[1]).toMatchObject({ file: 'util/util.go', line: 8, column: 29 });
    expect(ids(src, 'docker')).toEqual(['docker-exec']);
  });

  it('stays quiet for what the sandboxes can do', () => {
    const src =
      'package main\n\nimport (\n\t"fmt"\n\t"os"\n\t"net/url"\n\t"time"\n)\n\nfunc main() {\n\t// os.WriteFile is not called here\n\tfmt.Println(os.Args, url.PathEscape("a b"), time.Now())\n\tos.Exit(0)\n}\n';
    expect(ids(src, 'wasm')).toEqual([]);
    expect(ids(src, 'docker')).toEqual([]);
  });

  it('time zones need time/tzdata in both sandboxes; plugin and cgo fail in both', () => {
    const tz = 'package main\n\nimport "time"\n\nfunc main() { time.LoadLocation("Europe/Paris") }\n';
    expect(ids(tz, 'wasm')).toEqual(['time-zones']);
    expect(ids(tz, 'docker')).toEqual(['time-zones']);
    expect(ids(tz.replace('import "time"', 'import (\n\t"time"\n\t_ "time/tzdata"\n)'), 'wasm')).toEqual([]);
    expect(ids('package main\n\n// #include <stdio.h>\nimport "C"\nimport "plugin"\n\nfunc main() { plugin.Open("x") }\n', 'docker')).toEqual(['plugin', 'cgo']);
  });
});
