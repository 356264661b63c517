import { describe, expect, it } from 'vitest';
import type { Toolchain } from '../../../shared/toolchain';
import { parseTxtar } from '../../../shared/txtar';
import { planDirectBuild, readImports, type StdIndex } from './direct-build';

const tc: Toolchain = { id: 'go1.26.1', version: 'go1.26.1', goroot: '/go', source: 'store', isDefault: true };
const std: StdIndex = { packagefiles: '', packages: new Set(['fmt', 'os', 'runtime', 'strings', 'internal/abi', 'time']) };
const plan = (text: string) => planDirectBuild(parseTxtar(text).files, tc, std);

describe('direct build planning', () => {
  it('reads imports in all their forms, ignoring comments', () => {
    const src = 'package main\n// import "nope"\nimport "fmt"\nimport s "strings"\nimport (\n\t"os"\n\t_ "time" // side effects\n\t. "math"\n)\n/* import "nope2" */\n';
    expect(readImports(src)?.sort()).toEqual(['fmt', 'math', 'os', 'strings', 'time']);
  });

  it('takes a plain package main that imports only the standard library', () => {
    expect(plan('package main\nimport "fmt"\nfunc main() { fmt.Println() }\n')).toEqual({ goFiles: ['prog.go'], modulePath: 'play', lang: '1.26' });
    expect(plan('package main\nfunc main() {}\n-- go.mod --\nmodule example.com/x\n\ngo 1.26\n')?.modulePath).toBe('example.com/x');
  });

  it.each([
    ['a go.mod with an older go line (GODEBUG defaults)', 'package main\nfunc main() {}\n-- go.mod --\nmodule play\n\ngo 1.21\n'],
    ['a go.mod with requirements', 'package main\nfunc main() {}\n-- go.mod --\nmodule play\n\ngo 1.26\nrequire example.com/y v1.0.0\n'],
    ['a non-standard import', 'package main\nimport "example.com/y"\nfunc main() { y.X() }\n'],
    ['an internal package', 'package main\nimport "internal/abi"\nfunc main() {}\n'],
    ['cgo', 'package main\nimport "C"\nfunc main() {}\n'],
    ['build constraints', '//go:build linux\n\npackage main\nfunc main() {}\n'],
    ['embed', 'package main\nimport _ "embed"\n//go:embed x.txt\nvar s string\nfunc main() {}\n-- x.txt --\nhi\n'],
    ['a file in a folder', 'package main\nfunc main() {}\n-- util/u.go --\npackage util\n'],
    ['a test file', 'package main\nfunc main() {}\n-- x_test.go --\npackage main\n'],
    ['a GOOS-suffixed file', 'package main\nfunc main() {}\n-- x_windows.go --\npackage main\n'],
    ['another package', 'package lib\nfunc F() {}\n'],
  ])('leaves %s to go build', (_why, text) => {
    expect(plan(text)).toBeNull();
  });
});
