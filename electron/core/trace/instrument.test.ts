// The traced program's rewrite: `main` renamed as a token (never inside strings or comments, never
// the package clause), every line where it was, and a wrapper only where there is a package main.
import { describe, expect, it } from 'vitest';
import { asWritten } from './trace-service';
import { instrumentForTrace, isWrapperFile, packageName, RENAMED_MAIN, renameMain, unrenameFunction, WRAPPER_FILE } from './instrument';

const PROG = `// Package main: main says "main".
package main

import "fmt"

/* main is not renamed in here */
func main() {
	fmt.Println("main", 'm', \`main\`)
	main := 1 // a local named main
	_ = main
	var mainly, xmain int
	_, _ = mainly, xmain
}
`;

describe('renameMain', () => {
  it('renames identifier tokens only, keeping every line and the package clause', () => {
    const out = renameMain(PROG);
    expect(out.split('\n')).toHaveLength(PROG.split('\n').length);
    expect(out).toContain('package main\n');
    expect(out).toContain(`func ${RENAMED_MAIN}() {`);
    expect(out).toContain(`\t${RENAMED_MAIN} := 1 // a local named main`);
    expect(out).toContain(`\t_ = ${RENAMED_MAIN}\n`);
    expect(out).toContain('fmt.Println("main", \'m\', `main`)');
    expect(out).toContain('// Package main: main says "main".');
    expect(out).toContain('/* main is not renamed in here */');
    expect(out).toContain('var mainly, xmain int');
    // Each line holds what it held: only the renamed tokens differ.
    out.split('\n').forEach((line, i) => expect(line.replaceAll(RENAMED_MAIN, 'main')).toBe(PROG.split('\n')[i]));
  });

  it('leaves a file it cannot tokenize alone, for the compiler to report', () => {
    const broken = 'package main\nfunc main() { println("unterminated) }\n';
    expect(renameMain(broken)).toBe(broken);
  });

  it('reads the package clause past comments', () => {
    expect(packageName('// doc\n/* x */ package  main // c\n')).toBe('main');
    expect(packageName('package greet\n')).toBe('greet');
    expect(packageName('func main() {}\n')).toBeNull();
  });
});

describe('instrumentForTrace', () => {
  const goMod = { name: 'go.mod', content: 'module play\n\ngo 1.22\n', startLine: 0 };

  it('renames main in the root package main files and adds the wrapper', () => {
    const files = [
      { name: 'prog.go', content: PROG, startLine: 1 },
      { name: 'helper.go', content: 'package main\n\nfunc helper() { go main() }\n', startLine: 20 },
      { name: 'greet/greet.go', content: 'package greet\n\nfunc main() {}\n', startLine: 30 },
      goMod,
    ];
    const t = instrumentForTrace(files, false);
    expect(t.via).toBe('wrapper');
    expect(t.files.find((f) => f.name === 'helper.go')!.content).toContain(`go ${RENAMED_MAIN}()`);
    // Another package's main is not this package's: untouched.
    expect(t.files.find((f) => f.name === 'greet/greet.go')!.content).toBe('package greet\n\nfunc main() {}\n');
    const wrapper = t.files.find((f) => f.name === WRAPPER_FILE)!;
    expect(wrapper.content).toMatch(/^package main$/m);
    expect(wrapper.content).toContain(`${RENAMED_MAIN}()`);
    expect(wrapper.content).toContain('"/trace/trace.out"');
    expect(files[0]!.content).toBe(PROG);
  });

  it('picks another wrapper name when the snippet has a file of that name', () => {
    const t = instrumentForTrace([{ name: WRAPPER_FILE, content: 'package main\nfunc main() {}\n', startLine: 1 }, goMod], false);
    expect(t.files.map((f) => f.name)).toContain('zz_gopherlab_trace2.go');
    expect(isWrapperFile('play/zz_gopherlab_trace2.go')).toBe(true);
  });

  it('rewrites nothing for tests (the test binary traces itself) or without a package main', () => {
    const tests = [{ name: 'x_test.go', content: 'package main\n', startLine: 1 }, { name: 'prog.go', content: PROG, startLine: 3 }];
    expect(instrumentForTrace(tests, false)).toEqual({ files: tests, via: 'test-flag' });
    const lib = [{ name: 'lib.go', content: 'package lib\n', startLine: 1 }];
    expect(instrumentForTrace(lib, false)).toEqual({ files: lib, via: 'none' });
  });
});

describe('the user names come back in the parsed trace', () => {
  it('maps gopherlabMain to main.main and drops the wrapper frame', () => {
    expect(unrenameFunction(`main.${RENAMED_MAIN}`)).toBe('main.main');
    expect(unrenameFunction(`main.${RENAMED_MAIN}.func1`)).toBe('main.main.func1');
    expect(unrenameFunction(`main.${RENAMED_MAIN}x`)).toBe(`main.${RENAMED_MAIN}x`);
    const t = asWritten({
      format: 'go 1.22',
      durationNs: 1,
      procs: [],
      goroutines: [
        {
          id: 7,
          name: `main.${RENAMED_MAIN}.func1`,
          system: false,
          parent: 1,
          createdNs: 0,
          endNs: null,
          creationStack: [
            { fn: `main.${RENAMED_MAIN}`, file: 'play/prog.go', line: 9 },
            { fn: 'main.main', file: `play/${WRAPPER_FILE}`, line: 24 },
            { fn: 'runtime.main', file: 'runtime/proc.go', line: 272 },
          ],
          states: [],
        },
      ],
      gc: [],
      stw: [],
      tasks: [],
      regions: [],
      logs: [],
      heap: [],
      truncated: false,
    });
    expect(t.goroutines[0]!.name).toBe('main.main.func1');
    expect(t.goroutines[0]!.creationStack.map((f) => f.fn)).toEqual(['main.main', 'runtime.main']);
  });
});
