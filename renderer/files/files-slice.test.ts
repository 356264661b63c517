import { describe, expect, it } from 'vitest';
import { parseTxtar } from '../../shared/txtar';
import { fakeClient } from '../test/fake-client';
import { createAppStore } from '../store/store';
import { deleteProblem, newFileText, shownFileName, snippetFileNames } from './files-slice';

function setup(source: string) {
  const store = createAppStore({ client: fakeClient(), storage: null, now: () => 0 });
  const tabId = store.getState().activeTabId;
  store.getState().setSource(tabId, source);
  const text = () => store.getState().tabs.find((t) => t.id === tabId)!.source;
  return { store, tabId, text };
}

describe('files of a snippet', () => {
  it('adds a file to a plain snippet: the text becomes txtar with prog.go named, and the new file is shown', () => {
    const { store, tabId, text } = setup('package main\n\nfunc main() {}\n');
    expect(store.getState().addSnippetFile(tabId, 'util/util.go')).toBeNull();
    expect(text()).toBe('-- prog.go --\npackage main\n\nfunc main() {}\n-- util/util.go --\npackage util\n');
    expect(store.getState().activeFileByTab[tabId]).toBe('util/util.go');
  });

  it('refuses names the runner refuses, or that are taken, and changes nothing', () => {
    const { store, tabId, text } = setup('package main\n');
    for (const [name, why] of [
      ['../x.go', /outside the snippet/],
      ['/abs.go', /absolute/],
      ['PROG.go', /only in case/],
      ['prog.go', /already in the snippet/],
      ['', /empty/],
    ] as const) {
      expect(store.getState().addSnippetFile(tabId, name)).toMatch(why);
    }
    expect(text()).toBe('package main\n');
  });

  it('renames in its marker line only, and back to plain Go for a lone prog.go', () => {
    const { store, tabId, text } = setup('-- prog.go --\npackage main\n-- a.go --\npackage main\n\nvar A = 1\n');
    expect(store.getState().renameSnippetFile(tabId, 'a.go', 'b.go')).toBeNull();
    expect(text()).toBe('-- prog.go --\npackage main\n-- b.go --\npackage main\n\nvar A = 1\n');
    expect(store.getState().activeFileByTab[tabId]).toBe('b.go');
    expect(store.getState().renameSnippetFile(tabId, 'b.go', 'prog.go')).toMatch(/already in the snippet/);
    expect(store.getState().renameSnippetFile(tabId, 'b.go', 'x/../../b.go')).toMatch(/outside the snippet/);
  });

  it('deletes a file and shows its neighbour; the last Go file cannot go', () => {
    const { store, tabId, text } = setup('-- go.mod --\nmodule play\n-- prog.go --\npackage main\n-- a.go --\npackage main\n');
    store.getState().selectFile(tabId, 'a.go');
    expect(store.getState().deleteSnippetFile(tabId, 'a.go')).toBeNull();
    expect(text()).toBe('-- go.mod --\nmodule play\n-- prog.go --\npackage main\n');
    expect(shownFileName(snippetFileNames(text()), store.getState().activeFileByTab[tabId])).toBe('prog.go');
    expect(store.getState().deleteSnippetFile(tabId, 'prog.go')).toMatch(/last one/);
    expect(store.getState().deleteSnippetFile(tabId, 'go.mod')).toBeNull();
    // One prog.go left: the plain form again.
    expect(text()).toBe('package main\n');
    expect(parseTxtar(text()).files.map((f) => f.name)).toEqual(['prog.go']);
  });

  it('shows the chosen file while it exists, else the first Go file', () => {
    expect(shownFileName(['go.mod', 'main.go', 'b.go'], undefined)).toBe('main.go');
    expect(shownFileName(['go.mod', 'main.go', 'b.go'], 'b.go')).toBe('b.go');
    expect(shownFileName(['go.mod', 'main.go'], 'gone.go')).toBe('main.go');
    expect(shownFileName(['notes.txt'], undefined)).toBe('notes.txt');
    expect(deleteProblem(['a.go', 'go.mod'], 'a.go')).toMatch(/last one/);
  });

  it('starts a new file with a package clause for its folder, and a go.mod with the tab Go language version', () => {
    expect(newFileText('helper.go', undefined)).toBe('package main\n');
    expect(newFileText('util/str-ings/x_test.go', undefined)).toBe('package str_ings\n');
    expect(newFileText('v2/1x/a.go', undefined)).toBe('package p1x\n');
    expect(newFileText('go.mod', 'go1.22.3')).toBe('module play\n\ngo 1.22\n');
    expect(newFileText('notes.txt', undefined)).toBe('');
  });
});
