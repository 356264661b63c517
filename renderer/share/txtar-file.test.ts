import { describe, expect, it } from 'vitest';
import { parseTxtar } from '../../shared/txtar';
import { fromTxtarFile, importProblem, PROG_HEADER, titleFromFileName, toTxtarFile, txtarFileName } from './txtar-file';
import { snippetMarkdown } from './markdown';

const SOURCES = [
  'package main\n\nfunc main() {}\n',
  'package main\n\nfunc main() {}', // no final newline
  '',
  'package main\r\n\r\nfunc main() {}\r\n',
  '-- go.mod --\nmodule x\n-- main.go --\npackage main\n\nfunc main() {}',
  'package main\n\nfunc main() { helper() }\n-- helper.go --\npackage main\n\nfunc helper() {}\n',
  '// note: a line like -- this -- is not a marker unless it is the whole line\npackage main\n',
];

describe('.txtar files', () => {
  it('round-trips every snippet: import(export(s)) is s, and export(import(file)) is the same bytes', () => {
    for (const source of SOURCES) {
      const file = toTxtarFile(source);
      expect(fromTxtarFile(file), JSON.stringify(source)).toBe(source);
      expect(toTxtarFile(fromTxtarFile(file)), JSON.stringify(source)).toBe(file);
      // Whatever txtar tool reads the file sees the same files the runner does.
      expect(parseTxtar(file).files.map((f) => [f.name, f.content])).toEqual(parseTxtar(source).files.map((f) => [f.name, f.content]));
    }
  });

  it('writes a one-file snippet as a real archive and a multi-file one as it is', () => {
    expect(toTxtarFile('package main\n')).toBe(`${PROG_HEADER}package main\n`);
    expect(toTxtarFile(SOURCES[4]!)).toBe(SOURCES[4]);
    // A file someone wrote with a header and another file keeps its header.
    const both = `${PROG_HEADER}package main\n-- b.go --\npackage main\n`;
    expect(fromTxtarFile(both)).toBe(both);
  });

  it('refuses files that cannot become a snippet, saying what to do', () => {
    expect(importProblem('a.txtar', '')).toBe('a.txtar is empty; there is nothing to import');
    expect(importProblem('a.txtar', 'x\u0000y')).toContain('is not a text file');
    expect(importProblem('a.txtar', '-- ../etc/passwd --\nx\n')).toBe(
      'a.txtar: the file name "../etc/passwd" points outside the snippet (".." is not allowed); fix its "-- ../etc/passwd --" line and import it again',
    );
    expect(importProblem('a.txtar', 'x'.repeat(4 * 1024 * 1024 + 1))).toContain('larger than 4 MiB');
    expect(importProblem('a.txtar', SOURCES[4]!)).toBeNull();
  });

  it('names files after the snippet and snippets after the file', () => {
    expect(txtarFileName('hello world.go')).toBe('hello-world.txtar');
    expect(txtarFileName('  ')).toBe('snippet.txtar');
    expect(txtarFileName('../../x')).toBe('x.txtar');
    expect(titleFromFileName('hello-world.txtar')).toBe('hello-world');
    expect(titleFromFileName('main.go')).toBe('main.go');
  });
});

describe('Markdown', () => {
  it('fences a one-file snippet as Go', () => {
    expect(snippetMarkdown('package main')).toBe('```go\npackage main\n```\n');
  });

  it('gives each file of a multi-file snippet its name as a heading, and outruns backticks in the code', () => {
    const md = snippetMarkdown('-- go.mod --\nmodule x\n-- main.go --\npackage main\n\nvar s = `a ``` b`\n');
    expect(md).toBe('### go.mod\n\n```\nmodule x\n```\n\n### main.go\n\n````go\npackage main\n\nvar s = `a ``` b`\n````\n');
  });
});
