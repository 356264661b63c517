import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../shared/run';
import { diagnosticsToMarkers, snippetLineOf } from './markers';

const diag = (file: string, line: number, column: number, message = 'boom'): Diagnostic => ({ file, line, column, message, severity: 'error' });

describe('diagnosticsToMarkers', () => {
  it('underlines the identifier at the column of a plain Go file', () => {
    const source = 'package main\n\nfunc main() {\n\tundefinedThing()\n}\n';
    const [m] = diagnosticsToMarkers(source, [diag('prog.go', 4, 2, 'undefined: undefinedThing')]);
    expect(m).toMatchObject({ startLineNumber: 4, endLineNumber: 4, startColumn: 2, endColumn: 16, message: 'undefined: undefinedThing' });
  });

  it('maps a file of a txtar snippet to its line in the whole text', () => {
    const source = 'package main\n\nfunc main() {}\n-- go.mod --\nmodule x\n-- util/util.go --\npackage util\n\nvar X = y\n';
    const [m] = diagnosticsToMarkers(source, [diag('util/util.go', 3, 9)]);
    expect(m?.startLineNumber).toBe(9);
    expect(m?.startColumn).toBe(9);
    expect(snippetLineOf(source, diag('./util/util.go', 3, 9))).toBe(9);
  });

  it('skips diagnostics for files the editor does not hold', () => {
    expect(diagnosticsToMarkers('package main\n', [diag('other.go', 1, 1)])).toEqual([]);
    expect(snippetLineOf('package main\n', diag('other.go', 1, 1))).toBeNull();
  });

  it('marks the whole line when the compiler gave no column', () => {
    const [m] = diagnosticsToMarkers('package main\n\timport "x"\n', [diag('prog.go', 2, 0)]);
    expect(m).toMatchObject({ startColumn: 2, endColumn: 12 });
  });
});
