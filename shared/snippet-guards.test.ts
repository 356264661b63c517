import { describe, expect, it } from 'vitest';
import { goModProblem, newFileNameProblem, snippetProblem } from './snippet-guards';
import { MAX_FILES, parseTxtar } from './txtar';

describe('snippet guards (shared by the runner and the editor)', () => {
  it('names the file and the marker line of a name that leaves the snippet', () => {
    const p = snippetProblem(parseTxtar('package main\n-- ../evil.go --\npackage main\n'));
    expect(p).toMatchObject({ file: '../evil.go', line: 2 });
    expect(p?.message).toMatch(/points outside the snippet.*Rename the file in its "-- name --" line\./);
  });

  it('refuses two names that differ only in case, and too many files', () => {
    expect(snippetProblem(parseTxtar('-- A.go --\npackage main\n-- a.go --\npackage main\n'))?.message).toMatch(/two files are named "a.go"/);
    const many = Array.from({ length: MAX_FILES + 1 }, (_, i) => `-- f${i}.go --\npackage main\n`).join('');
    expect(snippetProblem(parseTxtar(many))?.message).toMatch(`at most ${MAX_FILES}`);
    expect(snippetProblem(parseTxtar('package main\n-- go.mod --\nmodule play\n-- util/util.go --\npackage util\n'))).toBeNull();
  });

  it('checks a new file name against the runner rules and the files already there', () => {
    expect(newFileNameProblem('util/util.go', ['prog.go'])).toBeNull();
    expect(newFileNameProblem('../x.go', ['prog.go'])).toMatch(/outside the snippet/);
    expect(newFileNameProblem('/etc/x.go', ['prog.go'])).toMatch(/absolute/);
    expect(newFileNameProblem('a\\b.go', ['prog.go'])).toMatch(/backslash/);
    expect(newFileNameProblem('', ['prog.go'])).toMatch(/empty/);
    expect(newFileNameProblem(' x.go', ['prog.go'])).toMatch(/space/);
    expect(newFileNameProblem('prog.go', ['prog.go'])).toMatch(/already in the snippet/);
    expect(newFileNameProblem('Prog.go', ['prog.go'])).toMatch(/only in case/);
    expect(newFileNameProblem('x.go', Array.from({ length: MAX_FILES }, (_, i) => `f${i}.go`))).toMatch(`at most ${MAX_FILES}`);
  });

  it('finds a local replace in go.mod, with its line', () => {
    expect(goModProblem('module play\n\nreplace (\n\texample.com/y => ../y\n)\n')).toMatchObject({ file: 'go.mod', line: 4 });
    expect(goModProblem('module play\n\nreplace example.com/x => example.com/y v1.2.3 // was ../x\n')).toBeNull();
  });
});
