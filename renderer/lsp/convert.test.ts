// LSP → Monaco, on answers shaped like gopls' own (recorded from gopls v0.24 on `fmt.`).
import { describe, expect, it } from 'vitest';
import type { LspRange } from '../../shared/lsp';
import { completionKindName, completionList, definitionRanges, diagnosticMarkers, hoverContents, markupToMonaco, signatureHelp } from './convert';
import type { EditorRange } from './positions';

/** The requested file starts at editor line 10 (a txtar file after a marker). */
const shift = (r: LspRange): EditorRange => ({
  startLineNumber: r.start.line + 10,
  startColumn: r.start.character + 1,
  endLineNumber: r.end.line + 10,
  endColumn: r.end.character + 1,
});
const WORD: EditorRange = { startLineNumber: 15, startColumn: 6, endLineNumber: 15, endColumn: 6 };

const PRINTLN = {
  label: 'Println',
  labelDetails: { detail: '(a ...any) (n int, err error)' },
  kind: 3 as const,
  detail: 'func(a ...any) (n int, err error)',
  documentation: { kind: 'markdown' as const, value: 'Println formats using the default formats for its operands.\n' },
  sortText: '00015',
  filterText: 'Println',
  insertTextFormat: 2 as const,
  textEdit: { range: { start: { line: 5, character: 5 }, end: { line: 5, character: 5 } }, newText: 'Println(${1:a ...any})' },
};

describe('completion', () => {
  it('turns a gopls item into a Monaco suggestion: kind, snippet text, docs, range in the editor', () => {
    const { suggestions, incomplete } = completionList({ isIncomplete: true, items: [PRINTLN] }, shift, WORD);
    expect(incomplete).toBe(true);
    expect(suggestions).toEqual([
      {
        label: { label: 'Println', detail: '(a ...any) (n int, err error)' },
        kind: 'Function',
        detail: 'func(a ...any) (n int, err error)',
        documentation: { value: 'Println formats using the default formats for its operands.\n' },
        insertText: 'Println(${1:a ...any})',
        snippet: true,
        range: { startLineNumber: 15, startColumn: 6, endLineNumber: 15, endColumn: 6 },
        sortText: '00015',
        filterText: 'Println',
        deprecated: false,
      },
    ]);
  });

  it('maps auto-import edits and insert/replace ranges, uses the word range without an edit, and drops items it cannot place', () => {
    const { suggestions } = completionList(
      [
        {
          label: 'strings',
          kind: 9,
          insertText: 'strings',
          additionalTextEdits: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: 'import "strings"\n' }],
        },
        {
          label: 'Sprint',
          kind: 3,
          textEdit: {
            insert: { start: { line: 5, character: 5 }, end: { line: 5, character: 7 } },
            replace: { start: { line: 5, character: 5 }, end: { line: 5, character: 9 } },
            newText: 'Sprint',
          },
        },
        { label: 'Old', kind: 3, tags: [1] },
        { label: 'lost', textEdit: { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, newText: 'lost' } },
      ],
      (r) => (r.start.line === 0 ? null : shift(r)),
      WORD,
    );
    expect(suggestions.map((s) => s.label)).toEqual(['strings', 'Sprint', 'Old']);
    expect(suggestions[0]).toMatchObject({
      kind: 'Module',
      insertText: 'strings',
      snippet: false,
      range: WORD,
      additionalTextEdits: [{ range: { startLineNumber: 12, startColumn: 1, endLineNumber: 12, endColumn: 1 }, text: 'import "strings"\n' }],
    });
    expect(suggestions[1]?.range).toEqual({
      insert: { startLineNumber: 15, startColumn: 6, endLineNumber: 15, endColumn: 8 },
      replace: { startLineNumber: 15, startColumn: 6, endLineNumber: 15, endColumn: 10 },
    });
    expect(suggestions[2]).toMatchObject({ deprecated: true, insertText: 'Old' });
    expect(completionList(null, shift, WORD)).toEqual({ suggestions: [], incomplete: false });
  });

  it('names every LSP completion kind as Monaco does', () => {
    expect([1, 2, 3, 5, 6, 9, 14, 21, 22, 25].map(completionKindName)).toEqual([
      'Text',
      'Method',
      'Function',
      'Field',
      'Variable',
      'Module',
      'Keyword',
      'Constant',
      'Struct',
      'TypeParameter',
    ]);
    expect(completionKindName(undefined)).toBe('Text');
    expect(completionKindName(99)).toBe('Text');
  });
});

describe('hover', () => {
  it('keeps gopls markdown and maps its range', () => {
    const hover = hoverContents(
      {
        contents: { kind: 'markdown', value: '```go\nfunc fmt.Println(a ...any) (n int, err error)\n```\n\n---\n\nPrintln formats…' },
        range: { start: { line: 5, character: 5 }, end: { line: 5, character: 12 } },
      },
      shift,
    );
    expect(hover).toEqual({
      contents: [{ value: '```go\nfunc fmt.Println(a ...any) (n int, err error)\n```\n\n---\n\nPrintln formats…' }],
      range: { startLineNumber: 15, startColumn: 6, endLineNumber: 15, endColumn: 13 },
    });
  });

  it('turns marked strings into fenced code, escapes plain text, and shows nothing for empty hovers', () => {
    expect(hoverContents({ contents: [{ language: 'go', value: 'var x int' }, 'doc'] }, shift)).toEqual({ contents: [{ value: '```go\nvar x int\n```' }, { value: 'doc' }] });
    expect(hoverContents({ contents: { kind: 'plaintext', value: 'a*b' } }, shift)).toEqual({ contents: [{ value: 'a\\*b' }] });
    expect(hoverContents({ contents: { kind: 'markdown', value: '  ' } }, shift)).toBeNull();
    expect(hoverContents(null, shift)).toBeNull();
    expect(markupToMonaco({ kind: 'plaintext', value: '' })).toBeUndefined();
  });
});

describe('signature help', () => {
  it('keeps labels, parameter offsets and the active parameter', () => {
    const help = signatureHelp({
      signatures: [
        {
          label: 'Printf(format string, a ...any) (n int, err error)',
          documentation: { kind: 'markdown', value: 'Printf formats according to a format specifier.' },
          parameters: [{ label: [7, 20] }, { label: [22, 30] }],
          activeParameter: 1,
        },
      ],
      activeSignature: 0,
      activeParameter: 1,
    });
    expect(help).toEqual({
      signatures: [
        {
          label: 'Printf(format string, a ...any) (n int, err error)',
          documentation: { value: 'Printf formats according to a format specifier.' },
          parameters: [{ label: [7, 20] }, { label: [22, 30] }],
          activeParameter: 1,
        },
      ],
      activeSignature: 0,
      activeParameter: 1,
    });
    expect(signatureHelp({ signatures: [] })).toBeNull();
    expect(signatureHelp(null)).toBeNull();
  });
});

describe('definition', () => {
  it('keeps places in the snippet and drops those outside it', () => {
    const ranges = definitionRanges(
      [
        { file: 'util/util.go', path: '/x/util/util.go', range: { start: { line: 3, character: 5 }, end: { line: 3, character: 9 } } },
        { file: null, path: '/goroot/src/fmt/print.go', range: { start: { line: 313, character: 5 }, end: { line: 313, character: 12 } } },
      ],
      (file, r) => (file === 'util/util.go' ? shift(r) : null),
    );
    expect(ranges).toEqual([{ startLineNumber: 13, startColumn: 6, endLineNumber: 13, endColumn: 10 }]);
    expect(definitionRanges(null, () => null)).toEqual([]);
  });
});

describe('diagnostics', () => {
  it('become markers with Monaco severities, widening empty ranges to one character', () => {
    const markers = diagnosticMarkers(
      [
        { range: { start: { line: 3, character: 9 }, end: { line: 3, character: 13 } }, severity: 1, message: 'undefined: nope', source: 'compiler', code: 'UndeclaredName' },
        { range: { start: { line: 4, character: 2 }, end: { line: 4, character: 2 } }, severity: 4, message: 'could be simpler' },
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'unplaceable' },
      ],
      (r) => (r.start.line === 0 ? null : shift(r)),
    );
    expect(markers).toEqual([
      { startLineNumber: 13, startColumn: 10, endLineNumber: 13, endColumn: 14, message: 'undefined: nope', severity: 'Error', source: 'compiler', code: 'UndeclaredName' },
      { startLineNumber: 14, startColumn: 3, endLineNumber: 14, endColumn: 4, message: 'could be simpler', severity: 'Hint', source: 'gopls' },
    ]);
  });
});
