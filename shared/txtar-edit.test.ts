import { describe, expect, it } from 'vitest';
import { parseTxtar } from './txtar';
import { addFile, deleteFile, fileSegments, fileText, renameFile, setFileText } from './txtar-edit';

const THREE = 'package main\n\nfunc main() { util.Hi() }\n-- go.mod --\nmodule play\n\ngo 1.22\n-- util/util.go --\npackage util\n\nfunc Hi() {}';

describe('txtar file edits', () => {
  it('finds each file of parseTxtar in the text, the last one without a final newline', () => {
    const names = fileSegments(THREE).map((s) => s.name);
    expect(names).toEqual(parseTxtar(THREE).files.map((f) => f.name));
    expect(fileText(THREE, 0)).toBe('package main\n\nfunc main() { util.Hi() }\n');
    expect(fileText(THREE, 1)).toBe('module play\n\ngo 1.22\n');
    expect(fileText(THREE, 2)).toBe('package util\n\nfunc Hi() {}');
    expect(fileSegments(THREE)[0]!.header).toBeNull();
  });

  it('writing each file back unchanged gives the same bytes, CRLF and odd markers included', () => {
    const odd = '\n-- a.go --\r\npackage a\r\n--  b.go  --\nx\n-- c --';
    for (const text of [THREE, odd, '', 'package main', '-- prog.go --\npackage main\n']) {
      fileSegments(text).forEach((_, i) => expect(setFileText(text, i, fileText(text, i))).toBe(text));
    }
  });

  it('replaces one file and leaves the others byte for byte', () => {
    const next = setFileText(THREE, 1, 'module play\n\ngo 1.23\n');
    expect(next).toBe(THREE.replace('go 1.22', 'go 1.23'));
    // A file followed by a marker keeps its last line ended.
    expect(setFileText(THREE, 0, 'package main')).toBe(THREE.replace('package main\n\nfunc main() { util.Hi() }\n', 'package main\n'));
    // The last file may end without one, as it did.
    expect(setFileText(THREE, 2, 'package util')).toBe(THREE.replace('package util\n\nfunc Hi() {}', 'package util'));
  });

  it('a pasted txtar in a file splits into files', () => {
    const next = setFileText('package main\n', 0, '-- a.go --\npackage main\n-- b.go --\npackage main\n');
    expect(parseTxtar(next).files.map((f) => f.name)).toEqual(['a.go', 'b.go']);
  });

  it('emptying the unnamed first file keeps it, by naming it', () => {
    const next = setFileText(THREE, 0, '');
    expect(parseTxtar(next).files.map((f) => f.name)).toEqual(['prog.go', 'go.mod', 'util/util.go']);
    expect(next.startsWith('-- prog.go --\n-- go.mod --\n')).toBe(true);
  });

  it('adding a file to a plain snippet names the first file prog.go', () => {
    const plain = 'package main\n\nfunc main() {}';
    const next = addFile(plain, 'util/util.go', 'package util\n');
    expect(next).toBe('-- prog.go --\npackage main\n\nfunc main() {}\n-- util/util.go --\npackage util\n');
    expect(parseTxtar(next).files.map((f) => [f.name, f.content])).toEqual([
      ['prog.go', 'package main\n\nfunc main() {}\n'],
      ['util/util.go', 'package util\n'],
    ]);
    // Already txtar: appended after the last file, which gets its final newline.
    expect(addFile(THREE, 'b.go', 'package main\n')).toBe(`${THREE}\n-- b.go --\npackage main\n`);
  });

  it('renames in the marker line only, and names the unnamed first file', () => {
    expect(renameFile(THREE, 2, 'lib/lib.go')).toBe(THREE.replace('-- util/util.go --', '-- lib/lib.go --'));
    expect(renameFile(THREE, 0, 'main.go')).toBe(`-- main.go --\n${THREE}`);
    expect(renameFile('-- a.go --\r\npackage a\r\n-- b.go --\npackage b\n', 0, 'c.go')).toBe('-- c.go --\r\npackage a\r\n-- b.go --\npackage b\n');
    // Back to one prog.go: plain Go again.
    expect(renameFile('-- main.go --\npackage main\n', 0, 'prog.go')).toBe('package main\n');
  });

  it('deletes a file with its marker, and a lone prog.go left becomes plain Go', () => {
    expect(deleteFile(THREE, 1)).toBe('package main\n\nfunc main() { util.Hi() }\n-- util/util.go --\npackage util\n\nfunc Hi() {}');
    expect(deleteFile(THREE, 2)).toBe('package main\n\nfunc main() { util.Hi() }\n-- go.mod --\nmodule play\n\ngo 1.22\n');
    expect(deleteFile(THREE, 0)).toBe('-- go.mod --\nmodule play\n\ngo 1.22\n-- util/util.go --\npackage util\n\nfunc Hi() {}');
    const added = addFile('package main\n', 'x.go', 'package main\n');
    expect(deleteFile(added, 1)).toBe('package main\n');
    expect(() => deleteFile(THREE, 3)).toThrow(/no file 4/);
  });
});
