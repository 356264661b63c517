// The files of each tab's snippet as the editor shows them: one at a time, picked in the file
// strip. Adding, renaming and deleting rewrite the tab's txtar text (shared/txtar-edit) after the
// runner's own name rules (shared/snippet-guards) agree, so the editor never saves what a run refuses.
import { languageVersion } from '../../shared/go-version';
import { newFileNameProblem } from '../../shared/snippet-guards';
import { addFile, deleteFile, fileSegments, renameFile } from '../../shared/txtar-edit';
import { resolveToolchain } from '../store/toolchain-slice';
import type { SliceCreator } from '../store/types';

export interface FilesSlice {
  /** The file each tab shows, by tab id; absent (or gone): its first Go file. */
  activeFileByTab: Record<string, string>;
  selectFile(tabId: string, name: string): void;
  /** Adds a file and shows it; what is wrong with the name instead, when something is. */
  addSnippetFile(tabId: string, name: string): string | null;
  renameSnippetFile(tabId: string, from: string, to: string): string | null;
  deleteSnippetFile(tabId: string, name: string): string | null;
}

/** The names of a snippet's files, in order. */
export function snippetFileNames(source: string): string[] {
  return fileSegments(source).map((s) => s.name);
}

/** The file the editor shows: the chosen one while it exists, else the first Go file, else the first. */
export function shownFileName(names: ReadonlyArray<string>, chosen: string | undefined): string {
  if (chosen !== undefined && names.includes(chosen)) return chosen;
  return names.find((n) => n.endsWith('.go')) ?? names[0] ?? 'prog.go';
}

/** Why a file may not be deleted, or null. */
export function deleteProblem(names: ReadonlyArray<string>, name: string): string | null {
  if (!names.includes(name)) return `there is no file "${name}"`;
  if (name.endsWith('.go') && names.filter((n) => n.endsWith('.go')).length === 1) return 'a snippet needs a Go file: this is its last one';
  return null;
}

/** What a new file starts with: a package clause fit for its folder, or a go.mod for the tab's Go. */
export function newFileText(name: string, goVersion: string | undefined): string {
  if (name === 'go.mod' || name.endsWith('/go.mod')) return `module play\n${goVersion ? `\ngo ${languageVersion(goVersion)}\n` : ''}`;
  if (!name.endsWith('.go')) return '';
  const dir = name.includes('/') ? name.slice(0, name.lastIndexOf('/')) : '';
  const last = dir.slice(dir.lastIndexOf('/') + 1);
  let pkg = dir === '' ? 'main' : last.replace(/[^\p{L}\p{N}_]/gu, '_');
  if (!/^[\p{L}_]/u.test(pkg)) pkg = `p${pkg}`;
  return `package ${pkg}\n`;
}

export function createFilesSlice(): SliceCreator<FilesSlice> {
  return (set, get) => {
    const tabOf = (tabId: string) => get().tabs.find((t) => t.id === tabId);
    const show = (tabId: string, name: string) => set((s) => ({ activeFileByTab: { ...s.activeFileByTab, [tabId]: name } }));

    return {
      activeFileByTab: {},

      selectFile(tabId, name) {
        if (get().activeFileByTab[tabId] !== name) show(tabId, name);
      },

      addSnippetFile(tabId, raw) {
        const tab = tabOf(tabId);
        if (!tab) return 'the tab is gone';
        const names = snippetFileNames(tab.source);
        const problem = newFileNameProblem(raw, names);
        if (problem) return problem;
        const tc = resolveToolchain(get().toolchains, tab.go);
        get().setSource(tabId, addFile(tab.source, raw, newFileText(raw, tc?.version)));
        show(tabId, raw);
        return null;
      },

      renameSnippetFile(tabId, from, to) {
        const tab = tabOf(tabId);
        if (!tab) return 'the tab is gone';
        if (from === to) return null;
        const names = snippetFileNames(tab.source);
        const index = names.indexOf(from);
        if (index < 0) return `there is no file "${from}"`;
        const problem = newFileNameProblem(to, names.filter((_, i) => i !== index));
        if (problem) return problem;
        get().setSource(tabId, renameFile(tab.source, index, to));
        show(tabId, to);
        return null;
      },

      deleteSnippetFile(tabId, name) {
        const tab = tabOf(tabId);
        if (!tab) return 'the tab is gone';
        const names = snippetFileNames(tab.source);
        const problem = deleteProblem(names, name);
        if (problem) return problem;
        const index = names.indexOf(name);
        get().setSource(tabId, deleteFile(tab.source, index));
        // The neighbour takes its place in the strip.
        const rest = names.filter((_, i) => i !== index);
        show(tabId, shownFileName(rest, rest[Math.min(index, rest.length - 1)]));
        return null;
      },
    };
  };
}
