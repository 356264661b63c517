import { describe, expect, it } from 'vitest';
import { fileSpans, toEditorRange, toFilePosition } from './positions';

const MULTI = [
  'package main', // 1
  '', // 2
  'func main() { util.Hi() }', // 3
  '-- go.mod --', // 4
  'module play', // 5
  '', // 6
  'go 1.22', // 7
  '-- util/util.go --', // 8
  'package util', // 9
  '', // 10
  'func Hi() {}', // 11
  '', // 12
].join('\n');

describe('editor ↔ file positions', () => {
  it('splits a txtar text into the editor lines of each file', () => {
    expect(fileSpans(MULTI)).toEqual([
      { name: 'prog.go', startLine: 1, endLine: 3 },
      { name: 'go.mod', startLine: 5, endLine: 7 },
      { name: 'util/util.go', startLine: 9, endLine: 12 },
    ]);
    expect(fileSpans('package main\n')).toEqual([{ name: 'prog.go', startLine: 1, endLine: 2 }]);
    // No preamble: the first file starts after its marker.
    expect(fileSpans('-- a.go --\npackage a\n')).toEqual([{ name: 'a.go', startLine: 2, endLine: 3 }]);
  });

  it('maps an editor position (1-based) to a file position (0-based), and not on a marker line', () => {
    const spans = fileSpans(MULTI);
    expect(toFilePosition(spans, 3, 20)).toEqual({ file: 'prog.go', position: { line: 2, character: 19 } });
    expect(toFilePosition(spans, 11, 6)).toEqual({ file: 'util/util.go', position: { line: 2, character: 5 } });
    expect(toFilePosition(spans, 1, 1)).toEqual({ file: 'prog.go', position: { line: 0, character: 0 } });
    expect(toFilePosition(spans, 8, 3)).toBeNull();
    expect(toFilePosition(spans, 4, 1)).toBeNull();
  });

  it('maps a file range back to the editor, and nothing for a file the text does not have', () => {
    const spans = fileSpans(MULTI);
    expect(toEditorRange(spans, 'util/util.go', { start: { line: 2, character: 5 }, end: { line: 2, character: 7 } })).toEqual({
      startLineNumber: 11,
      startColumn: 6,
      endLineNumber: 11,
      endColumn: 8,
    });
    expect(toEditorRange(spans, 'prog.go', { start: { line: 0, character: 0 }, end: { line: 0, character: 7 } })).toEqual({
      startLineNumber: 1,
      startColumn: 1,
      endLineNumber: 1,
      endColumn: 8,
    });
    expect(toEditorRange(spans, 'missing.go', { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } })).toBeNull();
  });

  it('round-trips every position of every file', () => {
    const spans = fileSpans(MULTI);
    const lines = MULTI.split('\n');
    for (let ln = 1; ln <= lines.length; ln++) {
      const at = toFilePosition(spans, ln, 2);
      if (!at) continue;
      const back = toEditorRange(spans, at.file, { start: at.position, end: at.position });
      expect(back).toMatchObject({ startLineNumber: ln, startColumn: 2 });
    }
  });
});
