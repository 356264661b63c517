import { describe, expect, it } from 'vitest';
import { formatTxtar, parseTxtar, toSnippetLine, validateFileName } from './txtar';

describe('txtar', () => {
  it('treats plain Go as one prog.go', () => {
    const s = parseTxtar('package main\n\nfunc main() {}\n');
    expect(s.files).toEqual([{ name: 'prog.go', startLine: 1, content: 'package main\n\nfunc main() {}\n' }]);
  });

  it('splits files at markers and keeps their line offsets', () => {
    const text = 'package main\nfunc main() {}\n-- go.mod --\nmodule play\n-- util/util.go --\npackage util\n\nvar X = 1\n';
    const s = parseTxtar(text);
    expect(s.files.map((f) => f.name)).toEqual(['prog.go', 'go.mod', 'util/util.go']);
    expect(s.files[2]).toMatchObject({ startLine: 6, content: 'package util\n\nvar X = 1\n' });
    // util/util.go line 3 is line 8 of the whole text.
    expect(toSnippetLine(s, './util/util.go', 3)).toBe(8);
    expect(text.split('\n')[7]).toBe('var X = 1');
  });

  it('drops an empty preamble when files follow', () => {
    const s = parseTxtar('\n-- main.go --\npackage main\n');
    expect(s.files.map((f) => f.name)).toEqual(['main.go']);
  });

  it('round-trips through formatTxtar', () => {
    const text = 'package main\n-- a.go --\npackage main\n';
    expect(formatTxtar(parseTxtar(text).files)).toBe(text);
  });

  it.each([
    ['../etc/passwd', /outside/],
    ['a/../../b.go', /outside/],
    ['/etc/passwd', /absolute/],
    ['C:/x.go', /absolute/],
    ['a\\b.go', /backslash/],
    ['a//b.go', /empty folder/],
    ['./a.go', /outside/],
    ['', /empty/],
    ['bad\u0000name', /control/],
  ])('refuses the file name %j', (name, why) => {
    expect(validateFileName(name)).toMatch(why);
  });

  it.each(['main.go', 'util/util.go', 'go.mod', 'data/x.txt', '.hidden.go'])('accepts %j', (name) => {
    expect(validateFileName(name)).toBeNull();
  });
});
