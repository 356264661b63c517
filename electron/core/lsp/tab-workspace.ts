// A tab's snippet as files on disk for gopls: `<root>/<tabId>/`, written with the runner's guards
// (parseSnippet: no names that escape, no local replace) plus a go.mod when the snippet has none.
// Each sync says which files to open, change and close, so gopls only hears about differences.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseSnippet } from '../pipeline/guards';
import { languageVersion } from '../sdk/version';

export interface WorkspaceFile {
  name: string;
  content: string;
  /** Opened in gopls as a document (Go files and a snippet's own go.mod); the rest stay on disk. */
  document: boolean;
}

export interface FileDelta {
  opened: WorkspaceFile[];
  changed: WorkspaceFile[];
  closed: WorkspaceFile[];
  /** Disk-only files that were written or removed (gopls hears of them as watched-file changes). */
  touched: string[];
}

/** The files gopls should see for a snippet on a release: throws RejectedInputError on bad names. */
export function snippetFiles(source: string, goVersion: string): WorkspaceFile[] {
  const files = parseSnippet(source).files.map((f) => ({ name: f.name, content: f.content, document: isDocument(f.name) }));
  if (!files.some((f) => f.name === 'go.mod')) {
    files.push({ name: 'go.mod', content: `module play\n\ngo ${languageVersion(goVersion)}\n`, document: false });
  }
  return files;
}

function isDocument(name: string): boolean {
  return name.endsWith('.go') || name === 'go.mod';
}

export function languageIdOf(name: string): string {
  return name === 'go.mod' ? 'go.mod' : 'go';
}

export class TabWorkspace {
  private files = new Map<string, WorkspaceFile>();

  constructor(readonly dir: string) {}

  get current(): ReadonlyMap<string, WorkspaceFile> {
    return this.files;
  }

  /** Writes the new file set and says what changed since the last write. */
  async write(next: WorkspaceFile[]): Promise<FileDelta> {
    const base = resolve(this.dir);
    await mkdir(base, { recursive: true });
    const delta: FileDelta = { opened: [], changed: [], closed: [], touched: [] };
    const nextByName = new Map(next.map((f) => [f.name, f]));
    for (const [name, old] of this.files) {
      if (nextByName.has(name)) continue;
      await rm(this.pathOf(name), { force: true });
      if (old.document) delta.closed.push(old);
      else delta.touched.push(name);
    }
    for (const file of next) {
      const old = this.files.get(file.name);
      if (old && old.content === file.content && old.document === file.document) continue;
      const target = this.pathOf(file.name);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.content);
      if (!file.document) {
        if (old?.document) delta.closed.push(old);
        delta.touched.push(file.name);
      } else if (old?.document) delta.changed.push(file);
      else delta.opened.push(file);
    }
    this.files = nextByName;
    return delta;
  }

  /** The file's absolute path; refuses (a second time) names that leave the tab's folder. */
  pathOf(name: string): string {
    const base = resolve(this.dir);
    const target = resolve(base, name);
    const rel = relative(base, target);
    if (rel === '' || rel.startsWith('..') || rel.split(sep).includes('..')) throw new Error(`refusing to write ${name} outside the tab's folder`);
    return target;
  }

  /** The snippet file a path names, or null when it is not one of this tab's files. */
  fileOf(path: string): string | null {
    const rel = relative(resolve(this.dir), resolve(path));
    if (rel === '' || rel.startsWith('..')) return null;
    const name = rel.split(sep).join('/');
    return this.files.has(name) ? name : null;
  }

  async remove(): Promise<void> {
    this.files.clear();
    await rm(this.dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

export function tabDir(root: string, tabId: string): string {
  return join(root, tabId);
}
