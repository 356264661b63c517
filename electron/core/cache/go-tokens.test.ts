// The Go tokenizer: spec cases one by one, then the standard library's own sources checked token
// for token against go/scanner (built with the real Go toolchain), and the normalized form the
// compile cache keys on.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sourcesHash } from './cache-key';
import { GoTokenError, normalizeGoSource, tokenizeGo, type GoToken } from './go-tokens';

const brief = (tokens: GoToken[]) => tokens.map((t) => `${t.line}:${t.kind}:${t.text}`);

describe('tokenizeGo', () => {
  it('inserts semicolons after the tokens the spec names, at newlines and at the end', () => {
    const src = 'package main\nfunc f() int {\n\tx++\n\treturn x\n}\nvar a = []int{\n\t1,\n}';
    const semis = tokenizeGo(src).filter((t) => t.kind === 'semicolon');
    // After main, x++, x, }, the closing } at the end — but not after `{` or `,`.
    expect(semis.map((t) => `${t.line}:${JSON.stringify(t.text)}`)).toEqual(['1:"\\n"', '3:"\\n"', '4:"\\n"', '5:"\\n"', '8:"\\n"']);
    expect(brief(tokenizeGo('return\nbreak\ncontinue\nfallthrough\n')).filter((t) => t.includes('semicolon'))).toHaveLength(4);
    // No semicolon after an operator, `(` or a keyword like `func`.
    expect(tokenizeGo('x = a +\n b\n').filter((t) => t.kind === 'semicolon')).toHaveLength(1);
    // An explicit semicolon is a token of its own, written as ';'.
    expect(brief(tokenizeGo('a; b'))).toEqual(['1:ident:a', '1:semicolon:;', '1:ident:b', '1:semicolon:\n']);
  });

  it('treats a general comment spanning lines like a newline, and a one-line one like a space', () => {
    expect(brief(tokenizeGo('a /* x\ny */ b'))).toEqual(['1:ident:a', '1:semicolon:\n', '1:comment:/* x\ny */', '2:ident:b', '2:semicolon:\n']);
    expect(brief(tokenizeGo('a /* x */ b'))).toEqual(['1:ident:a', '1:comment:/* x */', '1:ident:b', '1:semicolon:\n']);
    expect(brief(tokenizeGo('x++ // done\ny', { comments: false }))).toEqual(['1:ident:x', '1:operator:++', '1:semicolon:\n', '2:ident:y', '2:semicolon:\n']);
  });

  it('reads raw strings across lines and keeps counting lines after them', () => {
    const tokens = tokenizeGo('s := `line 1\n"quoted" \\n\nline 3`\nt := 1');
    expect(tokens[2]).toMatchObject({ kind: 'string', line: 1, text: '`line 1\n"quoted" \\n\nline 3`' });
    expect(tokens.find((t) => t.text === 't')).toMatchObject({ line: 4, column: 1 });
  });

  it('reads interpreted strings and runes with their escapes', () => {
    const tokens = tokenizeGo(String.raw`a("x\"y", '\'', '\\', '\x41', '\u00e9', '世', "\t\u263a")`);
    expect(tokens.filter((t) => t.kind === 'string' || t.kind === 'rune').map((t) => `${t.kind} ${t.text}`)).toEqual([
      String.raw`string "x\"y"`,
      String.raw`rune '\''`,
      String.raw`rune '\\'`,
      String.raw`rune '\x41'`,
      String.raw`rune '\u00e9'`,
      `rune '世'`,
      String.raw`string "\t\u263a"`,
    ]);
  });

  it('reads every form of number literal', () => {
    const src = '42 4_2 0600 0o600 0O600 0xBadFace 0x_67_7a_2f 0b1011 170141183460469231731687303715884105727 0. 72.40 072.40 2.71828 1.e+0 6.67428e-11 1E6 .25 .12345E+5 1_5. 0.15e+0_2 0x1p-2 0x2.p10 0x1.Fp+0 0X.8p-0 0x15e-2 0i 0123i 0o123i 0xabci 0.i 2.71828i 1.e+0i 6.67428e-11i 1E6i .25i .12345E+5i 0x1p-2i';
    const kinds = tokenizeGo(src, { comments: false })
      .filter((t) => t.kind !== 'semicolon')
      .map((t) => `${t.text}=${t.kind}`);
    expect(kinds).toEqual([
      '42=int', '4_2=int', '0600=int', '0o600=int', '0O600=int', '0xBadFace=int', '0x_67_7a_2f=int', '0b1011=int', '170141183460469231731687303715884105727=int',
      '0.=float', '72.40=float', '072.40=float', '2.71828=float', '1.e+0=float', '6.67428e-11=float', '1E6=float', '.25=float', '.12345E+5=float', '1_5.=float', '0.15e+0_2=float',
      '0x1p-2=float', '0x2.p10=float', '0x1.Fp+0=float', '0X.8p-0=float',
      // 0x15e-2 is the hexadecimal integer 0x15e minus 2.
      '0x15e=int', '-=operator', '2=int',
      '0i=imaginary', '0123i=imaginary', '0o123i=imaginary', '0xabci=imaginary', '0.i=imaginary', '2.71828i=imaginary', '1.e+0i=imaginary', '6.67428e-11i=imaginary', '1E6i=imaginary', '.25i=imaginary', '.12345E+5i=imaginary', '0x1p-2i=imaginary',
    ]);
  });

  it('takes the longest operator, and tells keywords from identifiers, Unicode ones included', () => {
    const tokens = tokenizeGo('x &^= y <<= 2; a...; ch <- v; z := ~T; for π, ñ := range 日本 {}', { comments: false });
    expect(tokens.filter((t) => t.kind === 'operator').map((t) => t.text)).toEqual(['&^=', '<<=', '...', '<-', ':=', '~', ',', ':=', '{', '}']);
    expect(tokens.filter((t) => t.kind === 'keyword').map((t) => t.text)).toEqual(['for', 'range']);
    expect(tokens.filter((t) => t.kind === 'ident').map((t) => t.text)).toEqual(['x', 'y', 'a', 'ch', 'v', 'z', 'T', 'π', 'ñ', '日本']);
  });

  it('reports where a token cannot be read', () => {
    expect(() => tokenizeGo('package main\nvar s = "open\n')).toThrow(GoTokenError);
    expect(() => tokenizeGo('var s = "open\n')).toThrow(/1:9: string literal not terminated/);
    expect(() => tokenizeGo('x := `never closed')).toThrow(/raw string literal not terminated/);
    expect(() => tokenizeGo("r := 'a")).toThrow(/rune literal not terminated/);
    expect(() => tokenizeGo('/* never closed')).toThrow(/comment not terminated/);
    expect(() => tokenizeGo('a\nb @ c')).toThrow(/2:3: invalid character "@"/);
    // A backslash before a newline does not continue a string.
    expect(() => tokenizeGo('s := "a\\\nb"')).toThrow(/string literal not terminated/);
  });
});

describe('tokenizeGo against go/scanner on the standard library', () => {
  const work = mkdtempSync(join(tmpdir(), 'gopherlab-scanner-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('finds the same tokens on the same lines in hundreds of real Go files', () => {
    // A tiny program printing go/scanner's tokens (unadjusted lines; with comments) as JSON.
    writeFileSync(join(work, 'go.mod'), 'module scan\n\ngo 1.21\n');
    writeFileSync(
      join(work, 'main.go'),
      `package main

import (
	"encoding/json"
	"go/scanner"
	"go/token"
	"os"
)

func main() {
	out := map[string][][]any{}
	for _, name := range os.Args[1:] {
		src, _ := os.ReadFile(name)
		fs := token.NewFileSet()
		f := fs.AddFile(name, -1, len(src))
		var s scanner.Scanner
		bad := false
		s.Init(f, src, func(token.Position, string) { bad = true }, scanner.ScanComments)
		toks := [][]any{}
		for {
			pos, tok, lit := s.Scan()
			if tok == token.EOF {
				break
			}
			if lit == "" || (tok.IsOperator() && tok != token.SEMICOLON) {
				lit = tok.String()
			}
			toks = append(toks, []any{fs.PositionFor(pos, false).Line, lit})
		}
		if !bad {
			out[name] = toks
		}
	}
	json.NewEncoder(os.Stdout).Encode(out)
}
`,
    );
    const env = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod', GOWORK: 'off' };
    execFileSync('go', ['build', '-o', join(work, 'scan'), '.'], { cwd: work, env });
    const goroot = execFileSync('go', ['env', 'GOROOT'], { env }).toString().trim();
    const files: string[] = [];
    for (const pkg of ['fmt', 'strconv', 'go/scanner', 'go/parser', 'math/big', 'runtime', 'net/http', 'unicode', 'regexp/syntax', 'cmd/compile/internal/syntax']) {
      const dir = join(goroot, 'src', pkg);
      for (const name of readdirSync(dir)) if (name.endsWith('.go')) files.push(join(dir, name));
    }
    expect(files.length).toBeGreaterThan(300);
    const reference = JSON.parse(execFileSync(join(work, 'scan'), files, { maxBuffer: 1 << 30 }).toString()) as Record<string, [number, string][]>;
    let compared = 0;
    const isComment = (text: string) => text.startsWith('//') || text.startsWith('/*');
    for (const file of files) {
      const expected = reference[file];
      if (!expected) continue; // go/scanner itself refuses it
      const src = readFileSync(file, 'utf8');
      const mine = tokenizeGo(src);
      // go/scanner emits the semicolon that ends a line before that line's trailing comment; we
      // emit it at the newline. Compare the other tokens, then the comments, each in order.
      expect(mine.filter((t) => t.kind !== 'comment').map((t) => `${t.line} ${t.text}`), file).toEqual(
        expected.filter(([, text]) => !isComment(text)).map(([line, text]) => `${line} ${text}`),
      );
      // go/scanner drops carriage returns from comments; so do we, for this comparison only.
      expect(mine.filter((t) => t.kind === 'comment').map((t) => `${t.line} ${t.text.replace(/\r/g, '')}`), file).toEqual(
        expected.filter(([, text]) => isComment(text)).map(([line, text]) => `${line} ${text}`),
      );
      compared++;
    }
    expect(compared).toBeGreaterThan(300);
  });
});

describe('normalizeGoSource (the compile cache key of a Go file)', () => {
  const base = 'package main\n\nimport "fmt"\n\n// Greets.\nfunc main() {\n\tx := 1\n\tfmt.Println("hi", x)\n}\n';
  const same = (a: string, b: string) => expect(normalizeGoSource(a)).toBe(normalizeGoSource(b));
  const differs = (a: string, b: string) => expect(normalizeGoSource(a)).not.toBe(normalizeGoSource(b));

  it('ignores indentation, spacing and the text of ordinary comments', () => {
    same(base, base.replace(/\t/g, '    '));
    same(base, base.replace('x := 1', 'x:=1'));
    same(base, base.replace('// Greets.', '// Says hello to the world.'));
    same(base, base.replace('fmt.Println("hi", x)', 'fmt.Println( "hi" ,x )  // trailing note'));
    same(base, base.replace('x := 1', 'x := /* one */ 1'));
    same(base, base.replace(/\n/g, '\r\n'));
  });

  it('keys on every token and on the line each token is on', () => {
    differs(base, base.replace('"hi"', '"hello"'));
    differs(base, base.replace('x := 1', 'x := 2'));
    differs(base, base.replace('x := 1', 'y := 1'));
    // Same tokens, one line further down: a panic's file:line would change.
    differs(base, base.replace('\tx := 1\n', '\n\tx := 1\n'));
    differs(base, base.replace('// Greets.\n', ''));
    // Raw strings keep their exact contents, spaces and newlines included.
    differs('package main\nvar s = `a  b`\n', 'package main\nvar s = `a b`\n');
  });

  it('keeps the comments that change a build', () => {
    differs('//go:build linux\n\npackage main\n', '//go:build windows\n\npackage main\n');
    differs('// +build linux\n\npackage main\n', '// +build darwin\n\npackage main\n');
    differs('package main\n//go:noinline\nfunc f() {}\n', 'package main\n//go:nosplit\nfunc f() {}\n');
    differs('package main\n//line a.go:10\nfunc f() {}\n', 'package main\n//line a.go:20\nfunc f() {}\n');
    differs('package main\nvar x = /*line b.go:5*/ 1\n', 'package main\nvar x = /*line b.go:7*/ 1\n');
    differs('package main\n//export F\nfunc F() {}\n', 'package main\n//export G\nfunc F() {}\n');
    differs('package main\n//go:embed a.txt\nvar s string\n', 'package main\n//go:embed b.txt\nvar s string\n');
    // `// go:noinline` (with a space) is an ordinary comment.
    same('package main\n// go:noinline\nfunc f() {}\n', 'package main\n// go:whatever\nfunc f() {}\n');
  });

  it('keeps the cgo preamble before import "C", in both import forms', () => {
    const cgo = (c: string) => `package main\n\n// #include <stdio.h>\n// ${c}\nimport "C"\n\n// ordinary\nfunc main() {}\n`;
    differs(cgo('#define N 1'), cgo('#define N 2'));
    same(cgo('#define N 1'), cgo('#define N 1').replace('// ordinary', '// changed'));
    const grouped = (c: string) => `package main\n\nimport (\n\t"fmt"\n\t// ${c}\n\t"C"\n)\n`;
    differs(grouped('#define N 1'), grouped('#define N 2'));
    // Without import "C" the same comment is ordinary.
    same('package main\n\n// #define N 1\nimport "fmt"\n', 'package main\n\n// #define N 2\nimport "fmt"\n');
  });

  it('gives null for a file that does not tokenize, and the files hash then keys on its bytes', () => {
    const broken = 'package main\nfunc main() { println("open }\n';
    expect(normalizeGoSource(broken)).toBeNull();
    const hash = (content: string) => sourcesHash([{ name: 'prog.go', content, startLine: 0 }]);
    expect(hash(broken)).not.toBe(hash(broken.replace('func main', 'func  main')));
    expect(hash(base)).toBe(hash(base.replace('x := 1', 'x:=1')));
  });

  it('hashes files by name, Go files normalized and the others (go.mod, data) byte for byte', () => {
    const files = (goMod: string, prog = base, data = 'a') => [
      { name: 'prog.go', content: prog, startLine: 0 },
      { name: 'go.mod', content: goMod, startLine: 0 },
      { name: 'data.txt', content: data, startLine: 0 },
    ];
    const h = sourcesHash(files('module play\n\ngo 1.22\n'));
    expect(sourcesHash(files('module play\n\ngo 1.22\n').reverse())).toBe(h);
    expect(sourcesHash(files('module play\n\ngo 1.22\n', base.replace('\t', '  ')))).toBe(h);
    expect(sourcesHash(files('module play\n\ngo 1.21\n'))).not.toBe(h);
    expect(sourcesHash(files('module play\n\ngo  1.22\n'))).not.toBe(h);
    expect(sourcesHash(files('module play\n\ngo 1.22\n', base, 'b'))).not.toBe(h);
    // A file's name is part of the key: the same content under another name differs.
    expect(sourcesHash([{ name: 'a.go', content: base, startLine: 0 }])).not.toBe(sourcesHash([{ name: 'b.go', content: base, startLine: 0 }]));
  });
});
