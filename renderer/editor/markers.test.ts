import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../shared/run';
import { fileLineAt, markersByFile, snippetLineOf } from './markers';

const diag = (file: string, line: number, column: number, message = 'boom', severity: Diagnostic['severity'] = 'error'): Diagnostic => ({ file, line, column, message, severity });

const MULTI = 'package main\n\nfunc main() {}\n-- go.mod --\nmodule x\n-- util/util.go --\npackage util\n\nvar X = y\n';

describe('markersByFile', () => {
  it('underlines the identifier at the column of a plain Go file', () => {
    const m = markersByFile('package main\n\nfunc main() {\n\tundefinedThing()\n}\n', [diag('prog.go', 4, 2, 'undefined: undefinedThing')]);
    expect(m.get('prog.go')).toEqual([
      { startLineNumber: 4, endLineNumber: 4, startColumn: 2, endColumn: 16, message: 'undefined: undefinedThing', severity: 'error', file: 'prog.go' },
    ]);
  });

  it('puts a diagnostic of a txtar file on that file, at the file own line', () => {
    const m = markersByFile(MULTI, [diag('./util/util.go', 3, 9), diag('prog.go', 3, 6, 'vet says', 'warning')]);
    expect([...m.keys()]).toEqual(['util/util.go', 'prog.go']);
    expect(m.get('util/util.go')![0]).toMatchObject({ startLineNumber: 3, startColumn: 9, endColumn: 10 });
    expect(m.get('prog.go')![0]).toMatchObject({ startLineNumber: 3, startColumn: 6, endColumn: 10, severity: 'warning' });
  });

  it('skips diagnostics for files (or lines) the text does not hold', () => {
    expect(markersByFile('package main\n', [diag('other.go', 1, 1), diag('prog.go', 9, 1)]).size).toBe(0);
  });

  it('marks the whole line when the compiler gave no column', () => {
    const m = markersByFile('package main\n\timport "x"\n', [diag('prog.go', 2, 0)]);
    expect(m.get('prog.go')![0]).toMatchObject({ startColumn: 2, endColumn: 12 });
  });
});

describe('whole-text lines (the Problems list) ↔ files', () => {
  it('maps both ways', () => {
    expect(snippetLineOf(MULTI, diag('./util/util.go', 3, 9))).toBe(9);
    expect(fileLineAt(MULTI, 9)).toEqual({ file: 'util/util.go', line: 3 });
    expect(fileLineAt(MULTI, 3)).toEqual({ file: 'prog.go', line: 3 });
    expect(fileLineAt(MULTI, 5)).toEqual({ file: 'go.mod', line: 1 });
    // The marker line of a file belongs to the file it starts.
    expect(fileLineAt(MULTI, 6)).toEqual({ file: 'util/util.go', line: 1 });
    expect(snippetLineOf('package main\n', diag('other.go', 1, 1))).toBeNull();
  });
});
